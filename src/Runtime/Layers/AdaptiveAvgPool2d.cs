using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Layers
{
    /// <summary>
    /// Average pooling to a fixed output size whatever the input size (PyTorch's <c>nn.AdaptiveAvgPool2d</c>). Output row
    /// <c>i</c> averages input rows <c>floor(i*H/Ho)</c> to <c>ceil((i+1)*H/Ho)</c> (exclusive), and likewise for columns,
    /// so windows overlap or differ in size when the sizes do not divide.
    /// </summary>
    public sealed class AdaptiveAvgPool2d : ILayer
    {
        private int[]? _inputShape;
        private int[]? _outputShape;

        /// <summary>Square output of <paramref name="outputSize"/> x <paramref name="outputSize"/>.</summary>
        public AdaptiveAvgPool2d(int outputSize) : this((outputSize, outputSize)) { }

        /// <summary>Output of the given (height, width).</summary>
        public AdaptiveAvgPool2d((int H, int W) outputSize)
        {
            LayerChecks.AtLeast(outputSize.H, 1, "outputSize.H");
            LayerChecks.AtLeast(outputSize.W, 1, "outputSize.W");
            OutputSize = outputSize;
        }

        /// <summary>The fixed output (height, width).</summary>
        public (int H, int W) OutputSize { get; }

        /// <inheritdoc />
        public IReadOnlyList<Parameter> Parameters => [];

        /// <summary>First input index of output <paramref name="i"/>: <c>floor(i * inSize / outSize)</c>.</summary>
        public static int WindowStart(int i, int inSize, int outSize) => (int)((long)i * inSize / outSize);

        /// <summary>One past the last input index of output <paramref name="i"/>: <c>ceil((i + 1) * inSize / outSize)</c>.</summary>
        public static int WindowEnd(int i, int inSize, int outSize) => (int)(((long)(i + 1) * inSize + outSize - 1) / outSize);

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            LayerChecks.Rank(input, 4, nameof(AdaptiveAvgPool2d), "[N, C, H, W]", nameof(input));
            int h = input.Dim(2), w = input.Dim(3), oh = OutputSize.H, ow = OutputSize.W;
            if (h < 1 || w < 1)
                throw new ArgumentException($"{nameof(AdaptiveAvgPool2d)} needs a non-empty spatial size, got input {input.ShapeString}.", nameof(input));
            var output = new Tensor(input.Dim(0), input.Dim(1), oh, ow);
            PlaneLoop.For(input.Dim(0) * input.Dim(1), (long)h * w, plane =>
            {
                ReadOnlySpan<float> x = input.AsSpan().Slice(plane * h * w, h * w);
                Span<float> y = output.AsSpan().Slice(plane * oh * ow, oh * ow);
                for (int i = 0; i < oh; i++)
                {
                    int r0 = WindowStart(i, h, oh), r1 = WindowEnd(i, h, oh);
                    for (int j = 0; j < ow; j++)
                    {
                        int c0 = WindowStart(j, w, ow), c1 = WindowEnd(j, w, ow);
                        float sum = 0;
                        for (int r = r0; r < r1; r++) sum += TensorPrimitives.Sum(x.Slice(r * w + c0, c1 - c0));
                        y[i * ow + j] = sum / ((r1 - r0) * (c1 - c0));
                    }
                }
            });
            _inputShape = input.Shape.ToArray();
            _outputShape = output.Shape.ToArray();
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_inputShape is null || _outputShape is null) throw LayerChecks.BackwardBeforeForward(nameof(AdaptiveAvgPool2d));
            LayerChecks.Shape(gradOutput, _outputShape, nameof(AdaptiveAvgPool2d) + ".Backward", nameof(gradOutput));
            int h = _inputShape[2], w = _inputShape[3], oh = OutputSize.H, ow = OutputSize.W;
            var gradInput = new Tensor(_inputShape);
            PlaneLoop.For(_inputShape[0] * _inputShape[1], (long)h * w, plane =>
            {
                ReadOnlySpan<float> g = gradOutput.AsSpan().Slice(plane * oh * ow, oh * ow);
                Span<float> dx = gradInput.AsSpan().Slice(plane * h * w, h * w);
                for (int i = 0; i < oh; i++)
                {
                    int r0 = WindowStart(i, h, oh), r1 = WindowEnd(i, h, oh);
                    for (int j = 0; j < ow; j++)
                    {
                        int c0 = WindowStart(j, w, ow), c1 = WindowEnd(j, w, ow);
                        float share = g[i * ow + j] / ((r1 - r0) * (c1 - c0));
                        for (int r = r0; r < r1; r++)
                        {
                            Span<float> row = dx.Slice(r * w + c0, c1 - c0);
                            TensorPrimitives.Add(row, share, row);
                        }
                    }
                }
            });
            return gradInput;
        }
    }
}
