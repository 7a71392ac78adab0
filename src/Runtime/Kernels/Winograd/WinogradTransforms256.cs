using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels.Winograd
{
    /// <summary>
    /// <see cref="WinogradTransforms"/> on AVX2 + FMA (no AVX-512): the same item (16 tiles along a row), the same layouts
    /// (V[point][channel][16 lanes], M[point][16 channels][16 lanes]), so the packed weights and the job are shared; each 16-lane
    /// row is handled as two halves of 8 tiles. Input rows are read with vmaskmovps loads, which never touch a masked-off lane;
    /// the output's partial vectors are written with plain stores (<see cref="PrefixStore"/>: vmaskmovps stores are slow on
    /// AMD). Tiles 4 columns apart come out of 32 contiguous floats with an in-lane 4 x 4 transpose and one cross-lane permute
    /// per vector (<see cref="Deinterleave4"/>).
    /// </summary>
    internal static unsafe class WinogradTransforms256
    {
        private const int Lanes = WinogradF43.Lanes, Half = 8;
        /// <summary>Columns one item's input rows span (as WinogradTransforms): 16 tiles 4 apart, 6 wide, in whole vectors.</summary>
        private const int RowSpan = 80;

        /// <summary>Whether this machine runs these: AVX2 and FMA.</summary>
        public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

        /// <summary>The lanes of an 8-float vector whose lane 0 is column <paramref name="firstColumn"/> that lie in [0, <paramref name="width"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector256<float> ColumnMask(int firstColumn, int width)
        {
            Vector256<int> columns = Vector256<int>.Indices + Vector256.Create(firstColumn);
            return (Vector256.GreaterThanOrEqual(columns, Vector256<int>.Zero) & Vector256.LessThan(columns, Vector256.Create(width))).AsSingle();
        }

        /// <summary>See WinogradTransforms.Input: the same result, 8 lanes at a time.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Input(float* imageStart, float* v, int inChannels, int height, int width, int tileRow, int columnGroup, int padTop, int padLeft, int pointStride)
        {
            int y0 = WinogradF43.TileSize * tileRow - padTop, x0 = Lanes * WinogradF43.TileSize * columnGroup - padLeft;
            bool r0 = (uint)y0 < (uint)height, r1 = (uint)(y0 + 1) < (uint)height, r2 = (uint)(y0 + 2) < (uint)height;
            bool r3 = (uint)(y0 + 3) < (uint)height, r4 = (uint)(y0 + 4) < (uint)height, r5 = (uint)(y0 + 5) < (uint)height;
            float* columns = stackalloc float[6 * RowSpan]; // B^T d for the item's 80 columns: 6 rows
            // The columns of the 10 vectors of a row, the same for every row and channel.
            Vector256<float>* masks = stackalloc Vector256<float>[RowSpan / Half];
            for (int x = 0; x < RowSpan; x += Half) masks[x / Half] = ColumnMask(x0 + x, width);
            for (int ci = 0; ci < inChannels; ci++)
            {
                // Row pointers may lie outside the image; only valid rows are read, and only through masks.
                float* row0 = imageStart + ((long)ci * height + y0) * width + x0;
                float* row1 = row0 + width, row2 = row1 + width, row3 = row2 + width, row4 = row3 + width, row5 = row4 + width;
                for (int x = 0; x < RowSpan; x += Half)
                {
                    var mask = masks[x / Half];
                    var zero = Vector256<float>.Zero;
                    var d0 = r0 ? Avx.MaskLoad(row0 + x, mask) : zero;
                    var d1 = r1 ? Avx.MaskLoad(row1 + x, mask) : zero;
                    var d2 = r2 ? Avx.MaskLoad(row2 + x, mask) : zero;
                    var d3 = r3 ? Avx.MaskLoad(row3 + x, mask) : zero;
                    var d4 = r4 ? Avx.MaskLoad(row4 + x, mask) : zero;
                    var d5 = r5 ? Avx.MaskLoad(row5 + x, mask) : zero;
                    InputColumn(d0, d1, d2, d3, d4, d5, out var e0, out var e1, out var e2, out var e3, out var e4, out var e5);
                    Avx.Store(columns + x, e0); Avx.Store(columns + RowSpan + x, e1); Avx.Store(columns + 2 * RowSpan + x, e2);
                    Avx.Store(columns + 3 * RowSpan + x, e3); Avx.Store(columns + 4 * RowSpan + x, e4); Avx.Store(columns + 5 * RowSpan + x, e5);
                }
                for (int a = 0; a < 6; a++)
                for (int h = 0; h < 2; h++)
                {
                    float* r = columns + a * RowSpan + 4 * Half * h;
                    Deinterleave4(Avx.LoadVector256(r), Avx.LoadVector256(r + 8), Avx.LoadVector256(r + 16), Avx.LoadVector256(r + 24),
                        out var c0, out var c1, out var c2, out var c3);
                    // Lane j needs columns 4j .. 4j+5: 4j+4 and 4j+5 are lane j+1's first two; the last lane's come after the 32.
                    var c4 = NextTile(c0, r[32]);
                    var c5 = NextTile(c1, r[33]);
                    InputColumn(c0, c1, c2, c3, c4, c5, out var e0, out var e1, out var e2, out var e3, out var e4, out var e5);
                    float* dst = v + (long)a * 6 * pointStride + ci * Lanes + Half * h;
                    Avx.Store(dst, e0); Avx.Store(dst + pointStride, e1); Avx.Store(dst + 2 * pointStride, e2);
                    Avx.Store(dst + 3 * pointStride, e3); Avx.Store(dst + 4 * pointStride, e4); Avx.Store(dst + 5 * pointStride, e5);
                }
            }
        }

        /// <summary>Lanes 1..7 of <paramref name="lanes"/>, then <paramref name="last"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector256<float> NextTile(Vector256<float> lanes, float last)
        {
            var shifted = Avx2.PermuteVar8x32(lanes, Vector256.Create(1, 2, 3, 4, 5, 6, 7, 7));
            return Avx.Blend(shifted, Vector256.Create(last), 0x80);
        }

        /// <summary>B^T times (d0 .. d5), as WinogradTransforms.InputColumn.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void InputColumn(Vector256<float> d0, Vector256<float> d1, Vector256<float> d2, Vector256<float> d3, Vector256<float> d4, Vector256<float> d5,
            out Vector256<float> t0, out Vector256<float> t1, out Vector256<float> t2, out Vector256<float> t3, out Vector256<float> t4, out Vector256<float> t5)
        {
            var four = Vector256.Create(4f); var five = Vector256.Create(5f);
            var a = Fma.MultiplyAddNegated(four, d2, d4); // d4 - 4 d2
            var b = Fma.MultiplyAddNegated(four, d1, d3); // d3 - 4 d1
            t1 = a + b;
            t2 = a - b;
            var c = d4 - d2;
            var e = (d3 - d1) * 2f;
            t3 = c + e;
            t4 = c - e;
            t0 = Fma.MultiplyAdd(four, d0, Fma.MultiplyAddNegated(five, d2, d4));
            t5 = Fma.MultiplyAdd(four, d1, Fma.MultiplyAddNegated(five, d3, d5));
        }

        /// <summary>See WinogradTransforms.Output: the same result, 8 lanes at a time.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Output(float* m, float* y, ReadOnlySpan<float> bias, int firstChannel, int channels, int outHeight, int outWidth, int tileRow, int columnGroup)
        {
            const int stride = WinogradF43.ProductStride;
            int x0 = Lanes * WinogradF43.TileSize * columnGroup;
            int rows = Math.Min(WinogradF43.TileSize, outHeight - WinogradF43.TileSize * tileRow);
            float* across = stackalloc float[4 * 6 * Half]; // A^T M for one half: 4 rows x 6 columns of 8 lanes
            // How many lanes of each half's 4 vectors (32 columns from x0 + 32 h) lie before outWidth: the same for every channel and row.
            int* counts = stackalloc int[8];
            for (int i = 0; i < 8; i++) counts[i] = Math.Clamp(outWidth - (x0 + Half * i), 0, Half);
            for (int k = 0; k < channels; k++)
            {
                var shift = bias.IsEmpty ? Vector256<float>.Zero : Vector256.Create(bias[firstChannel + k]);
                float* plane = y + (long)(firstChannel + k) * outHeight * outWidth + (long)WinogradF43.TileSize * tileRow * outWidth + x0;
                for (int h = 0; h < 2; h++)
                {
                    float* mk = m + k * Lanes + Half * h;
                    for (int b = 0; b < 6; b++)
                    {
                        OutputColumn(Avx.LoadVector256(mk + b * stride), Avx.LoadVector256(mk + (6 + b) * stride), Avx.LoadVector256(mk + (12 + b) * stride),
                            Avx.LoadVector256(mk + (18 + b) * stride), Avx.LoadVector256(mk + (24 + b) * stride), Avx.LoadVector256(mk + (30 + b) * stride),
                            out var s0, out var s1, out var s2, out var s3);
                        Avx.Store(across + b * Half, s0); Avx.Store(across + (6 + b) * Half, s1);
                        Avx.Store(across + (12 + b) * Half, s2); Avx.Store(across + (18 + b) * Half, s3);
                    }
                    int n0 = counts[4 * h], n1 = counts[4 * h + 1], n2 = counts[4 * h + 2], n3 = counts[4 * h + 3];
                    for (int a = 0; a < rows; a++)
                    {
                        float* s = across + a * 6 * Half;
                        OutputColumn(Avx.LoadVector256(s), Avx.LoadVector256(s + 8), Avx.LoadVector256(s + 16),
                            Avx.LoadVector256(s + 24), Avx.LoadVector256(s + 32), Avx.LoadVector256(s + 40),
                            out var z0, out var z1, out var z2, out var z3);
                        Interleave4(z0 + shift, z1 + shift, z2 + shift, z3 + shift, out var o0, out var o1, out var o2, out var o3);
                        float* row = plane + (long)a * outWidth + 4 * Half * h;
                        PrefixStore.Store(row, o0, n0); PrefixStore.Store(row + 8, o1, n1);
                        PrefixStore.Store(row + 16, o2, n2); PrefixStore.Store(row + 24, o3, n3);
                    }
                }
            }
        }

        /// <summary>A^T times (m0 .. m5), as WinogradTransforms.OutputColumn.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void OutputColumn(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
            out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3)
        {
            var p = m1 + m2; var q = m1 - m2; var r = m3 + m4; var s = m3 - m4;
            y0 = m0 + p + r;
            y1 = Fma.MultiplyAdd(Vector256.Create(2f), s, q);
            y2 = Fma.MultiplyAdd(Vector256.Create(4f), r, p);
            y3 = Fma.MultiplyAdd(Vector256.Create(8f), s, q + m5);
        }

        /// <summary>
        /// d_c[j] = source[4j + c] for 32 floats b0..b3 back to back (8 groups of 4). A 4 x 4 transpose inside each 128-bit lane
        /// leaves element c of groups 0, 2, 4, 6 in the low lane and of 1, 3, 5, 7 in the high one; one permute puts them in order.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Deinterleave4(Vector256<float> b0, Vector256<float> b1, Vector256<float> b2, Vector256<float> b3,
            out Vector256<float> d0, out Vector256<float> d1, out Vector256<float> d2, out Vector256<float> d3)
        {
            Transpose4InLanes(b0, b1, b2, b3, out var t0, out var t1, out var t2, out var t3);
            var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
            d0 = Avx2.PermuteVar8x32(t0, order); d1 = Avx2.PermuteVar8x32(t1, order);
            d2 = Avx2.PermuteVar8x32(t2, order); d3 = Avx2.PermuteVar8x32(t3, order);
        }

        /// <summary>The inverse: o = o0..o3 back to back with o[4j + c] = z_c[j].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Interleave4(Vector256<float> z0, Vector256<float> z1, Vector256<float> z2, Vector256<float> z3,
            out Vector256<float> o0, out Vector256<float> o1, out Vector256<float> o2, out Vector256<float> o3)
        {
            var order = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            Transpose4InLanes(Avx2.PermuteVar8x32(z0, order), Avx2.PermuteVar8x32(z1, order), Avx2.PermuteVar8x32(z2, order), Avx2.PermuteVar8x32(z3, order),
                out o0, out o1, out o2, out o3);
        }

        /// <summary>The 4 x 4 transpose of (v0, v1, v2, v3) inside each 128-bit lane: t_c = element c of each.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose4InLanes(Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3,
            out Vector256<float> t0, out Vector256<float> t1, out Vector256<float> t2, out Vector256<float> t3)
        {
            var a0 = Avx.UnpackLow(v0, v1); var a1 = Avx.UnpackHigh(v0, v1);
            var a2 = Avx.UnpackLow(v2, v3); var a3 = Avx.UnpackHigh(v2, v3);
            t0 = Avx.Shuffle(a0, a2, 0x44); t1 = Avx.Shuffle(a0, a2, 0xEE);
            t2 = Avx.Shuffle(a1, a3, 0x44); t3 = Avx.Shuffle(a1, a3, 0xEE);
        }
    }
}
