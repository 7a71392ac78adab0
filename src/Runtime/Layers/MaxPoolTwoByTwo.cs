using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Layers
{
    /// <summary>
    /// 2x2 / stride-2 max pooling with indices, 16 outputs at a time on AVX-512: two vector loads per input row split into the
    /// even and odd columns (one permute each), then the window order a b / c d is applied lane-wise with the scalar rule:
    /// a later value wins only if it is greater or NaN, and nothing displaces a NaN. The scalar loop it replaces branched on
    /// every comparison and mispredicted on real activations (LeNet's first pooling: ~1 ms of a 5.5 ms training step).
    /// </summary>
    internal static class MaxPoolTwoByTwo
    {
        /// <summary>
        /// Pools output rows [0, oh) of one plane. <paramref name="x"/> starts at the plane and may run on past it (to the end
        /// of the input): vector loads may read past the plane's last row, never past <paramref name="x"/>. Writes stay in the plane.
        /// </summary>
        public static void Pool(ReadOnlySpan<float> x, Span<float> y, Span<int> idx, int w, int oh, int ow)
        {
            for (int i = 0; i < oh; i++)
            {
                int top = 2 * i * w, j = 0;
                if (Avx512F.IsSupported)
                    for (; j < ow; j += 16)
                    {
                        int at = Math.Min(j, Math.Max(0, ow - 16)); // a row of 16+ outputs ends with an overlapping vector
                        if (top + w + 2 * at + 32 > x.Length) break; // would read past the input: finish in scalar code
                        Sixteen(x, y.Slice(i * ow), idx.Slice(i * ow), top, w, at, Math.Min(16, ow - at));
                        j = at;
                    }
                for (; j < ow; j++) One(x, y, idx, top, w, i * ow + j, j);
            }
        }

        private static void One(ReadOnlySpan<float> x, Span<float> y, Span<int> idx, int top, int w, int output, int j)
        {
            int c = top + 2 * j, at = c;
            float best = x[c];
            if (!float.IsNaN(best))
            {
                float b = x[c + 1], l = x[c + w], r = x[c + w + 1];
                if (b > best || float.IsNaN(b)) { best = b; at = c + 1; }
                if (!float.IsNaN(best) && (l > best || float.IsNaN(l))) { best = l; at = c + w; }
                if (!float.IsNaN(best) && (r > best || float.IsNaN(r))) { best = r; at = c + w + 1; }
            }
            y[output] = best;
            idx[output] = at;
        }

        /// <summary>Outputs [j, j + count) of one output row (count &lt;= 16): computed as a full vector, stored for the valid lanes only.</summary>
        private static void Sixteen(ReadOnlySpan<float> x, Span<float> yRow, Span<int> idxRow, int top, int w, int j, int count)
        {
            ref float topRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), top + 2 * j);
            ref float bottomRow = ref Unsafe.Add(ref topRow, w);
            Vector512<int> evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            Vector512<int> odds = evens + Vector512<int>.One;
            Vector512<float> t0 = Vector512.LoadUnsafe(ref topRow), t1 = Vector512.LoadUnsafe(ref topRow, 16);
            Vector512<float> b0 = Vector512.LoadUnsafe(ref bottomRow), b1 = Vector512.LoadUnsafe(ref bottomRow, 16);

            Vector512<float> best = Avx512F.PermuteVar16x32x2(t0, evens, t1);
            Vector512<int> at = Vector512.Create(top + 2 * j) + evens;
            Vector512<int> topAt = at, bottomAt = topAt + Vector512.Create(w);
            Take(ref best, ref at, Avx512F.PermuteVar16x32x2(t0, odds, t1), topAt + Vector512<int>.One);
            Take(ref best, ref at, Avx512F.PermuteVar16x32x2(b0, evens, b1), bottomAt);
            Take(ref best, ref at, Avx512F.PermuteVar16x32x2(b0, odds, b1), bottomAt + Vector512<int>.One);

            Span<float> values = stackalloc float[16];
            Span<int> indices = stackalloc int[16];
            best.StoreUnsafe(ref MemoryMarshal.GetReference(values));
            at.StoreUnsafe(ref MemoryMarshal.GetReference(indices));
            values.Slice(0, count).CopyTo(yRow.Slice(j, count));
            indices.Slice(0, count).CopyTo(idxRow.Slice(j, count));
        }

        /// <summary>Lane-wise: the candidate replaces the best so far if the best is not NaN and the candidate is greater or NaN.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Take(ref Vector512<float> best, ref Vector512<int> at, Vector512<float> candidate, Vector512<int> candidateAt)
        {
            Vector512<float> bestIsNumber = Vector512.Equals(best, best);
            Vector512<float> wins = bestIsNumber & (Vector512.GreaterThan(candidate, best) | ~Vector512.Equals(candidate, candidate));
            best = Vector512.ConditionalSelect(wins, candidate, best);
            at = Vector512.ConditionalSelect(wins.AsInt32(), candidateAt, at);
        }
    }
}
