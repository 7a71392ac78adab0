using System.Runtime.CompilerServices;

namespace ConvGen.Kernels
{
    /// <summary>Where a padded coordinate reads from, per padding mode (PyTorch's meaning).</summary>
    public static class Padding
    {
        /// <summary>
        /// The input index that coordinate <paramref name="i"/> (which may lie in the border, i &lt; 0 or i &gt;= size)
        /// takes its value from, or -1 when it is a zero of <see cref="PaddingMode.Zeros"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int SourceIndex(PaddingMode mode, int i, int size)
        {
            if ((uint)i < (uint)size) return i;
            return mode switch
            {
                PaddingMode.Reflect => i < 0 ? -i : 2 * (size - 1) - i,
                PaddingMode.Replicate => i < 0 ? 0 : size - 1,
                PaddingMode.Circular => ((i % size) + size) % size,
                _ => -1,
            };
        }
    }
}
