using System;
using System.Numerics;
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
                float s0 = Vector.Sum(a0), s1 = Vector.Sum(a1), s2 = Vector.Sum(a2), s3 = Vector.Sum(a3);
                for (; i < inF; i++)
                {
                    s0 += x[i] * w0[i]; s1 += x[i] * w1[i]; s2 += x[i] * w2[i]; s3 += x[i] * w3[i];
                }
                y[o] = s0; y[o + 1] = s1; y[o + 2] = s2; y[o + 3] = s3;
            }
            for (; o < outF; o++) y[o] = System.Numerics.Tensors.TensorPrimitives.Dot(x, w.Slice(o * inF, inF));
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
