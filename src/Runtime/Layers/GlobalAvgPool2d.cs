using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Layers
{
    /// <summary>
    /// Averages each channel over its whole plane: <c>[N, C, H, W]</c> to <c>[N, C, 1, 1]</c>, the same as
    /// <c>nn.AdaptiveAvgPool2d(1)</c> (follow it with <see cref="Flatten"/> for <c>[N, C]</c>). The result no longer
    /// depends on where a feature appeared: the translation invariance a classifier head wants.
    /// </summary>
    public sealed class GlobalAvgPool2d : ILayer
    {
        private int[]? _inputShape;

        /// <inheritdoc />
        public IReadOnlyList<Parameter> Parameters => [];

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            LayerChecks.Rank(input, 4, nameof(GlobalAvgPool2d), "[N, C, H, W]", nameof(input));
            int planes = input.Dim(0) * input.Dim(1), size = input.Dim(2) * input.Dim(3);
            if (size == 0)
                throw new ArgumentException($"{nameof(GlobalAvgPool2d)} needs a non-empty spatial size, got input {input.ShapeString}.", nameof(input));
            var output = new Tensor(input.Dim(0), input.Dim(1), 1, 1);
            ReadOnlySpan<float> x = input.AsSpan();
            Span<float> y = output.AsSpan();
            for (int p = 0; p < planes; p++) y[p] = TensorPrimitives.Sum(x.Slice(p * size, size)) / size;
            _inputShape = input.Shape.ToArray();
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_inputShape is null) throw LayerChecks.BackwardBeforeForward(nameof(GlobalAvgPool2d));
            LayerChecks.Shape(gradOutput, [_inputShape[0], _inputShape[1], 1, 1], nameof(GlobalAvgPool2d) + ".Backward", nameof(gradOutput));
            int planes = _inputShape[0] * _inputShape[1], size = _inputShape[2] * _inputShape[3];
            var gradInput = new Tensor(_inputShape);
            ReadOnlySpan<float> g = gradOutput.AsSpan();
            Span<float> dx = gradInput.AsSpan();
            for (int p = 0; p < planes; p++) dx.Slice(p * size, size).Fill(g[p] / size);
            return gradInput;
        }
    }
}
