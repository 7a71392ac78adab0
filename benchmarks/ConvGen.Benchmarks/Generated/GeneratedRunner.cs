using System;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Generated
{
    /// <summary>The allocation-free forward overload every generated layer has.</summary>
    public delegate void SpanConvForward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);

    /// <summary>
    /// A generated layer's backward for a training step: given x and dL/dy, writes dL/dx and accumulates dL/dw, dL/db into the
    /// layer's own gradient buffers. Optional until the generator's span backward API is fixed.
    /// </summary>
    public delegate void SpanConvBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradInput,
        int batch, int height, int width);

    /// <summary>Runs a generated layer through its span overloads, on the same inputs as the other ConvGen runners.</summary>
    public sealed class GeneratedRunner : IConvRunner
    {
        private readonly BenchShape _s;
        private readonly ConvData _d;
        private readonly SpanConvForward _forward;
        private readonly SpanConvBackward? _backward;

        /// <summary>
        /// Wraps a layer instance's <paramref name="forward"/> (and optionally <paramref name="backward"/>) for
        /// <paramref name="shape"/>, first copying the shared benchmark weights into the layer's <paramref name="weight"/> and
        /// <paramref name="bias"/> so its output can be checked against the other engines'.
        /// </summary>
        public GeneratedRunner(BenchShape shape, SpanConvForward forward, Span<float> weight, Span<float> bias, SpanConvBackward? backward = null)
        {
            _s = shape;
            _d = new ConvData(shape);
            _d.Weight.CopyTo(weight);
            _d.Bias.CopyTo(bias);
            _forward = forward;
            _backward = backward;
        }

        /// <inheritdoc />
        public bool Supports(Pass pass) => pass == Pass.Forward || _backward is not null;

        /// <inheritdoc />
        public void Run(Pass pass)
        {
            _forward(_d.Input, _d.Output, _s.Batch, _s.Height, _s.Width);
            if (pass == Pass.Forward) return;
            Array.Clear(_d.GradInput);
            _backward!(_d.Input, _d.GradOutput, _d.GradInput, _s.Batch, _s.Height, _s.Width);
        }

        /// <inheritdoc />
        public float[] ForwardOutput()
        {
            Run(Pass.Forward);
            return (float[])_d.Output.Clone();
        }

        /// <inheritdoc />
        public ConvGradients? BackwardOutputs() => null; // the layer accumulates dL/dw, dL/db in its own buffers

        /// <inheritdoc />
        public void Dispose() { }
    }
}
