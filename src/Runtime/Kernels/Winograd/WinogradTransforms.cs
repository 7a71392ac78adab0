using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels.Winograd
{
    /// <summary>
    /// The three transforms of <see cref="WinogradF43"/>, 16 lanes at a time. Each 2-D transform is the 1-D one down the
    /// columns, then along the rows:
    /// <code>
    /// B^T (input)            G (kernel)                 A^T (output)
    /// 4  0 -5  0  1  0       1/4     0     0            1  1  1  1  1  0
    /// 0 -4 -4  1  1  0      -1/6  -1/6  -1/6            0  1 -1  2 -2  0
    /// 0  4 -4 -1  1  0      -1/6   1/6  -1/6            0  1  1  4  4  0
    /// 0 -2 -1  2  1  0       1/24  1/12  1/6            0  1 -1  8 -8  1
    /// 0  2 -1 -2  1  0       1/24 -1/12  1/6
    /// 0  4  0 -5  0  1       0     0     1
    /// </code>
    /// The input and output lanes are tiles along an output row: 16 tiles 4 columns apart, which <see cref="LaneShuffles"/>
    /// gathers from and scatters to 64 contiguous columns with in-register shuffles. Without AVX-512, Input and Output hand
    /// over to WinogradTransforms256 (AVX2 + FMA, two halves of 8 lanes), which gives the same result in the same layouts.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static unsafe class WinogradTransforms
    {
        private const int Lanes = WinogradF43.Lanes;
        /// <summary>Columns one item's input rows span: 16 tiles 4 apart, each 6 wide, rounded up to whole vectors (4 x 16 + 2 -> 80).</summary>
        private const int RowSpan = 80;

        /// <summary>U = G g G^T for 16 output channels (lanes) of one input channel: <paramref name="taps"/> holds the 9 taps x 16 lanes.</summary>
        internal static void Kernel(ReadOnlySpan<float> taps, Span<float> packed, long offset, long pointStride)
        {
            Span<Vector512<float>> t = stackalloc Vector512<float>[18]; // G g: 6 rows x 3 columns
            for (int c = 0; c < 3; c++)
            {
                KernelColumn(Vector512.Create(taps.Slice((0 * 3 + c) * Lanes, Lanes)), Vector512.Create(taps.Slice((1 * 3 + c) * Lanes, Lanes)),
                    Vector512.Create(taps.Slice((2 * 3 + c) * Lanes, Lanes)), out var r0, out var r1, out var r2, out var r3, out var r4, out var r5);
                t[0 * 3 + c] = r0; t[1 * 3 + c] = r1; t[2 * 3 + c] = r2; t[3 * 3 + c] = r3; t[4 * 3 + c] = r4; t[5 * 3 + c] = r5;
            }
            for (int a = 0; a < 6; a++)
            {
                KernelColumn(t[a * 3], t[a * 3 + 1], t[a * 3 + 2], out var u0, out var u1, out var u2, out var u3, out var u4, out var u5);
                long at = offset + a * 6 * pointStride;
                u0.CopyTo(packed.Slice((int)at, Lanes)); u1.CopyTo(packed.Slice((int)(at + pointStride), Lanes));
                u2.CopyTo(packed.Slice((int)(at + 2 * pointStride), Lanes)); u3.CopyTo(packed.Slice((int)(at + 3 * pointStride), Lanes));
                u4.CopyTo(packed.Slice((int)(at + 4 * pointStride), Lanes)); u5.CopyTo(packed.Slice((int)(at + 5 * pointStride), Lanes));
            }
        }

        /// <summary>G times one column (g0, g1, g2).</summary>
        private static void KernelColumn(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2,
            out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3, out Vector512<float> t4, out Vector512<float> t5)
        {
            var even = g0 + g2;
            t0 = g0 * 0.25f;
            t1 = (even + g1) * (-1f / 6);
            t2 = (even - g1) * (-1f / 6);
            var outer = g0 * (1f / 24) + g2 * (1f / 6);
            t3 = outer + g1 * (1f / 12);
            t4 = outer - g1 * (1f / 12);
            t5 = g2;
        }

        /// <summary>
        /// V = B^T d B for the tiles of tile row <paramref name="tileRow"/>, column group <paramref name="columnGroup"/> of one
        /// image <paramref name="image"/> [InChannels, height, width], for every input channel, into
        /// <paramref name="transformed"/> [point][channel][lane] (points <paramref name="pointStride"/> floats apart). The 6 input
        /// rows of a tile row start at 4 x tileRow - padTop; rows outside the image and columns outside [0, width) read as zero
        /// (the zero padding): masked loads, so nothing is copied and nothing outside the image is touched.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Input(ReadOnlySpan<float> image, Span<float> transformed, int inChannels, int height, int width,
            int tileRow, int columnGroup, int padTop, int padLeft, int pointStride)
        {
            if (image.Length < inChannels * height * width) throw new ArgumentException($"Expected an image of {inChannels * height * width} floats, got {image.Length}.", nameof(image));
            if (transformed.Length < WinogradF43.Points * pointStride) throw new ArgumentException($"Expected {WinogradF43.Points * pointStride} floats of scratch, got {transformed.Length}.", nameof(transformed));
            if (!Avx512F.IsSupported)
            {
                fixed (float* source = image) fixed (float* destination = transformed)
                    WinogradTransforms256.Input(source, destination, inChannels, height, width, tileRow, columnGroup, padTop, padLeft, pointStride);
                return;
            }
            int y0 = WinogradF43.TileSize * tileRow - padTop, x0 = Lanes * WinogradF43.TileSize * columnGroup - padLeft;
            // The columns of the 5 vectors of a row, the same for every row and channel.
            var m0 = MaskedRowLoad.ColumnMask(x0, width); var m1 = MaskedRowLoad.ColumnMask(x0 + 16, width);
            var m2 = MaskedRowLoad.ColumnMask(x0 + 32, width); var m3 = MaskedRowLoad.ColumnMask(x0 + 48, width);
            var m4 = MaskedRowLoad.ColumnMask(x0 + 64, width);
            bool r0 = (uint)y0 < (uint)height, r1 = (uint)(y0 + 1) < (uint)height, r2 = (uint)(y0 + 2) < (uint)height;
            bool r3 = (uint)(y0 + 3) < (uint)height, r4 = (uint)(y0 + 4) < (uint)height, r5 = (uint)(y0 + 5) < (uint)height;
            float* columns = stackalloc float[6 * RowSpan]; // B^T d for the item's 80 columns: 6 rows
            fixed (float* imageStart = image)
            fixed (float* v = transformed)
            {
                for (int ci = 0; ci < inChannels; ci++)
                {
                    // Row pointers may lie outside the image; only valid rows are read, and only through masks.
                    float* row0 = imageStart + ((long)ci * height + y0) * width + x0;
                    float* row1 = row0 + width, row2 = row1 + width, row3 = row2 + width, row4 = row3 + width, row5 = row4 + width;
                    DownColumns(columns, 0, m0, row0, row1, row2, row3, row4, row5, r0, r1, r2, r3, r4, r5);
                    DownColumns(columns, 16, m1, row0, row1, row2, row3, row4, row5, r0, r1, r2, r3, r4, r5);
                    DownColumns(columns, 32, m2, row0, row1, row2, row3, row4, row5, r0, r1, r2, r3, r4, r5);
                    DownColumns(columns, 48, m3, row0, row1, row2, row3, row4, row5, r0, r1, r2, r3, r4, r5);
                    DownColumns(columns, 64, m4, row0, row1, row2, row3, row4, row5, r0, r1, r2, r3, r4, r5);
                    for (int a = 0; a < 6; a++)
                    {
                        float* r = columns + a * RowSpan;
                        // Lane j needs columns 4j .. 4j+5: 4j+4 and 4j+5 are lane j+1's first two, shifted down one lane.
                        LaneShuffles.Deinterleave4(Avx512F.LoadVector512(r), Avx512F.LoadVector512(r + 16), Avx512F.LoadVector512(r + 32),
                            Avx512F.LoadVector512(r + 48), out var c0, out var c1, out var c2, out var c3);
                        var next = Avx512F.LoadVector512(r + 64).AsUInt32();
                        var c4 = Avx512F.AlignRight32(next, c0.AsUInt32(), 1).AsSingle();
                        var c5 = Avx512F.AlignRight32(Avx512F.AlignRight32(next, next, 1), c1.AsUInt32(), 1).AsSingle();
                        InputColumn(c0, c1, c2, c3, c4, c5, out var e0, out var e1, out var e2, out var e3, out var e4, out var e5);
                        float* dst = v + (long)a * 6 * pointStride + ci * Lanes;
                        Avx512F.Store(dst, e0); Avx512F.Store(dst + pointStride, e1); Avx512F.Store(dst + 2 * pointStride, e2);
                        Avx512F.Store(dst + 3 * pointStride, e3); Avx512F.Store(dst + 4 * pointStride, e4); Avx512F.Store(dst + 5 * pointStride, e5);
                    }
                }
            }
        }

        /// <summary>B^T down the 6 rows for the 16 columns at <paramref name="column"/> of the item's span.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void DownColumns(float* columns, int column, Vector512<float> mask, float* row0, float* row1, float* row2, float* row3,
            float* row4, float* row5, bool r0, bool r1, bool r2, bool r3, bool r4, bool r5)
        {
            var zero = Vector512<float>.Zero;
            var d0 = r0 ? Avx512F.MaskLoad(row0 + column, mask, zero) : zero;
            var d1 = r1 ? Avx512F.MaskLoad(row1 + column, mask, zero) : zero;
            var d2 = r2 ? Avx512F.MaskLoad(row2 + column, mask, zero) : zero;
            var d3 = r3 ? Avx512F.MaskLoad(row3 + column, mask, zero) : zero;
            var d4 = r4 ? Avx512F.MaskLoad(row4 + column, mask, zero) : zero;
            var d5 = r5 ? Avx512F.MaskLoad(row5 + column, mask, zero) : zero;
            InputColumn(d0, d1, d2, d3, d4, d5, out var e0, out var e1, out var e2, out var e3, out var e4, out var e5);
            Avx512F.Store(columns + column, e0); Avx512F.Store(columns + RowSpan + column, e1); Avx512F.Store(columns + 2 * RowSpan + column, e2);
            Avx512F.Store(columns + 3 * RowSpan + column, e3); Avx512F.Store(columns + 4 * RowSpan + column, e4); Avx512F.Store(columns + 5 * RowSpan + column, e5);
        }

        /// <summary>B^T times (d0 .. d5), shared terms first: 12 operations instead of 20.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void InputColumn(Vector512<float> d0, Vector512<float> d1, Vector512<float> d2, Vector512<float> d3, Vector512<float> d4, Vector512<float> d5,
            out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3, out Vector512<float> t4, out Vector512<float> t5)
        {
            var four = Vector512.Create(4f); var five = Vector512.Create(5f);
            var a = Avx512F.FusedMultiplyAddNegated(four, d2, d4); // d4 - 4 d2
            var b = Avx512F.FusedMultiplyAddNegated(four, d1, d3); // d3 - 4 d1
            t1 = a + b;
            t2 = a - b;
            var c = d4 - d2;
            var e = (d3 - d1) * 2f;
            t3 = c + e;
            t4 = c - e;
            t0 = Avx512F.FusedMultiplyAdd(four, d0, Avx512F.FusedMultiplyAddNegated(five, d2, d4));
            t5 = Avx512F.FusedMultiplyAdd(four, d1, Avx512F.FusedMultiplyAddNegated(five, d3, d5));
        }

        /// <summary>
        /// Y = A^T M A + bias for output channels [<paramref name="firstChannel"/>, +<paramref name="channels"/>) of one image's
        /// output <paramref name="output"/> [OutChannels, outHeight, outWidth], from one block's <paramref name="products"/>
        /// [point][16 channels][lane]. Rows past outHeight are skipped and columns past outWidth masked off: every store stays
        /// inside the item's own rows and columns.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Output(ReadOnlySpan<float> products, Span<float> output, ReadOnlySpan<float> bias, int firstChannel, int channels,
            int outHeight, int outWidth, int tileRow, int columnGroup)
        {
            if (products.Length < WinogradF43.Points * WinogradF43.ProductStride) throw new ArgumentException($"Expected {WinogradF43.Points * WinogradF43.ProductStride} products, got {products.Length}.", nameof(products));
            if (output.Length < (firstChannel + channels) * outHeight * outWidth) throw new ArgumentException($"Expected an output of at least {(firstChannel + channels) * outHeight * outWidth} floats, got {output.Length}.", nameof(output));
            if (!Avx512F.IsSupported)
            {
                fixed (float* source = products) fixed (float* destination = output)
                    WinogradTransforms256.Output(source, destination, bias, firstChannel, channels, outHeight, outWidth, tileRow, columnGroup);
                return;
            }
            int x0 = Lanes * WinogradF43.TileSize * columnGroup;
            // The 4 vectors of an output row: 64 columns from x0, cut at outWidth.
            var m0 = MaskedRowLoad.ColumnMask(x0, outWidth); var m1 = MaskedRowLoad.ColumnMask(x0 + 16, outWidth);
            var m2 = MaskedRowLoad.ColumnMask(x0 + 32, outWidth); var m3 = MaskedRowLoad.ColumnMask(x0 + 48, outWidth);
            int rows = Math.Min(WinogradF43.TileSize, outHeight - WinogradF43.TileSize * tileRow);
            float* across = stackalloc float[4 * 6 * Lanes]; // A^T M: 4 rows x 6 columns of lanes
            fixed (float* m = products)
            fixed (float* y = output)
            {
                for (int k = 0; k < channels; k++)
                {
                    float* mk = m + k * Lanes;
                    for (int b = 0; b < 6; b++)
                    {
                        OutputColumn(Avx512F.LoadVector512(mk + (0 * 6 + b) * WinogradF43.ProductStride), Avx512F.LoadVector512(mk + (1 * 6 + b) * WinogradF43.ProductStride),
                            Avx512F.LoadVector512(mk + (2 * 6 + b) * WinogradF43.ProductStride), Avx512F.LoadVector512(mk + (3 * 6 + b) * WinogradF43.ProductStride),
                            Avx512F.LoadVector512(mk + (4 * 6 + b) * WinogradF43.ProductStride), Avx512F.LoadVector512(mk + (5 * 6 + b) * WinogradF43.ProductStride),
                            out var s0, out var s1, out var s2, out var s3);
                        Avx512F.Store(across + (0 * 6 + b) * Lanes, s0); Avx512F.Store(across + (1 * 6 + b) * Lanes, s1);
                        Avx512F.Store(across + (2 * 6 + b) * Lanes, s2); Avx512F.Store(across + (3 * 6 + b) * Lanes, s3);
                    }
                    var shift = bias.IsEmpty ? Vector512<float>.Zero : Vector512.Create(bias[firstChannel + k]);
                    float* plane = y + (long)(firstChannel + k) * outHeight * outWidth + (long)WinogradF43.TileSize * tileRow * outWidth + x0;
                    for (int a = 0; a < rows; a++)
                    {
                        float* s = across + a * 6 * Lanes;
                        OutputColumn(Avx512F.LoadVector512(s), Avx512F.LoadVector512(s + 16), Avx512F.LoadVector512(s + 32),
                            Avx512F.LoadVector512(s + 48), Avx512F.LoadVector512(s + 64), Avx512F.LoadVector512(s + 80),
                            out var z0, out var z1, out var z2, out var z3);
                        LaneShuffles.Interleave4(z0 + shift, z1 + shift, z2 + shift, z3 + shift, out var o0, out var o1, out var o2, out var o3);
                        float* row = plane + (long)a * outWidth;
                        Avx512F.MaskStore(row, m0, o0); Avx512F.MaskStore(row + 16, m1, o1);
                        Avx512F.MaskStore(row + 32, m2, o2); Avx512F.MaskStore(row + 48, m3, o3);
                    }
                }
            }
        }

        /// <summary>A^T times (m0 .. m5).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void OutputColumn(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
            out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3)
        {
            var p = m1 + m2; var q = m1 - m2; var r = m3 + m4; var s = m3 - m4;
            y0 = m0 + p + r;
            y1 = Avx512F.FusedMultiplyAdd(Vector512.Create(2f), s, q);
            y2 = Avx512F.FusedMultiplyAdd(Vector512.Create(4f), r, p);
            y3 = Avx512F.FusedMultiplyAdd(Vector512.Create(8f), s, q + m5);
        }
    }
}
