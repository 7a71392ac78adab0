using System;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Generated
{
    /// <summary>The allocation-free forward overload every generated layer has.</summary>
    public delegate void SpanConvForward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);

    /// <summary>
    /// The allocation-free backward overload every generated layer has: for the last forward, overwrites
    /// <paramref name="gradInput"/> with dL/dx and ADDS dL/dw, dL/db into the layer's WeightGrad and BiasGrad. One call
    /// computes both the data and the weight gradients; there is no separate entry point for either.
    /// </summary>
    public delegate void SpanConvBackward(ReadOnlySpan<float> gradOutput, Span<float> gradInput);

    /// <summary>Runs a generated layer through its span overloads, on the same inputs as the other ConvGen runners.</summary>
    public sealed class GeneratedRunner : IConvRunner
    {
        private readonly BenchShape _s;
        private readonly ConvData _d;
        private readonly SpanConvForward _forward;
        private readonly SpanConvBackward _backward;
        private readonly Tensor _weightGrad;
        private readonly Tensor? _biasGrad;
        private readonly ILayer _layer;
        private bool _trainingForwardDone;

        /// <summary>
        /// Wraps a layer instance's span overloads for <paramref name="shape"/>, first copying the shared benchmark weights
        /// into the layer's <paramref name="weight"/> and <paramref name="bias"/> so its results can be checked against the
        /// other engines'. <paramref name="weightGrad"/> and <paramref name="biasGrad"/> are the layer's accumulating gradients.
        /// </summary>
        public GeneratedRunner(BenchShape shape, ILayer layer, SpanConvForward forward, SpanConvBackward backward,
            Tensor weight, Tensor? bias, Tensor weightGrad, Tensor? biasGrad)
        {
            _layer = layer;
            _s = shape;
            _d = new ConvData(shape);
            if (weight.Length != _d.Weight.Length || bias?.Length != _d.Bias.Length)
                throw new ArgumentException($"The generated layer's parameters do not fit shape {shape}.");
            _d.Weight.CopyTo(weight.AsSpan());
            _d.Bias.CopyTo(bias!.AsSpan());
            _forward = forward;
            _backward = backward;
            _weightGrad = weightGrad;
            _biasGrad = biasGrad;
        }

        /// <inheritdoc />
        public bool Supports(Pass pass) => true;

        /// <inheritdoc />
        public void Run(Pass pass)
        {
            if (pass == Pass.Forward)
            {
                // Inference, like ONNX Runtime and libtorch under no_grad: nothing is kept for a backward pass.
                _layer.SetTraining(false);
                _forward(_d.Input, _d.Output, _s.Batch, _s.Height, _s.Width);
                _trainingForwardDone = false;
                return;
            }
            _layer.SetTraining(true);
            if (pass == Pass.ForwardBackward || !_trainingForwardDone)
            {
                _forward(_d.Input, _d.Output, _s.Batch, _s.Height, _s.Width);
                _trainingForwardDone = true;
            }
            // Weights only: the layer skips dL/dx, as for the first layer of a network (gradInput is then zeros).
            _layer.SetInputGradientRequired(pass != Pass.BackwardWeights);
            // Data only: frozen parameters, whose gradients the layer neither computes nor touches.
            // (Indexed: foreach over the interface would allocate an enumerator, which the allocation probe would count.)
            for (int i = 0; i < _layer.Parameters.Count; i++) _layer.Parameters[i].RequiresGrad = pass != Pass.BackwardData;
            // Backward accumulates parameter gradients, as PyTorch does; every engine starts from zero gradients.
            _weightGrad.Clear();
            _biasGrad?.Clear();
            _backward(_d.GradOutput, _d.GradInput);
        }

        /// <inheritdoc />
        public float[] ForwardOutput()
        {
            Run(Pass.Forward);
            return (float[])_d.Output.Clone();
        }

        /// <inheritdoc />
        public ConvGradients? BackwardOutputs()
        {
            Run(Pass.ForwardBackward);
            return new ConvGradients((float[])_d.GradInput.Clone(), _weightGrad.ToArray(), _biasGrad?.ToArray() ?? []);
        }

        /// <inheritdoc />
        public void Dispose() { }
    }
}
