using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Software prefetch for the generated AVX2 tiles: on cores with 32 KiB of L1 data cache the rows one tile reads across all
    /// input channels do not stay in L1 between the tiles of a block, and the hardware prefetcher did not hide the misses
    /// (sampled on a Zen 3 core, stride-2 ResNet layer 64 -> 128: the samples piled up behind the tile's first loads of each
    /// input channel; with the next channel's rows prefetched they spread out and the layer went from 1.89-1.93 to 1.65-1.68
    /// ms at best, 1 thread).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class Prefetch
    {
        /// <summary>Asks for the cache line holding <paramref name="at"/> + <paramref name="offset"/> floats in L1; a hint, never a fault.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Line(ref float at, nint offset)
        {
            if (Sse.IsSupported) Sse.Prefetch0((float*)Unsafe.AsPointer(ref at) + offset);
        }

        /// <summary>
        /// Asks for the cache line holding <paramref name="at"/> + <paramref name="offset"/> floats in L2 only: for data wanted
        /// one work step later, which in L1 would evict what the current step reads (the panel forward fetches the next tile's
        /// input this way while its GEMM runs). A hint, never a fault.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void LineL2(ref float at, nint offset)
        {
            if (Sse.IsSupported) Sse.Prefetch1((float*)Unsafe.AsPointer(ref at) + offset);
        }
    }
}
