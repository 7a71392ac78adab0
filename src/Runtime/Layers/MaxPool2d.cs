using System;
using System.Collections.Generic;
using ConvGen.Kernels;

namespace ConvGen.Layers
{
    /// <summary>
    /// 2-D max pooling with PyTorch's <c>nn.MaxPool2d</c> semantics: each output is the maximum over a
    /// <c>kernel</c>-sized window (taps <c>dilation</c> apart) moved by <c>stride</c> over the zero-free, implicitly
    /// <c>-inf</c>-padded input. On ties the first maximum in row-major window order wins, and NaN propagates.
    /// <see cref="Backward"/> routes each output gradient to the position that won.
    /// </summary>
    public sealed class MaxPool2d : ILayer
    {
        private readonly PoolGeometry _geometry;
        private int[]? _inputShape;
        private int[]? _indices;
        private int[]? _outputShape;
        private readonly ReusableTensor _outputBuffer = new();
        private readonly ReusableTensor _gradInputBuffer = new();

        /// <summary>Square window; <paramref name="stride"/> defaults to the kernel size, as in PyTorch.</summary>
        public MaxPool2d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false)
            : this((kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding), (dilation, dilation), ceilMode) { }

        /// <summary>Rectangular window given as (height, width) pairs; <paramref name="stride"/> defaults to the kernel size.</summary>
        public MaxPool2d((int H, int W) kernelSize, (int H, int W)? stride = null, (int H, int W) padding = default,
            (int H, int W)? dilation = null, bool ceilMode = false)
        {
            var s = stride ?? kernelSize;
            var d = dilation ?? (1, 1);
            _geometry = new PoolGeometry(kernelSize.H, kernelSize.W, s.H, s.W, padding.H, padding.W, d.H, d.W, ceilMode);
            _geometry.Validate(nameof(MaxPool2d));
        }

        /// <summary>Window size (height, width).</summary>
        public (int H, int W) KernelSize => (_geometry.KernelH, _geometry.KernelW);
        /// <summary>Step between windows (height, width).</summary>
        public (int H, int W) Stride => (_geometry.StrideH, _geometry.StrideW);
        /// <summary>Implicit <c>-inf</c> padding on each side (height, width).</summary>
        public (int H, int W) Padding => (_geometry.PadH, _geometry.PadW);
        /// <summary>Spacing between window taps (height, width).</summary>
        public (int H, int W) Dilation => (_geometry.DilationH, _geometry.DilationW);
        /// <summary>Whether the output size rounds up (PyTorch's <c>ceil_mode</c>).</summary>
        public bool CeilMode => _geometry.CeilMode;

        /// <inheritdoc />
        public IReadOnlyList<Parameter> Parameters => [];

        /// <inheritdoc />
        void ILayer.EnableBufferReuse(bool output, bool inputGradient)
        {
            _outputBuffer.Enabled = output;
            _gradInputBuffer.Enabled = inputGradient;
        }

        /// <summary>Output shape <c>[N, C, Ho, Wo]</c> for an input shape <c>[N, C, H, W]</c>.</summary>
        public int[] OutputShape(Tensor input)
        {
            LayerChecks.Rank(input, 4, nameof(MaxPool2d), "[N, C, H, W]", nameof(input));
            return _geometry.OutputShape(input, nameof(MaxPool2d));
        }

        /// <inheritdoc />
        public Tensor Forward(Tensor input) => Pool(input);

        /// <summary>
        /// Forward pass that also returns, like PyTorch's <c>return_indices=True</c>, the flat index
        /// <c>h * W + w</c> within its input plane of every output's maximum (same layout as the output).
        /// The indices are a copy the caller owns; the output is reused as <see cref="Forward"/>'s is.
        /// </summary>
        public (Tensor Output, int[] Indices) ForwardWithIndices(Tensor input)
        {
            Tensor output = Pool(input);
            return (output, (int[])_indices!.Clone());
        }

        private Tensor Pool(Tensor input)
        {
            int[] outShape = OutputShape(input);
            int oh = outShape[2], ow = outShape[3];
            Tensor output = _outputBuffer.Get(outShape, input);
            // The winners' positions are only read by Backward, so the array is kept as long as the size fits.
            int[] indices = _indices is { } kept && kept.Length == output.Length ? kept : new int[output.Length];
            var g = _geometry;
            PlaneLoop.For(outShape[0] * outShape[1], (long)oh * ow * g.KernelH * g.KernelW, new PoolPlanes(g, input, output, indices));
            if (!input.HasShape(_inputShape)) _inputShape = input.Shape.ToArray();
            _outputShape = outShape;
            _indices = indices;
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_inputShape is null || _indices is null || _outputShape is null) throw LayerChecks.BackwardBeforeForward(nameof(MaxPool2d));
            LayerChecks.Shape(gradOutput, _outputShape, nameof(MaxPool2d) + ".Backward", nameof(gradOutput));
            int planeIn = _inputShape[2] * _inputShape[3], planeOut = _outputShape[2] * _outputShape[3];
            ReadOnlySpan<float> g = gradOutput.AsSpan();
            int[] indices = _indices;
            if (IsPlainTwoByTwo(_geometry) && 2 * _outputShape[2] == _inputShape[2] && 2 * _outputShape[3] == _inputShape[3] && MaxPoolTwoByTwo.BackwardRuns(_outputShape[3]))
            {
                // The windows tile the input exactly: every element of dX is written once, no clearing and no scatter
                // (LeNet's first pooling at batch 64, 1 thread: 115-148 -> 64-74 us).
                Tensor tiled = _gradInputBuffer.Get(_inputShape, gradOutput);
                Span<float> to = tiled.AsSpan();
                for (int p = 0; p < _outputShape[0] * _outputShape[1]; p++)
                    MaxPoolTwoByTwo.Backward(g.Slice(p * planeOut, planeOut), indices.AsSpan(p * planeOut, planeOut), to.Slice(p * planeIn, planeIn),
                        _inputShape[3], _outputShape[2], _outputShape[3]);
                return tiled;
            }
            Tensor gradInput = _gradInputBuffer.GetZeroed(_inputShape, gradOutput);   // the scatter below adds into it
            Span<float> dx = gradInput.AsSpan();
            for (int p = 0; p < _outputShape[0] * _outputShape[1]; p++)
            {
                int inBase = p * planeIn, outBase = p * planeOut;
                for (int o = 0; o < planeOut; o++)
                    dx[inBase + indices[outBase + o]] += g[outBase + o];
            }
            return gradInput;
        }

        /// <summary>The usual LeNet/VGG pooling: 2x2 windows, stride 2, no padding or dilation.</summary>
        private static bool IsPlainTwoByTwo(PoolGeometry g) =>
            g is { KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, PadH: 0, PadW: 0, DilationH: 1, DilationW: 1 };

        /// <summary>Max over every window of one (n, c) plane, and where it was.</summary>
        private readonly struct PoolPlanes(PoolGeometry g, Tensor input, Tensor output, int[] indices) : IKernelJob
        {
            public void Execute(int plane, in KernelBuffers _)
            {
                int h = input.Dim(2), w = input.Dim(3), oh = output.Dim(2), ow = output.Dim(3);
                ReadOnlySpan<float> x = input.AsSpan().Slice(plane * h * w, h * w);
                Span<float> y = output.AsSpan().Slice(plane * oh * ow, oh * ow);
                Span<int> idx = indices.AsSpan(plane * oh * ow, oh * ow);
                if (IsPlainTwoByTwo(g) && 2 * oh <= h && 2 * ow <= w)
                {
                    // Windows all inside the plane: no bounds or padding tests (vector loads may read on into the next plane).
                    MaxPoolTwoByTwo.Pool(input.AsSpan().Slice(plane * h * w), y, idx, w, oh, ow);
                    return;
                }
                for (int i = 0; i < oh; i++)
                {
                    int h0 = i * g.StrideH - g.PadH;
                    for (int j = 0; j < ow; j++)
                    {
                        int w0 = j * g.StrideW - g.PadW;
                        float best = float.NegativeInfinity;
                        int bestIndex = -1;
                        for (int ki = 0; ki < g.KernelH; ki++)
                        {
                            int r = h0 + ki * g.DilationH;
                            if ((uint)r >= (uint)h) continue;
                            for (int kj = 0; kj < g.KernelW; kj++)
                            {
                                int c = w0 + kj * g.DilationW;
                                if ((uint)c >= (uint)w) continue;
                                float v = x[r * w + c];
                                // Strictly greater keeps the first maximum on ties; NaN wins so it propagates, as in PyTorch.
                                if (bestIndex < 0 || v > best || float.IsNaN(v))
                                {
                                    best = v;
                                    bestIndex = r * w + c;
                                    if (float.IsNaN(v)) goto done;
                                }
                            }
                        }
                    done:
                        y[i * ow + j] = best;
                        idx[i * ow + j] = bestIndex;
                    }
                }
            }
        }
    }
}
