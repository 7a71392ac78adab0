using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Layers
{
    /// <summary>
    /// 2x2 / stride-2 max pooling with indices, 16 outputs at a time on AVX-512 (8 on AVX2): two vector loads per input row
    /// split into the even and odd columns (one permute each; two shuffles on AVX2), then the window order a b / c d is
    /// applied lane-wise with the scalar rule: a later value wins only if it is greater or NaN, and nothing displaces a NaN.
    /// The scalar loop it replaces branched on every comparison and mispredicted on real activations (LeNet's first pooling:
    /// ~1 ms of a 5.5 ms training step on AVX-512; 1.18 ms of an 8.9 ms step on a Zen 3 core before the AVX2 path).
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
                else if (Avx2.IsSupported)
                    for (; j < ow; j += 8)
                    {
                        int at = Math.Min(j, Math.Max(0, ow - 8));
                        if (top + w + 2 * at + 16 > x.Length) break;
                        Eight(x, y.Slice(i * ow), idx.Slice(i * ow), top, w, at, Math.Min(8, ow - at));
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

            if (count == 16)
            {
                best.CopyTo(yRow.Slice(j, 16));
                at.CopyTo(idxRow.Slice(j, 16));
                return;
            }
            Span<float> values = stackalloc float[16];
            Span<int> indices = stackalloc int[16];
            best.StoreUnsafe(ref MemoryMarshal.GetReference(values));
            at.StoreUnsafe(ref MemoryMarshal.GetReference(indices));
            values.Slice(0, count).CopyTo(yRow.Slice(j, count));
            indices.Slice(0, count).CopyTo(idxRow.Slice(j, count));
        }

        /// <summary>
        /// <see cref="Sixteen"/> on AVX2: outputs [j, j + count) (count &lt;= 8). Avx.Shuffle picks the even (odd) columns of
        /// each 128-bit lane of the two loads; a 64-bit permute puts the four pairs back in column order.
        /// </summary>
        private static void Eight(ReadOnlySpan<float> x, Span<float> yRow, Span<int> idxRow, int top, int w, int j, int count)
        {
            ref float topRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), top + 2 * j);
            ref float bottomRow = ref Unsafe.Add(ref topRow, w);
            Vector256<float> t0 = Vector256.LoadUnsafe(ref topRow), t1 = Vector256.LoadUnsafe(ref topRow, 8);
            Vector256<float> b0 = Vector256.LoadUnsafe(ref bottomRow), b1 = Vector256.LoadUnsafe(ref bottomRow, 8);

            Vector256<float> best = Evens(t0, t1);
            Vector256<int> topAt = Vector256.Create(top + 2 * j) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
            Vector256<int> at = topAt, bottomAt = topAt + Vector256.Create(w);
            Take(ref best, ref at, Odds(t0, t1), topAt + Vector256<int>.One);
            Take(ref best, ref at, Evens(b0, b1), bottomAt);
            Take(ref best, ref at, Odds(b0, b1), bottomAt + Vector256<int>.One);

            StoreFirst(best, at, yRow.Slice(j), idxRow.Slice(j), count);
        }

        /// <summary>
        /// Stores the first <paramref name="count"/> lanes of <paramref name="best"/> and <paramref name="at"/> at the start of
        /// <paramref name="y"/> and <paramref name="idx"/>, the rest of the plane's outputs from there. Where 8 fit, whole vectors:
        /// lanes past count land on outputs of later rows, which the rows after write (in order, on this thread). At the plane's
        /// end, masked stores (vmaskmovps writes only the set lanes). Copying through a stack buffer instead cost two Memmove
        /// calls per 8 outputs (LeNet's first pooling, batch 64: ~400 us per forward); masked stores on every row of LeNet's
        /// second pooling (5 outputs per row) were most of its time.
        /// </summary>
        private static unsafe void StoreFirst(Vector256<float> best, Vector256<int> at, Span<float> y, Span<int> idx, int count)
        {
            if (y.Length >= 8)
            {
                best.CopyTo(y);
                at.CopyTo(idx);
                return;
            }
            y = y.Slice(0, count);
            idx = idx.Slice(0, count);
            Vector256<int> mask = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count));
            fixed (float* py = y)
            fixed (int* pi = idx)
            {
                Avx.MaskStore(py, mask.AsSingle(), best);
                Avx2.MaskStore(pi, mask, at);
            }
        }

        /// <summary>
        /// Whether <see cref="Backward"/> runs for rows of <paramref name="ow"/> outputs: AVX2 and at least one whole vector of 8.
        /// Narrower rows keep MaxPool2d's clear-and-scatter: a scalar version of this (four zeros, then the winner) took 2.5-3.5x
        /// its time on LeNet's second pooling (5 outputs per row).
        /// </summary>
        public static bool BackwardRuns(int ow) => Avx2.IsSupported && ow >= 8;

        /// <summary>
        /// The gradient of one plane whose 2x2 windows tile it exactly (h = 2 oh, w = 2 ow, <see cref="BackwardRuns"/>): each
        /// element of <paramref name="dx"/> is its window's gradient where it was the window's maximum (<paramref name="idx"/>),
        /// else zero. Every element is written once, so dX needs no clearing and no scatter: 8 outputs at a time, the four
        /// window positions' values interleaved back into two rows of 16. A winner's value is g + 0, the bits the scatter-add
        /// into zeros gave (-0 -> +0).
        /// </summary>
        public static void Backward(ReadOnlySpan<float> g, ReadOnlySpan<int> idx, Span<float> dx, int w, int oh, int ow)
        {
            if (!BackwardRuns(ow) || dx.Length != 4 * oh * ow || w != 2 * ow || g.Length != oh * ow || idx.Length != oh * ow)
                throw new ArgumentException($"Expected a plane of {2 * oh} x {2 * ow} = {4 * oh * ow} gradient elements for {oh} x {ow} outputs (at least 8 per row, AVX2), got {dx.Length} (width {w}).", nameof(dx));
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j += 8)
                {
                    int at = Math.Min(j, ow - 8); // the last vector shifted back to end at the row's end: overlapping writes repeat values
                    BackwardEight(g.Slice(i * ow + at, 8), idx.Slice(i * ow + at, 8), dx.Slice(2 * i * w + 2 * at, w + 16), 2 * i * w + 2 * at, w);
                    j = at;
                }
        }

        /// <summary>Outputs [0, 8) of <paramref name="g"/> into the two rows of 16 at the start of <paramref name="dx"/> (rows w apart), whose first element is plane index <paramref name="top"/>.</summary>
        private static void BackwardEight(ReadOnlySpan<float> g, ReadOnlySpan<int> idx, Span<float> dx, int top, int w)
        {
            Vector256<float> value = Vector256.Create(g) + Vector256<float>.Zero;
            Vector256<int> winner = Vector256.Create(idx);
            Vector256<int> topLeft = Vector256.Create(top) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14), bottomLeft = topLeft + Vector256.Create(w);
            Vector256<float> a = Vector256.ConditionalSelect(Vector256.Equals(winner, topLeft).AsSingle(), value, Vector256<float>.Zero);
            Vector256<float> b = Vector256.ConditionalSelect(Vector256.Equals(winner, topLeft + Vector256<int>.One).AsSingle(), value, Vector256<float>.Zero);
            Vector256<float> c = Vector256.ConditionalSelect(Vector256.Equals(winner, bottomLeft).AsSingle(), value, Vector256<float>.Zero);
            Vector256<float> d = Vector256.ConditionalSelect(Vector256.Equals(winner, bottomLeft + Vector256<int>.One).AsSingle(), value, Vector256<float>.Zero);
            StorePairs(a, b, dx);
            StorePairs(c, d, dx.Slice(w));
        }

        /// <summary>a0 b0 a1 b1 ... a7 b7 into the first 16 floats of <paramref name="to"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StorePairs(Vector256<float> a, Vector256<float> b, Span<float> to)
        {
            Vector256<float> low = Avx.UnpackLow(a, b), high = Avx.UnpackHigh(a, b); // a0 b0 a1 b1 | a4 b4 a5 b5 and a2 b2 a3 b3 | a6 b6 a7 b7
            Avx.Permute2x128(low, high, 0x20).CopyTo(to);
            Avx.Permute2x128(low, high, 0x31).CopyTo(to.Slice(8));
        }

        /// <summary>Elements 0, 2, ..., 14 of v0 and v1 back to back.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Evens(Vector256<float> v0, Vector256<float> v1)
            => Avx2.Permute4x64(Avx.Shuffle(v0, v1, 0x88).AsDouble(), 0xD8).AsSingle();

        /// <summary>Elements 1, 3, ..., 15 of v0 and v1 back to back.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Odds(Vector256<float> v0, Vector256<float> v1)
            => Avx2.Permute4x64(Avx.Shuffle(v0, v1, 0xDD).AsDouble(), 0xD8).AsSingle();

        /// <summary>Lane-wise, as the AVX-512 <see cref="Take(ref Vector512{float}, ref Vector512{int}, Vector512{float}, Vector512{int})"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Take(ref Vector256<float> best, ref Vector256<int> at, Vector256<float> candidate, Vector256<int> candidateAt)
        {
            Vector256<float> bestIsNumber = Vector256.Equals(best, best);
            Vector256<float> wins = bestIsNumber & (Vector256.GreaterThan(candidate, best) | ~Vector256.Equals(candidate, candidate));
            best = Vector256.ConditionalSelect(wins, candidate, best);
            at = Vector256.ConditionalSelect(wins.AsInt32(), candidateAt, at);
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
