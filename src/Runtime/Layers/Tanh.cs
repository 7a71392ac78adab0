using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Layers
{
    /// <summary>Hyperbolic tangent element-wise, any shape. Backward uses the saved output: <c>dx = g * (1 - y²)</c>.</summary>
    public sealed class Tanh : ILayer
    {
        private readonly ReusableTensor _outputBuffer = new();
        private readonly ReusableTensor _gradInputBuffer = new();
        private Tensor? _output;

        /// <inheritdoc />
        public IReadOnlyList<Parameter> Parameters => [];

        /// <inheritdoc />
        void ILayer.EnableBufferReuse(bool output, bool inputGradient)
        {
            _outputBuffer.Enabled = output;
            _gradInputBuffer.Enabled = inputGradient;
        }

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            Tensor output = _outputBuffer.Get(input.Shape, input);
            TensorPrimitives.Tanh(input.AsSpan(), output.AsSpan());
            _output = output;
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_output is null) throw LayerChecks.BackwardBeforeForward(nameof(Tanh));
            LayerChecks.Shape(gradOutput, _output.Shape, nameof(Tanh) + ".Backward", nameof(gradOutput));
            Tensor gradInput = _gradInputBuffer.Get(_output.Shape, gradOutput);
            Span<float> dx = gradInput.AsSpan();
            TensorPrimitives.Multiply(_output.AsSpan(), _output.AsSpan(), dx);   // y²
            TensorPrimitives.Subtract(1f, dx, dx);                               // 1 - y²
            TensorPrimitives.Multiply(dx, gradOutput.AsSpan(), dx);              // g * (1 - y²)
            return gradInput;
        }
    }
}
