using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Column gathers that split a padded row into stride phases, and the stride-2 scatter that folds phases back. Stride 2 (the common downsampling case) is a de-interleave of
    /// both phases at once with full-width permutes (packing a stride-2 ResNet input went from 272 us, element by element, to
    /// a memory-bound copy); other strides copy element by element.
    /// </summary>
    internal static class StridedCopy
    {
        /// <summary><c>destination[j] = source[start + j * stride]</c>, element by element (strides of 3 and more).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Copy(ReadOnlySpan<float> source, int start, int stride, Span<float> destination)
        {
            int count = destination.Length;
            if (count == 0) return;
            if ((uint)start >= (uint)source.Length || start + (long)(count - 1) * stride >= source.Length)
                throw new ArgumentOutOfRangeException(nameof(destination), $"gathering {count} elements with stride {stride} from {start} passes the source's {source.Length}");
            for (int j = 0, i = start; j < count; j++, i += stride) destination[j] = source[i];
        }

        /// <summary>
        /// Both phases of a stride-2 row in one pass: <c>first[j] = source[start + 2j]</c>, <c>second[j] = source[start + 2j + 1]</c>
        /// for j in [0, first.Length) (second is as long). One pair of loads feeds both phases, where copying them one after
        /// the other read every source line twice and paid the per-call setup twice per row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization packing loop, which does not inline AggressiveOptimization callees
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
            if (Avx2.IsSupported && count >= 8)
            {
                for (; ; j += 8)
                {
                    int at = Math.Min(j, count - 8);
                    Deinterleave8(ref src, (nuint)at, ref even, ref odd);
                    if (at + 8 >= count) return;
                }
            }
            for (; j < count; j++)
            {
                Unsafe.Add(ref even, j) = Unsafe.Add(ref src, 2 * j);
                Unsafe.Add(ref odd, j) = Unsafe.Add(ref src, 2 * j + 1);
            }
        }

        /// <summary>Pairs [at, at + 8) of <paramref name="src"/> (16 floats from 2 x at) into even[at..] and odd[at..] (AVX2; callers check it).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Deinterleave8(ref float src, nuint at, ref float even, ref float odd)
        {
            Vector256<float> lower = Vector256.LoadUnsafe(ref src, 2 * at), upper = Vector256.LoadUnsafe(ref src, 2 * at + 8);
            // Per 128-bit lane: lower 0,2 | upper 0,2 (odd: 1,3); then the 64-bit pairs reordered to lower..., upper... .
            Avx2.Permute4x64(Avx.Shuffle(lower, upper, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref even, at);
            Avx2.Permute4x64(Avx.Shuffle(lower, upper, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref odd, at);
        }

        /// <summary>
        /// The adjoint of <see cref="Deinterleave"/>: <c>destination[2k] (+)= even[k]</c> and <c>destination[2k + 1] (+)= odd[k]</c> for
        /// every index of the destination, adding when <paramref name="add"/> is set (a constant where it is inlined), storing
        /// otherwise. Folding a stride-2 input gradient back onto its rows ran element by element: 12 % of the stride-2 ResNet
        /// layer's backward.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization unpacking loop
        public static void Interleave(ReadOnlySpan<float> even, ReadOnlySpan<float> odd, Span<float> destination, bool add)
        {
            int count = destination.Length;
            if (even.Length < (count + 1) / 2 || odd.Length < count / 2)
                throw new ArgumentException($"{count} interleaved elements need {(count + 1) / 2} even and {count / 2} odd, got {even.Length} and {odd.Length}", nameof(destination));
            ref float e = ref MemoryMarshal.GetReference(even), o = ref MemoryMarshal.GetReference(odd);
            ref float d = ref MemoryMarshal.GetReference(destination);
            int k = 0; // pairs done
            if (Avx512F.IsSupported)
            {
                // Lanes 0-15 pick from the even vector, 16-31 from the odd one: e0 o0 e1 o1 ... e7 o7, then e8 o8 ... e15 o15.
                Vector512<int> low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
                Vector512<int> high = low + Vector512.Create(8);
                // No shifted-back last vector: adding twice is not idempotent, so the tail goes element by element.
                for (; 2 * k + 32 <= count; k += 16)
                {
                    Vector512<float> a = Vector512.LoadUnsafe(ref e, (nuint)k), b = Vector512.LoadUnsafe(ref o, (nuint)k);
                    Vector512<float> first = Avx512F.PermuteVar16x32x2(a, low, b), second = Avx512F.PermuteVar16x32x2(a, high, b);
                    if (add) { first += Vector512.LoadUnsafe(ref d, (nuint)(2 * k)); second += Vector512.LoadUnsafe(ref d, (nuint)(2 * k + 16)); }
                    first.StoreUnsafe(ref d, (nuint)(2 * k));
                    second.StoreUnsafe(ref d, (nuint)(2 * k + 16));
                }
            }
            else if (Avx.IsSupported)
            {
                // Unpacking pairs within 128-bit halves gives e0 o0 e1 o1 | e4 o4 e5 o5 and e2 o2 e3 o3 | e6 o6 e7 o7; swapping halves
                // puts them in order. (Element by element on AVX2, the fold was a quarter of the stride-2 ResNet layer's input gradient.)
                for (; 2 * k + 16 <= count; k += 8)
                {
                    Vector256<float> a = Vector256.LoadUnsafe(ref e, (nuint)k), b = Vector256.LoadUnsafe(ref o, (nuint)k);
                    Vector256<float> low = Avx.UnpackLow(a, b), high = Avx.UnpackHigh(a, b);
                    Vector256<float> first = Avx.Permute2x128(low, high, 0x20), second = Avx.Permute2x128(low, high, 0x31);
                    if (add) { first += Vector256.LoadUnsafe(ref d, (nuint)(2 * k)); second += Vector256.LoadUnsafe(ref d, (nuint)(2 * k + 8)); }
                    first.StoreUnsafe(ref d, (nuint)(2 * k));
                    second.StoreUnsafe(ref d, (nuint)(2 * k + 8));
                }
            }
            for (int i = 2 * k; i < count; i++)
            {
                float value = (i & 1) == 0 ? Unsafe.Add(ref e, i >> 1) : Unsafe.Add(ref o, i >> 1);
                Unsafe.Add(ref d, i) = add ? Unsafe.Add(ref d, i) + value : value;
            }
        }
    }
}
