using System;
using ConvGen.Shapes;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Everything that fixes a 2-D convolution except the input's batch and spatial size, with PyTorch's meaning.
    /// The generic (shape-at-run-time) kernels take one; generated layers expose theirs as <c>Geometry</c>.
    /// Padding is per side so PyTorch's asymmetric 'same' padding is expressible.
    /// </summary>
    public readonly record struct ConvGeometry(
        int InChannels, int OutChannels, int K1, int K2,
        int StrideH = 1, int StrideW = 1,
        int PadTop = 0, int PadBottom = 0, int PadLeft = 0, int PadRight = 0,
        int DilationH = 1, int DilationW = 1, int Groups = 1,
        PaddingMode PaddingMode = PaddingMode.Zeros, bool FlipKernel = false, bool HasBias = true)
    {
        /// <summary>Symmetric convenience constructor.</summary>
        public static ConvGeometry Create(int inChannels, int outChannels, int k1, int k2, int stride = 1, int pad = 0,
            int dilation = 1, int groups = 1, PaddingMode paddingMode = PaddingMode.Zeros, bool flipKernel = false, bool hasBias = true)
            => new(inChannels, outChannels, k1, k2, stride, stride, pad, pad, pad, pad, dilation, dilation, groups, paddingMode, flipKernel, hasBias);

        /// <summary>Output height for input height <paramref name="height"/> (PyTorch's floor formula).</summary>
        public int OutputHeight(int height) => ConvShapeMath.OutputSize(height, K1, StrideH, PadTop, PadBottom, DilationH);
        /// <summary>Output width for input width <paramref name="width"/>.</summary>
        public int OutputWidth(int width) => ConvShapeMath.OutputSize(width, K2, StrideW, PadLeft, PadRight, DilationW);
        /// <summary>Learnable parameters, OutChannels * (K1*K2*InChannels/Groups + 1).</summary>
        public long ParameterCount => ConvShapeMath.ParameterCount(InChannels, OutChannels, K1, K2, Groups, HasBias);
        /// <summary>Input channels each output channel sees.</summary>
        public int InChannelsPerGroup => InChannels / Groups;
        /// <summary>Output channels per group.</summary>
        public int OutChannelsPerGroup => OutChannels / Groups;
        /// <summary>Weight shape [OutChannels, InChannels/Groups, K1, K2] (PyTorch's layout).</summary>
        public int[] WeightShape => [OutChannels, InChannels / Groups, K1, K2];
        /// <summary>Forward FLOPs for one image of the given size.</summary>
        public long ForwardFlops(int height, int width)
            => ConvShapeMath.ForwardFlops(InChannels, OutChannels, K1, K2, Groups, OutputHeight(height), OutputWidth(width));

        /// <summary>PyTorch's output size for one axis (0 when the kernel does not fit).</summary>
        public static int OutputSize(int size, int kernel, int stride, int padBefore, int padAfter, int dilation)
            => ConvShapeMath.OutputSize(size, kernel, stride, padBefore, padAfter, dilation);

        /// <summary>Throws unless the input shape [N, InChannels, H, W] is valid for this geometry; returns the output shape.</summary>
        public int[] CheckInput(ReadOnlySpan<int> inputShape, int fixedHeight = 0, int fixedWidth = 0)
        {
            var (ho, wo) = Validate(inputShape, fixedHeight, fixedWidth);
            return [inputShape[0], OutChannels, ho, wo];
        }

        /// <summary>
        /// Checks the buffers of a span-based call without allocating: <paramref name="inputLength"/> must be batch*InChannels*height*width
        /// and <paramref name="outputLength"/> batch*OutChannels*Ho*Wo. Returns (Ho, Wo).
        /// </summary>
        public (int OutHeight, int OutWidth) CheckBuffers(int batch, int height, int width, int inputLength, int outputLength, int fixedHeight = 0, int fixedWidth = 0)
        {
            if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "Batch must be at least 1.");
            var (ho, wo) = Validate([batch, InChannels, height, width], fixedHeight, fixedWidth);
            long expectedInput = (long)batch * InChannels * height * width, expectedOutput = (long)batch * OutChannels * ho * wo;
            if (inputLength != expectedInput)
                throw new ArgumentException($"Conv2d expected an input buffer of {expectedInput} floats ([{batch}, {InChannels}, {height}, {width}]) but got {inputLength}.");
            if (outputLength != expectedOutput)
                throw new ArgumentException($"Conv2d expected an output buffer of {expectedOutput} floats ([{batch}, {OutChannels}, {ho}, {wo}]) but got {outputLength}.");
            return (ho, wo);
        }

        private (int OutHeight, int OutWidth) Validate(ReadOnlySpan<int> inputShape, int fixedHeight, int fixedWidth)
        {
            if (inputShape.Length != 4 || inputShape[1] != InChannels || inputShape[2] < 1 || inputShape[3] < 1
                || (fixedHeight > 0 && inputShape[2] != fixedHeight) || (fixedWidth > 0 && inputShape[3] != fixedWidth))
            {
                string expected = $"[N, {InChannels}, {(fixedHeight > 0 ? fixedHeight.ToString() : "H")}, {(fixedWidth > 0 ? fixedWidth.ToString() : "W")}]";
                throw new ArgumentException($"Conv2d expected input of shape {expected} but got {Tensor.Format(inputShape)}.");
            }
            int h = inputShape[2], w = inputShape[3];
            int ho = OutputHeight(h), wo = OutputWidth(w);
            if (ho <= 0 || wo <= 0)
                throw new ArgumentException(
                    $"Conv2d input {Tensor.Format(inputShape)} is too small for a {K1}x{K2} kernel (dilation {DilationH}x{DilationW}, padding {PadTop}/{PadBottom}/{PadLeft}/{PadRight}): output would be {ho}x{wo}.");
            CheckPaddingFits(h, PadTop, PadBottom, "height");
            CheckPaddingFits(w, PadLeft, PadRight, "width");
            return (ho, wo);
        }

        private void CheckPaddingFits(int size, int before, int after, string axis)
        {
            int pad = Math.Max(before, after);
            if (PaddingMode == PaddingMode.Reflect && pad >= size)
                throw new ArgumentException($"Reflect padding {pad} must be smaller than the input {axis} {size}.");
            if (PaddingMode == PaddingMode.Circular && pad > size)
                throw new ArgumentException($"Circular padding {pad} must not exceed the input {axis} {size}.");
        }
    }
}
