using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Layers
{
    /// <summary>
    /// The row kernels of <see cref="Linear"/>, four matrix rows per pass: each vector of the shared operand is loaded once for
    /// four multiply-adds. One library call per dot product or row update (the first version) cost more than the arithmetic
    /// at LeNet's sizes (400 -> 120 at batch 64: 196 us forward, 400 us backward at one thread).
    /// </summary>
    internal static class LinearRows
    {
        /// <summary>y[o] = x · w[o, :] for every o (w is [outF, inF], row-major).</summary>
        public static void Dots(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, int inF, int outF)
        {
            if (x.Length < inF) throw new ArgumentException($"x holds {x.Length} floats, fewer than {inF}.", nameof(x));
            int o = 0;
            for (; o + 4 <= outF; o += 4)
            {
                ReadOnlySpan<float> w0 = w.Slice(o * inF, inF), w1 = w.Slice((o + 1) * inF, inF), w2 = w.Slice((o + 2) * inF, inF), w3 = w.Slice((o + 3) * inF, inF);
                Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
                // Element refs instead of span slices: the loop bound already keeps every load inside the rows.
                ref float xr = ref MemoryMarshal.GetReference(x);
                ref float w0r = ref MemoryMarshal.GetReference(w0), w1r = ref MemoryMarshal.GetReference(w1);
                ref float w2r = ref MemoryMarshal.GetReference(w2), w3r = ref MemoryMarshal.GetReference(w3);
                int i = 0;
                for (; i + Vector<float>.Count <= inF; i += Vector<float>.Count)
                {
                    Vector<float> xv = Vector.LoadUnsafe(ref xr, (nuint)i);
                    a0 = Vector.FusedMultiplyAdd(xv, Vector.LoadUnsafe(ref w0r, (nuint)i), a0);
                    a1 = Vector.FusedMultiplyAdd(xv, Vector.LoadUnsafe(ref w1r, (nuint)i), a1);
                    a2 = Vector.FusedMultiplyAdd(xv, Vector.LoadUnsafe(ref w2r, (nuint)i), a2);
                    a3 = Vector.FusedMultiplyAdd(xv, Vector.LoadUnsafe(ref w3r, (nuint)i), a3);
                }
                Finish(x, w, y, inF, o, i, a0, a1, a2, a3);
            }
            for (; o < outF; o++) y[o] = System.Numerics.Tensors.TensorPrimitives.Dot(x, w.Slice(o * inF, inF));
        }

        /// <summary>Input rows <see cref="DotsOfThree"/> takes at a time: 3 rows x 4 weight rows = 12 accumulators, with 3 + 1 operands in 16 registers.</summary>
        public const int RowsPerBlock = 3;

        /// <summary>Blocks of <see cref="RowsPerBlock"/> rows that cover <paramref name="rows"/> rows, the last one possibly shorter.</summary>
        public static int Blocks(int rows) => (rows + RowsPerBlock - 1) / RowsPerBlock;

        /// <summary>The rows [first, end) of block <paramref name="block"/> of <paramref name="rows"/> rows.</summary>
        public static (int First, int End) BlockRows(int block, int rows)
        {
            int first = block * RowsPerBlock;
            return (first, Math.Min(rows, first + RowsPerBlock));
        }

        /// <summary>
        /// <see cref="Dots"/> for three input rows at once: each weight vector is loaded once for three rows (7 loads per 12
        /// multiply-adds instead of 5 per 4), and the weights stream through the cache a third as often. Every output is
        /// computed exactly as <see cref="Dots"/> computes it (one vector accumulator per output over the same i, the same
        /// Vector.Sum, the same scalar tail), so the bits do not depend on how rows are grouped.
        /// </summary>
        // Not inlined: inside its caller's loop the JIT ran out of registers for the 12 accumulators (slower than Dots).
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void DotsOfThree(ReadOnlySpan<float> x0, ReadOnlySpan<float> x1, ReadOnlySpan<float> x2, ReadOnlySpan<float> w,
            Span<float> y0, Span<float> y1, Span<float> y2, int inF, int outF)
        {
            if (x0.Length < inF || x1.Length < inF || x2.Length < inF) throw new ArgumentException($"Each input row must hold {inF} floats.", nameof(x0));
            if (w.Length < outF * inF) throw new ArgumentException($"w holds {w.Length} floats, fewer than {outF} x {inF}.", nameof(w));
            if (y0.Length < outF || y1.Length < outF || y2.Length < outF) throw new ArgumentException($"Each output row must hold {outF} floats.", nameof(y0));
            ref float x0r = ref MemoryMarshal.GetReference(x0), x1r = ref MemoryMarshal.GetReference(x1), x2r = ref MemoryMarshal.GetReference(x2);
            int o = 0;
            for (; o + 4 <= outF; o += 4)
            {
                ref float w0r = ref MemoryMarshal.GetReference(w.Slice(o * inF, inF)), w1r = ref MemoryMarshal.GetReference(w.Slice((o + 1) * inF, inF));
                ref float w2r = ref MemoryMarshal.GetReference(w.Slice((o + 2) * inF, inF)), w3r = ref MemoryMarshal.GetReference(w.Slice((o + 3) * inF, inF));
                Vector<float> a00 = default, a01 = default, a02 = default, a03 = default;
                Vector<float> a10 = default, a11 = default, a12 = default, a13 = default;
                Vector<float> a20 = default, a21 = default, a22 = default, a23 = default;
                int i = 0;
                for (; i + Vector<float>.Count <= inF; i += Vector<float>.Count)
                {
                    Vector<float> u0 = Vector.LoadUnsafe(ref x0r, (nuint)i), u1 = Vector.LoadUnsafe(ref x1r, (nuint)i), u2 = Vector.LoadUnsafe(ref x2r, (nuint)i);
                    Vector<float> wv = Vector.LoadUnsafe(ref w0r, (nuint)i);
                    a00 = Vector.FusedMultiplyAdd(u0, wv, a00); a10 = Vector.FusedMultiplyAdd(u1, wv, a10); a20 = Vector.FusedMultiplyAdd(u2, wv, a20);
                    wv = Vector.LoadUnsafe(ref w1r, (nuint)i);
                    a01 = Vector.FusedMultiplyAdd(u0, wv, a01); a11 = Vector.FusedMultiplyAdd(u1, wv, a11); a21 = Vector.FusedMultiplyAdd(u2, wv, a21);
                    wv = Vector.LoadUnsafe(ref w2r, (nuint)i);
                    a02 = Vector.FusedMultiplyAdd(u0, wv, a02); a12 = Vector.FusedMultiplyAdd(u1, wv, a12); a22 = Vector.FusedMultiplyAdd(u2, wv, a22);
                    wv = Vector.LoadUnsafe(ref w3r, (nuint)i);
                    a03 = Vector.FusedMultiplyAdd(u0, wv, a03); a13 = Vector.FusedMultiplyAdd(u1, wv, a13); a23 = Vector.FusedMultiplyAdd(u2, wv, a23);
                }
                Finish(x0, w, y0, inF, o, i, a00, a01, a02, a03);
                Finish(x1, w, y1, inF, o, i, a10, a11, a12, a13);
                Finish(x2, w, y2, inF, o, i, a20, a21, a22, a23);
            }
            for (; o < outF; o++)
            {
                ReadOnlySpan<float> wo = w.Slice(o * inF, inF);
                y0[o] = System.Numerics.Tensors.TensorPrimitives.Dot(x0.Slice(0, inF), wo);
                y1[o] = System.Numerics.Tensors.TensorPrimitives.Dot(x1.Slice(0, inF), wo);
                y2[o] = System.Numerics.Tensors.TensorPrimitives.Dot(x2.Slice(0, inF), wo);
            }
        }

        /// <summary>Outputs o..o+3 of one row from its four vector accumulators, with <see cref="Dots"/>'s sums and scalar tail from column i.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Finish(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, int inF, int o, int i,
            Vector<float> a0, Vector<float> a1, Vector<float> a2, Vector<float> a3)
        {
            float s0 = Vector.Sum(a0), s1 = Vector.Sum(a1), s2 = Vector.Sum(a2), s3 = Vector.Sum(a3);
            if (i < inF)
            {
                ReadOnlySpan<float> w0 = w.Slice(o * inF, inF), w1 = w.Slice((o + 1) * inF, inF), w2 = w.Slice((o + 2) * inF, inF), w3 = w.Slice((o + 3) * inF, inF);
                for (; i < inF; i++)
                {
                    s0 += x[i] * w0[i]; s1 += x[i] * w1[i]; s2 += x[i] * w2[i]; s3 += x[i] * w3[i];
                }
            }
            y[o] = s0; y[o + 1] = s1; y[o + 2] = s2; y[o + 3] = s3;
        }

        /// <summary>
        /// <see cref="AddScaledRows"/> for three targets that share the rows: target t gets Σ_k c_t[k] · rows[k, :]. Each row
        /// vector is loaded once for three targets and the targets stay in registers across all the rows (3 targets x 3
        /// vectors), where AddScaledRows loads and stores its target per 4 rows. Every element gets the same operations in the
        /// same order as from AddScaledRows (its 4-row blocks as one chain of fused multiply-adds, the scalar column tail per
        /// block, then the rows after the last block), so the bits do not depend on the grouping.
        /// </summary>
        // Not inlined: inside its caller's loop the JIT could run out of registers for the accumulators.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void AddScaledRowsToThree(ReadOnlySpan<float> rows, int rowStride, ReadOnlySpan<float> c0, ReadOnlySpan<float> c1, ReadOnlySpan<float> c2,
            int coefficientStride, int count, Span<float> acc0, Span<float> acc1, Span<float> acc2, int length)
        {
            if (acc0.Length < length || acc1.Length < length || acc2.Length < length) throw new ArgumentException($"Each target must hold {length} floats.", nameof(acc0));
            if (count > 0 && (rows.Length < (count - 1) * rowStride + length || c0.Length <= (count - 1) * coefficientStride
                || c1.Length <= (count - 1) * coefficientStride || c2.Length <= (count - 1) * coefficientStride))
                throw new ArgumentException($"Expected {count} rows of {length} floats {rowStride} apart and {count} coefficients per target.", nameof(rows));
            int blocked = count - count % 4, n = Vector<float>.Count, vectorEnd = length - length % n;
            ref float r = ref MemoryMarshal.GetReference(rows);
            ref float k0 = ref MemoryMarshal.GetReference(c0), k1 = ref MemoryMarshal.GetReference(c1), k2 = ref MemoryMarshal.GetReference(c2);
            ref float t0 = ref MemoryMarshal.GetReference(acc0), t1 = ref MemoryMarshal.GetReference(acc1), t2 = ref MemoryMarshal.GetReference(acc2);
            int i = 0;
            for (; i + 3 * n <= vectorEnd; i += 3 * n)
            {
                nuint a = (nuint)i, b = (nuint)(i + n), c = (nuint)(i + 2 * n);
                Vector<float> s00 = Vector.LoadUnsafe(ref t0, a), s01 = Vector.LoadUnsafe(ref t0, b), s02 = Vector.LoadUnsafe(ref t0, c);
                Vector<float> s10 = Vector.LoadUnsafe(ref t1, a), s11 = Vector.LoadUnsafe(ref t1, b), s12 = Vector.LoadUnsafe(ref t1, c);
                Vector<float> s20 = Vector.LoadUnsafe(ref t2, a), s21 = Vector.LoadUnsafe(ref t2, b), s22 = Vector.LoadUnsafe(ref t2, c);
                for (int k = 0; k < blocked; k++)
                {
                    ref float row = ref Unsafe.Add(ref r, k * rowStride);
                    Vector<float> v0 = Vector.LoadUnsafe(ref row, a), v1 = Vector.LoadUnsafe(ref row, b), v2 = Vector.LoadUnsafe(ref row, c);
                    int at = k * coefficientStride;
                    var w = new Vector<float>(Unsafe.Add(ref k0, at));
                    s00 = Vector.FusedMultiplyAdd(w, v0, s00); s01 = Vector.FusedMultiplyAdd(w, v1, s01); s02 = Vector.FusedMultiplyAdd(w, v2, s02);
                    w = new Vector<float>(Unsafe.Add(ref k1, at));
                    s10 = Vector.FusedMultiplyAdd(w, v0, s10); s11 = Vector.FusedMultiplyAdd(w, v1, s11); s12 = Vector.FusedMultiplyAdd(w, v2, s12);
                    w = new Vector<float>(Unsafe.Add(ref k2, at));
                    s20 = Vector.FusedMultiplyAdd(w, v0, s20); s21 = Vector.FusedMultiplyAdd(w, v1, s21); s22 = Vector.FusedMultiplyAdd(w, v2, s22);
                }
                s00.StoreUnsafe(ref t0, a); s01.StoreUnsafe(ref t0, b); s02.StoreUnsafe(ref t0, c);
                s10.StoreUnsafe(ref t1, a); s11.StoreUnsafe(ref t1, b); s12.StoreUnsafe(ref t1, c);
                s20.StoreUnsafe(ref t2, a); s21.StoreUnsafe(ref t2, b); s22.StoreUnsafe(ref t2, c);
            }
            for (; i < vectorEnd; i += n)
            {
                Vector<float> s0 = Vector.LoadUnsafe(ref t0, (nuint)i), s1 = Vector.LoadUnsafe(ref t1, (nuint)i), s2 = Vector.LoadUnsafe(ref t2, (nuint)i);
                for (int k = 0; k < blocked; k++)
                {
                    Vector<float> v = Vector.LoadUnsafe(ref Unsafe.Add(ref r, k * rowStride), (nuint)i);
                    int at = k * coefficientStride;
                    s0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref k0, at)), v, s0);
                    s1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref k1, at)), v, s1);
                    s2 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref k2, at)), v, s2);
                }
                s0.StoreUnsafe(ref t0, (nuint)i); s1.StoreUnsafe(ref t1, (nuint)i); s2.StoreUnsafe(ref t2, (nuint)i);
            }
            if (vectorEnd < length && blocked > 0)
            {
                // The column tail, block by block as AddScaledRows computes it (its vector loop does not run on fewer than n columns).
                AddScaledRows(rows.Slice(vectorEnd), rowStride, c0, coefficientStride, blocked, acc0.Slice(vectorEnd), length - vectorEnd);
                AddScaledRows(rows.Slice(vectorEnd), rowStride, c1, coefficientStride, blocked, acc1.Slice(vectorEnd), length - vectorEnd);
                AddScaledRows(rows.Slice(vectorEnd), rowStride, c2, coefficientStride, blocked, acc2.Slice(vectorEnd), length - vectorEnd);
            }
            for (int k = blocked; k < count; k++)
            {
                ReadOnlySpan<float> row = rows.Slice(k * rowStride, length);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, c0[k * coefficientStride], acc0.Slice(0, length), acc0.Slice(0, length));
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, c1[k * coefficientStride], acc1.Slice(0, length), acc1.Slice(0, length));
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, c2[k * coefficientStride], acc2.Slice(0, length), acc2.Slice(0, length));
            }
        }

        /// <summary>acc[:] += Σ_k c[k] · rows[k, :] over <paramref name="count"/> rows of length <paramref name="length"/>, rows <paramref name="rowStride"/> apart.</summary>
        public static void AddScaledRows(ReadOnlySpan<float> rows, int rowStride, ReadOnlySpan<float> coefficients, int coefficientStride,
            int count, Span<float> acc, int length)
        {
            if (acc.Length < length) throw new ArgumentException($"acc holds {acc.Length} floats, fewer than {length}.", nameof(acc));
            int k = 0;
            for (; k + 4 <= count; k += 4)
            {
                float c0 = coefficients[k * coefficientStride], c1 = coefficients[(k + 1) * coefficientStride];
                float c2 = coefficients[(k + 2) * coefficientStride], c3 = coefficients[(k + 3) * coefficientStride];
                ReadOnlySpan<float> r0 = rows.Slice(k * rowStride, length), r1 = rows.Slice((k + 1) * rowStride, length);
                ReadOnlySpan<float> r2 = rows.Slice((k + 2) * rowStride, length), r3 = rows.Slice((k + 3) * rowStride, length);
                var v0 = new Vector<float>(c0); var v1 = new Vector<float>(c1); var v2 = new Vector<float>(c2); var v3 = new Vector<float>(c3);
                ref float ar = ref MemoryMarshal.GetReference(acc);
                ref float r0r = ref MemoryMarshal.GetReference(r0), r1r = ref MemoryMarshal.GetReference(r1);
                ref float r2r = ref MemoryMarshal.GetReference(r2), r3r = ref MemoryMarshal.GetReference(r3);
                int i = 0;
                for (; i + Vector<float>.Count <= length; i += Vector<float>.Count)
                {
                    var sum = Vector.FusedMultiplyAdd(v0, Vector.LoadUnsafe(ref r0r, (nuint)i), Vector.LoadUnsafe(ref ar, (nuint)i));
                    sum = Vector.FusedMultiplyAdd(v1, Vector.LoadUnsafe(ref r1r, (nuint)i), sum);
                    sum = Vector.FusedMultiplyAdd(v2, Vector.LoadUnsafe(ref r2r, (nuint)i), sum);
                    sum = Vector.FusedMultiplyAdd(v3, Vector.LoadUnsafe(ref r3r, (nuint)i), sum);
                    sum.StoreUnsafe(ref ar, (nuint)i);
                }
                for (; i < length; i++) acc[i] += c0 * r0[i] + c1 * r1[i] + c2 * r2[i] + c3 * r3[i];
            }
            for (; k < count; k++)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(rows.Slice(k * rowStride, length), coefficients[k * coefficientStride], acc, acc);
        }
    }
}
