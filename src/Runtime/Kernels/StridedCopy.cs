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

        /// <summary>
        /// Both phases of a stride-2 row in one pass: <c>first[j] = source[start + 2j]</c>, <c>second[j] = source[start + 2j + 1]</c>
        /// for j in [0, first.Length) (second is as long). One pair of loads feeds both phases, where copying them one after
        /// the other read every source line twice and paid the per-call setup twice per row.
        /// </summary>
        public static void Deinterleave(ReadOnlySpan<float> source, int start, Span<float> first, Span<float> second)
        {
            int count = first.Length;
            if (second.Length != count)
                throw new ArgumentException($"the phases must be equally long, got {count} and {second.Length}", nameof(second));
            if (count == 0) return;
            if (start < 0 || start + 2L * count > source.Length)
                throw new ArgumentOutOfRangeException(nameof(start), $"de-interleaving {count} pairs from {start} passes the source's {source.Length}");
            ref float src = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), start);
            ref float even = ref MemoryMarshal.GetReference(first), odd = ref MemoryMarshal.GetReference(second);
            int j = 0;
            if (Avx512F.IsSupported && count >= 16)
            {
                Vector512<int> evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                Vector512<int> odds = evens + Vector512<int>.One;
                for (; ; j += 16)
                {
                    // The last vector is shifted back to end at the last pair (rewriting a few with the same values).
                    int at = Math.Min(j, count - 16);
                    Vector512<float> lower = Vector512.LoadUnsafe(ref src, (nuint)(2 * at));
                    Vector512<float> upper = Vector512.LoadUnsafe(ref src, (nuint)(2 * at + 16));
                    Avx512F.PermuteVar16x32x2(lower, evens, upper).StoreUnsafe(ref even, (nuint)at);
                    Avx512F.PermuteVar16x32x2(lower, odds, upper).StoreUnsafe(ref odd, (nuint)at);
                    if (at + 16 >= count) return;
                }
            }
            for (; j < count; j++)
            {
                Unsafe.Add(ref even, j) = Unsafe.Add(ref src, 2 * j);
                Unsafe.Add(ref odd, j) = Unsafe.Add(ref src, 2 * j + 1);
            }
        }

        /// <summary>
        /// Writes the outputs whole vector loads reach without reading past the source; returns the first index still to copy.
        /// The last vector is shifted back to end where the source or the destination does (overlapping writes are idempotent),
        /// so a padded row leaves at most one element to the scalar loop instead of up to a vector's worth.
        /// </summary>
        private static int EvensVectorised(ReadOnlySpan<float> source, int start, Span<float> destination)
        {
            ref float src = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), start);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            int available = source.Length - start, count = destination.Length;
            if (Avx512F.IsSupported) return Evens512(ref src, ref dst, available, count);
            if (Avx2.IsSupported) return Evens256(ref src, ref dst, available, count);
            return 0;
        }

        /// <summary>The first output index a vector of <paramref name="width"/> outputs may start at to finish the copy: the tail vector.</summary>
        private static int TailStart(int j, int count, int available, int width)
        {
            int at = Math.Min(count - width, (available - 2 * width) >> 1);
            return at >= 0 && at + width > j ? at : -1;
        }

        private static int Evens512(ref float src, ref float dst, int available, int count)
        {
            Vector512<int> evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            int j = 0;
            for (; j + 16 <= count && 2 * j + 32 <= available; j += 16) Evens512At(ref src, ref dst, j, evens);
            int tail = j < count ? TailStart(j, count, available, 16) : -1;
            if (tail < 0) return j;
            Evens512At(ref src, ref dst, tail, evens);
            return tail + 16;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Evens512At(ref float src, ref float dst, int at, Vector512<int> evens)
        {
            Vector512<float> lower = Vector512.LoadUnsafe(ref src, (nuint)(2 * at));
            Vector512<float> upper = Vector512.LoadUnsafe(ref src, (nuint)(2 * at + 16));
            Avx512F.PermuteVar16x32x2(lower, evens, upper).StoreUnsafe(ref dst, (nuint)at);
        }

        private static int Evens256(ref float src, ref float dst, int available, int count)
        {
            int j = 0;
            for (; j + 8 <= count && 2 * j + 16 <= available; j += 8) Evens256At(ref src, ref dst, j);
            int tail = j < count ? TailStart(j, count, available, 8) : -1;
            if (tail < 0) return j;
            Evens256At(ref src, ref dst, tail);
            return tail + 8;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Evens256At(ref float src, ref float dst, int at)
        {
            Vector256<float> lower = Vector256.LoadUnsafe(ref src, (nuint)(2 * at));
            Vector256<float> upper = Vector256.LoadUnsafe(ref src, (nuint)(2 * at + 8));
            // Per 128-bit lane: lower 0,2 | upper 0,2; then reorder the 64-bit pairs to lower..., upper... .
            Vector256<float> pairs = Avx.Shuffle(lower, upper, 0b10_00_10_00);
            Avx2.Permute4x64(pairs.AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref dst, (nuint)at);
        }
    }
}
