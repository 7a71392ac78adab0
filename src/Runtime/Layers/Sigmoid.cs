using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Layers
{
    /// <summary>Logistic sigmoid <c>1 / (1 + e^-x)</c> element-wise, any shape. Backward uses the saved output: <c>dx = g * y * (1 - y)</c>.</summary>
    public sealed class Sigmoid : ILayer
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
            TensorPrimitives.Sigmoid(input.AsSpan(), output.AsSpan());
            _output = output;
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_output is null) throw LayerChecks.BackwardBeforeForward(nameof(Sigmoid));
            LayerChecks.Shape(gradOutput, _output.Shape, nameof(Sigmoid) + ".Backward", nameof(gradOutput));
            Tensor gradInput = _gradInputBuffer.Get(_output.Shape, gradOutput);
            Span<float> dx = gradInput.AsSpan();
            ReadOnlySpan<float> y = _output.AsSpan();
            TensorPrimitives.Subtract(1f, y, dx);                    // 1 - y
            TensorPrimitives.Multiply(dx, y, dx);                    // y (1 - y)
            TensorPrimitives.Multiply(dx, gradOutput.AsSpan(), dx);  // g y (1 - y)
            return gradInput;
        }
    }
}
