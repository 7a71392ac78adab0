// This file is compiled into both ConvGen.Generator and ConvGen.Runtime (linked), so the shape arithmetic the
// generator bakes into kernels and the arithmetic the runtime checks against can never disagree.
namespace ConvGen.Shapes
{
    /// <summary>PyTorch's convolution shape formulas.</summary>
    internal static class ConvShapeMath
    {
        /// <summary>
        /// Output size along one axis: floor((size + padBefore + padAfter - dilation*(kernel-1) - 1) / stride) + 1.
        /// With no padding, stride 1 and dilation 1 this is the course note's (H - K + 1).
        /// Returns a value &lt;= 0 when the kernel does not fit.
        /// </summary>
        public static int OutputSize(int size, int kernel, int stride, int padBefore, int padAfter, int dilation)
        {
            int span = size + padBefore + padAfter - dilation * (kernel - 1) - 1;
            if (span < 0) return 0;
            return span / stride + 1;
        }

        /// <summary>Learnable parameters: OutChannels * (K1*K2*InChannels/Groups + 1 if bias), the note's m*(K1*K2*N+1).</summary>
        public static long ParameterCount(int inChannels, int outChannels, int k1, int k2, int groups, bool bias)
            => (long)outChannels * ((long)k1 * k2 * (inChannels / groups) + (bias ? 1 : 0));

        /// <summary>Floating-point operations of one forward pass per image: 2 * Cout * Ho * Wo * Cin/Groups * K1 * K2.</summary>
        public static long ForwardFlops(int inChannels, int outChannels, int k1, int k2, int groups, int outHeight, int outWidth)
            => 2L * outChannels * outHeight * outWidth * (inChannels / groups) * k1 * k2;

        /// <summary>'same' padding for one axis (stride 1): total = dilation*(kernel-1); PyTorch puts the odd one after.</summary>
        public static void SamePadding(int kernel, int dilation, out int before, out int after)
        {
            int total = dilation * (kernel - 1);
            before = total / 2;
            after = total - before;
        }
    }
}
