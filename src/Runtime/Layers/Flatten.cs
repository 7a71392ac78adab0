using System;
using System.Collections.Generic;

namespace ConvGen.Layers
{
    /// <summary>
    /// Flattens every dimension after the batch: <c>[N, d1, d2, ...]</c> to <c>[N, d1*d2*...]</c> (PyTorch's
    /// <c>nn.Flatten()</c> defaults). Row-major order makes this a view: the output shares the input's data.
    /// </summary>
    public sealed class Flatten : ILayer
    {
        private int[]? _inputShape;

        /// <inheritdoc />
        public IReadOnlyList<Parameter> Parameters => [];

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.Rank < 1)
                throw new ArgumentException($"{nameof(Flatten)} expects input with a batch dimension [N, ...], got shape {input.ShapeString}.", nameof(input));
            int n = input.Dim(0);
            _inputShape = input.Shape.ToArray();
            return input.Reshape(n, n == 0 ? 0 : input.Length / n);
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_inputShape is null) throw LayerChecks.BackwardBeforeForward(nameof(Flatten));
            int n = _inputShape[0];
            LayerChecks.Shape(gradOutput, [n, n == 0 ? 0 : LengthOf(_inputShape) / n], nameof(Flatten) + ".Backward", nameof(gradOutput));
            return gradOutput.Reshape(_inputShape);
        }

        private static int LengthOf(int[] shape)
        {
            int length = 1;
            foreach (int d in shape) length *= d;
            return length;
        }
    }
}
