using System;

namespace ConvGen.Layers
{
    /// <summary>
    /// The window arithmetic of a 2-D pooling layer along both axes, with PyTorch's output-size rule:
    /// <c>out = floor_or_ceil((in + 2*pad - dilation*(k-1) - 1) / stride) + 1</c>, and, in ceil mode, the last window
    /// dropped when it would start beyond the input and its left padding (<c>(out-1)*stride &gt;= in + pad</c>).
    /// </summary>
    internal readonly record struct PoolGeometry(int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW,
        int DilationH, int DilationW, bool CeilMode)
    {
        /// <summary>Validates the hyper-parameters as PyTorch does (padding at most half the effective kernel).</summary>
        public void Validate(string layer)
        {
            if (KernelH < 1 || KernelW < 1) throw new ArgumentOutOfRangeException("kernelSize", $"{layer} kernel size must be positive, got ({KernelH}, {KernelW}).");
            if (StrideH < 1 || StrideW < 1) throw new ArgumentOutOfRangeException("stride", $"{layer} stride must be positive, got ({StrideH}, {StrideW}).");
            if (DilationH < 1 || DilationW < 1) throw new ArgumentOutOfRangeException("dilation", $"{layer} dilation must be positive, got ({DilationH}, {DilationW}).");
            if (PadH < 0 || PadW < 0) throw new ArgumentOutOfRangeException("padding", $"{layer} padding must be non-negative, got ({PadH}, {PadW}).");
            int effH = DilationH * (KernelH - 1) + 1, effW = DilationW * (KernelW - 1) + 1;
            if (PadH > effH / 2 || PadW > effW / 2)
                throw new ArgumentOutOfRangeException("padding", $"{layer} padding ({PadH}, {PadW}) must be at most half of the effective kernel size ({effH}, {effW}).");
        }

        /// <summary>Output height for an input of height <paramref name="height"/>.</summary>
        public int OutputHeight(int height) => OutputSize(height, KernelH, StrideH, PadH, DilationH, CeilMode);

        /// <summary>Output width for an input of width <paramref name="width"/>.</summary>
        public int OutputWidth(int width) => OutputSize(width, KernelW, StrideW, PadW, DilationW, CeilMode);

        /// <summary>PyTorch's <c>pooling_output_shape</c> for one axis.</summary>
        public static int OutputSize(int size, int kernel, int stride, int pad, int dilation, bool ceilMode)
        {
            int span = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
            int output = FloorDiv(span, stride) + 1;
            if (ceilMode && (output - 1) * stride >= size + pad) output--;
            return output;
        }

        /// <summary>The output shape for a rank-4 input, or an exception naming the input shape when the window does not fit.</summary>
        public int[] OutputShape(Tensor input, string layer)
        {
            int oh = OutputHeight(input.Dim(2)), ow = OutputWidth(input.Dim(3));
            if (oh < 1 || ow < 1)
                throw new ArgumentException($"{layer} input {input.ShapeString} is too small for kernel ({KernelH}, {KernelW}), stride ({StrideH}, {StrideW}), padding ({PadH}, {PadW}), dilation ({DilationH}, {DilationW}): output would be {oh}x{ow}.", nameof(input));
            return [input.Dim(0), input.Dim(1), oh, ow];
        }

        private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
    }
}
