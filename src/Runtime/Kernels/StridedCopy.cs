using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// <c>destination[j] = source[start + j * stride]</c>: the column gather that splits a padded row into stride phases.
    /// Stride 2 (the common downsampling case) is a de-interleave done with full-width permutes; packing a stride-2 ResNet
    /// input went from 272 us to a memory-bound copy with it. Other strides copy element by element.
    /// </summary>
    internal static class StridedCopy
    {
        public static void Copy(ReadOnlySpan<float> source, int start, int stride, Span<float> destination)
        {
            int count = destination.Length;
            if (count == 0) return;
            if ((uint)start >= (uint)source.Length || start + (long)(count - 1) * stride >= source.Length)
                throw new ArgumentOutOfRangeException(nameof(destination), $"gathering {count} elements with stride {stride} from {start} passes the source's {source.Length}");
            int j = stride == 2 ? EvensVectorised(source, start, destination) : 0;
            for (int i = start + j * stride; j < count; j++, i += stride) destination[j] = source[i];
        }

        /// <summary>Writes the leading outputs whole vector loads reach without reading past the source; returns the first index still to copy.</summary>
        private static int EvensVectorised(ReadOnlySpan<float> source, int start, Span<float> destination)
        {
            ref float src = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), start);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            int available = source.Length - start, count = destination.Length, j = 0;
            if (Avx512F.IsSupported)
            {
                Vector512<int> evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                while (j < count)
                {
                    // The last vector ends at the last output, overlapping the previous one (the writes are idempotent).
                    int at = Math.Min(j, count - 16);
                    if (at < 0 || 2 * at + 32 > available) break;
                    Vector512<float> lower = Vector512.LoadUnsafe(ref src, (nuint)(2 * at));
                    Vector512<float> upper = Vector512.LoadUnsafe(ref src, (nuint)(2 * at + 16));
                    Avx512F.PermuteVar16x32x2(lower, evens, upper).StoreUnsafe(ref dst, (nuint)at);
                    j = at + 16;
                }
            }
            else if (Avx2.IsSupported)
            {
                while (j < count)
                {
                    int at = Math.Min(j, count - 8);
                    if (at < 0 || 2 * at + 16 > available) break;
                    Vector256<float> lower = Vector256.LoadUnsafe(ref src, (nuint)(2 * at));
                    Vector256<float> upper = Vector256.LoadUnsafe(ref src, (nuint)(2 * at + 8));
                    // Per 128-bit lane: lower 0,2 | upper 0,2; then reorder the 64-bit pairs to lower..., upper... .
                    Vector256<float> pairs = Avx.Shuffle(lower, upper, 0b10_00_10_00);
                    Avx2.Permute4x64(pairs.AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref dst, (nuint)at);
                    j = at + 8;
                }
            }
            return j;
        }
    }
}
