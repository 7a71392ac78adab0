using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Layers
{
    /// <summary>
    /// 2-D average pooling with PyTorch's <c>nn.AvgPool2d</c> semantics. Each output is the sum over its window divided by
    /// <see cref="DivisorOverride"/> when set, else by the window's size counting zero padding
    /// (<see cref="CountIncludePad"/> true, the default) or by the number of real input elements it covers. A window that
    /// <see cref="CeilMode"/> lets hang over the padded border counts only up to the padding, as in PyTorch.
    /// </summary>
    public sealed class AvgPool2d : ILayer
    {
        private readonly PoolGeometry _geometry;
        private int[]? _inputShape;
        private int[]? _outputShape;
        private readonly ReusableTensor _outputBuffer = new();
        private readonly ReusableTensor _gradInputBuffer = new();

        /// <summary>Square window; <paramref name="stride"/> defaults to the kernel size, as in PyTorch.</summary>
        public AvgPool2d(int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false,
            bool countIncludePad = true, int? divisorOverride = null)
            : this((kernelSize, kernelSize), stride is int s ? (s, s) : null, (padding, padding), ceilMode, countIncludePad, divisorOverride) { }

        /// <summary>Rectangular window given as (height, width) pairs; <paramref name="stride"/> defaults to the kernel size.</summary>
        public AvgPool2d((int H, int W) kernelSize, (int H, int W)? stride = null, (int H, int W) padding = default,
            bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null)
        {
            var st = stride ?? kernelSize;
            _geometry = new PoolGeometry(kernelSize.H, kernelSize.W, st.H, st.W, padding.H, padding.W, 1, 1, ceilMode);
            _geometry.Validate(nameof(AvgPool2d));
            if (divisorOverride is <= 0)
                throw new ArgumentOutOfRangeException(nameof(divisorOverride), divisorOverride, "divisorOverride must be positive when set.");
            CountIncludePad = countIncludePad;
            DivisorOverride = divisorOverride;
        }

        /// <summary>Window size (height, width).</summary>
        public (int H, int W) KernelSize => (_geometry.KernelH, _geometry.KernelW);
        /// <summary>Step between windows (height, width).</summary>
        public (int H, int W) Stride => (_geometry.StrideH, _geometry.StrideW);
        /// <summary>Implicit zero padding on each side (height, width).</summary>
        public (int H, int W) Padding => (_geometry.PadH, _geometry.PadW);
        /// <summary>Whether the output size rounds up (PyTorch's <c>ceil_mode</c>).</summary>
        public bool CeilMode => _geometry.CeilMode;
        /// <summary>Whether zero padding counts towards the divisor (PyTorch's <c>count_include_pad</c>, default true).</summary>
        public bool CountIncludePad { get; }
        /// <summary>When set, every window is divided by this number instead (PyTorch's <c>divisor_override</c>).</summary>
        public int? DivisorOverride { get; }

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
            LayerChecks.Rank(input, 4, nameof(AvgPool2d), "[N, C, H, W]", nameof(input));
            return _geometry.OutputShape(input, nameof(AvgPool2d));
        }

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            int[] outShape = OutputShape(input);
            int h = input.Dim(2), w = input.Dim(3), oh = outShape[2], ow = outShape[3];
            Tensor output = _outputBuffer.Get(outShape, input);
            PlaneLoop.For(outShape[0] * outShape[1], (long)oh * ow * _geometry.KernelH * _geometry.KernelW, plane =>
            {
                ReadOnlySpan<float> x = input.AsSpan().Slice(plane * h * w, h * w);
                Span<float> y = output.AsSpan().Slice(plane * oh * ow, oh * ow);
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        Window win = WindowAt(i, j, h, w);
                        float sum = 0;
                        for (int r = win.H0; r < win.H1; r++)
                            sum += TensorPrimitives.Sum(x.Slice(r * w + win.W0, win.W1 - win.W0));
                        y[i * ow + j] = win.Divisor == 0 ? 0 : sum / win.Divisor;
                    }
            });
            _inputShape = input.Shape.ToArray();
            _outputShape = outShape;
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_inputShape is null || _outputShape is null) throw LayerChecks.BackwardBeforeForward(nameof(AvgPool2d));
            LayerChecks.Shape(gradOutput, _outputShape, nameof(AvgPool2d) + ".Backward", nameof(gradOutput));
            int h = _inputShape[2], w = _inputShape[3], oh = _outputShape[2], ow = _outputShape[3];
            Tensor gradInput = _gradInputBuffer.GetZeroed(_inputShape, gradOutput);   // windows may overlap: contributions add up
            PlaneLoop.For(_outputShape[0] * _outputShape[1], (long)oh * ow * _geometry.KernelH * _geometry.KernelW, plane =>
            {
                ReadOnlySpan<float> g = gradOutput.AsSpan().Slice(plane * oh * ow, oh * ow);
                Span<float> dx = gradInput.AsSpan().Slice(plane * h * w, h * w);
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        Window win = WindowAt(i, j, h, w);
                        if (win.Divisor == 0) continue;
                        float share = g[i * ow + j] / win.Divisor;
                        for (int r = win.H0; r < win.H1; r++)
                            TensorPrimitives.Add(dx.Slice(r * w + win.W0, win.W1 - win.W0), share, dx.Slice(r * w + win.W0, win.W1 - win.W0));
                    }
            });
            return gradInput;
        }

        /// <summary>The input rows [H0, H1) and columns [W0, W1) of output (i, j) and its divisor, as PyTorch's CPU kernel computes them.</summary>
        private Window WindowAt(int i, int j, int h, int w)
        {
            var g = _geometry;
            int h0 = i * g.StrideH - g.PadH, w0 = j * g.StrideW - g.PadW;
            // The window may extend into the padding but not past it; its size there is what count_include_pad divides by.
            int h1 = Math.Min(h0 + g.KernelH, h + g.PadH), w1 = Math.Min(w0 + g.KernelW, w + g.PadW);
            int paddedSize = (h1 - h0) * (w1 - w0);
            h0 = Math.Max(h0, 0); w0 = Math.Max(w0, 0);
            h1 = Math.Min(h1, h); w1 = Math.Min(w1, w);
            if (h0 >= h1 || w0 >= w1) return new Window(0, 0, 0, 0, 0);
            int divisor = DivisorOverride ?? (CountIncludePad ? paddedSize : (h1 - h0) * (w1 - w0));
            return new Window(h0, h1, w0, w1, divisor);
        }

        private readonly record struct Window(int H0, int H1, int W0, int W1, int Divisor);
    }
}
