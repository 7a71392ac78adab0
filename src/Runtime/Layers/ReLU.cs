using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Layers
{
    /// <summary>Rectified linear unit, <c>max(x, 0)</c> element-wise, any shape. Its gradient is 1 where x &gt; 0, else 0 (PyTorch's choice at 0).</summary>
    public sealed class ReLU : ILayer
    {
        private readonly ReusableTensor _outputBuffer = new();
        private readonly ReusableTensor _gradInputBuffer = new();
        private Tensor? _output;

        /// <inheritdoc />
        public IReadOnlyList<Parameter> Parameters => [];

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            Tensor output = _outputBuffer.Get(input.Shape, input);
            TensorPrimitives.Max(input.AsSpan(), 0f, output.AsSpan());
            _output = output;
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_output is null) throw LayerChecks.BackwardBeforeForward(nameof(ReLU));
            LayerChecks.Shape(gradOutput, _output.Shape, nameof(ReLU) + ".Backward", nameof(gradOutput));
            Tensor gradInput = _gradInputBuffer.Get(_output.Shape, gradOutput);
            ReadOnlySpan<float> y = _output.AsSpan(), g = gradOutput.AsSpan();
            Span<float> dx = gradInput.AsSpan();
            // A mask select has no TensorPrimitives counterpart; the JIT vectorises this simple loop well enough.
            for (int i = 0; i < dx.Length; i++) dx[i] = y[i] > 0 ? g[i] : 0f;
            return gradInput;
        }
    }
}
