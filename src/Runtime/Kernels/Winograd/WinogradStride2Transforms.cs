using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels.Winograd
{
    /// <summary>
    /// The input and output transforms of <see cref="WinogradStride2"/> (AVX2 + FMA), 8 lanes at a time: each 16-lane row of
    /// the layouts is two halves of 8 tiles. Every 2-D transform is the 1-D one down the columns, then along the rows:
    /// B^T d = (d0 - d2, d1, d2, d3, d4 - d2) and A^T m = (m0 + m1 + m2, m2 + m3 + m4), additions only. Tiles are 4 input
    /// columns apart (stride 2 x 2 outputs), so their patches come out of 32 contiguous floats with the same 4-way
    /// deinterleave as WinogradF43's; their 2 output columns go back with a 2-way interleave.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static unsafe class WinogradStride2Transforms
    {
        private const int Lanes = WinogradStride2.Lanes, Half = 8, Patch = WinogradStride2.PatchSize;
        /// <summary>Input columns one item reads: 16 tiles 4 apart, 5 wide (65), in whole vectors of 8.</summary>
        private const int RowSpan = 72;

        /// <summary>
        /// V = B^T d B for the tiles of tile row <paramref name="tileRow"/>, column group <paramref name="columnGroup"/> of one
        /// image <paramref name="image"/> [InChannels, height, width], every input channel, into <paramref name="transformed"/>
        /// [point][channel][lane] (points <paramref name="pointStride"/> floats apart). The 5 input rows of a tile row start at
        /// 4 x tileRow - padTop, the columns at 64 x columnGroup - padLeft; rows and columns outside the image read as zero
        /// (the zero padding) through masked loads, so nothing outside the image is touched.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Input(ReadOnlySpan<float> image, Span<float> transformed, int inChannels, int height, int width,
            int tileRow, int columnGroup, int padTop, int padLeft, int pointStride)
        {
            if (!WinogradTransforms256.IsSupported) throw new PlatformNotSupportedException("WinogradStride2Transforms needs AVX2 and FMA.");
            if (image.Length < inChannels * height * width) throw new ArgumentException($"Expected an image of {inChannels * height * width} floats, got {image.Length}.", nameof(image));
            if (pointStride < inChannels * Lanes) throw new ArgumentException($"Expected a point stride of at least {inChannels * Lanes} floats, got {pointStride}.", nameof(pointStride));
            if (transformed.Length < WinogradStride2.Points * pointStride) throw new ArgumentException($"Expected {WinogradStride2.Points * pointStride} floats of scratch, got {transformed.Length}.", nameof(transformed));
            int y0 = 2 * WinogradStride2.TileSize * tileRow - padTop, x0 = 2 * WinogradStride2.TileSize * Lanes * columnGroup - padLeft;
            bool r0 = (uint)y0 < (uint)height, r1 = (uint)(y0 + 1) < (uint)height, r2 = (uint)(y0 + 2) < (uint)height;
            bool r3 = (uint)(y0 + 3) < (uint)height, r4 = (uint)(y0 + 4) < (uint)height;
            float* columns = stackalloc float[Patch * RowSpan]; // B^T d for the item's 72 columns: 5 rows
            // The columns of the 9 vectors of a row, the same for every row and channel.
            Vector256<float>* masks = stackalloc Vector256<float>[RowSpan / Half];
            for (int x = 0; x < RowSpan; x += Half) masks[x / Half] = WinogradTransforms256.ColumnMask(x0 + x, width);
            fixed (float* imageStart = image)
            fixed (float* v = transformed)
            {
                for (int ci = 0; ci < inChannels; ci++)
                {
                    // Row pointers may lie outside the image; only valid rows are read, and only through masks.
                    float* row0 = imageStart + ((long)ci * height + y0) * width + x0;
                    float* row1 = row0 + width, row2 = row1 + width, row3 = row2 + width, row4 = row3 + width;
                    // The rows of the channel after next into L1 while this one is transformed: 64 planes 12 KiB apart, 5 short rows of
                    // each, are no stream the hardware prefetcher follows. A hint: addresses past the image never fault.
                    float* ahead = row0 + 2L * height * width;
                    for (int i = 0; i < Patch; i++)
                    for (int x = 0; x < RowSpan; x += 16) Sse.Prefetch0(ahead + (long)i * width + x);
                    var zero = Vector256<float>.Zero;
                    for (int x = 0; x < RowSpan; x += Half)
                    {
                        var mask = masks[x / Half];
                        var d2 = r2 ? Avx.MaskLoad(row2 + x, mask) : zero;
                        Avx.Store(columns + x, (r0 ? Avx.MaskLoad(row0 + x, mask) : zero) - d2);
                        Avx.Store(columns + RowSpan + x, r1 ? Avx.MaskLoad(row1 + x, mask) : zero);
                        Avx.Store(columns + 2 * RowSpan + x, d2);
                        Avx.Store(columns + 3 * RowSpan + x, r3 ? Avx.MaskLoad(row3 + x, mask) : zero);
                        Avx.Store(columns + 4 * RowSpan + x, (r4 ? Avx.MaskLoad(row4 + x, mask) : zero) - d2);
                    }
                    for (int a = 0; a < Patch; a++)
                    for (int h = 0; h < 2; h++)
                    {
                        float* r = columns + a * RowSpan + 4 * Half * h;
                        WinogradTransforms256.Deinterleave4(Avx.LoadVector256(r), Avx.LoadVector256(r + 8), Avx.LoadVector256(r + 16), Avx.LoadVector256(r + 24),
                            out var c0, out var c1, out var c2, out var c3);
                        // Lane j's patch is columns 4j .. 4j+4: the fifth is lane j+1's first; the last lane's comes after the 32.
                        var c4 = WinogradTransforms256.NextTile(c0, r[32]);
                        float* dst = v + (long)a * Patch * pointStride + ci * Lanes + Half * h;
                        Avx.Store(dst, c0 - c2); Avx.Store(dst + pointStride, c1); Avx.Store(dst + 2 * pointStride, c2);
                        Avx.Store(dst + 3 * pointStride, c3); Avx.Store(dst + 4 * pointStride, c4 - c2);
                    }
                }
            }
        }

        /// <summary>
        /// Y = A^T M A + bias for output channels [<paramref name="firstChannel"/>, +<paramref name="channels"/>) of one image's
        /// output <paramref name="output"/> [OutChannels, outHeight, outWidth], from one block's <paramref name="products"/>
        /// [point][16 channels][lane]. Rows past outHeight are skipped and columns past outWidth left unwritten: every store
        /// stays inside the item's own 2 rows and 32 columns.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Output(ReadOnlySpan<float> products, Span<float> output, ReadOnlySpan<float> bias, int firstChannel, int channels,
            int outHeight, int outWidth, int tileRow, int columnGroup)
        {
            const int stride = WinogradStride2.ProductStride;
            if (!WinogradTransforms256.IsSupported) throw new PlatformNotSupportedException("WinogradStride2Transforms needs AVX2 and FMA.");
            if (channels > Lanes || products.Length < WinogradStride2.Points * stride) throw new ArgumentException($"Expected {WinogradStride2.Points * stride} products of at most 16 channels, got {products.Length} of {channels}.", nameof(products));
            if (output.Length < (firstChannel + channels) * outHeight * outWidth) throw new ArgumentException($"Expected an output of at least {(firstChannel + channels) * outHeight * outWidth} floats, got {output.Length}.", nameof(output));
            if (!bias.IsEmpty && bias.Length < firstChannel + channels) throw new ArgumentException($"Expected at least {firstChannel + channels} biases, got {bias.Length}.", nameof(bias));
            int x0 = WinogradStride2.TileSize * Lanes * columnGroup, y0 = WinogradStride2.TileSize * tileRow;
            int rows = Math.Min(WinogradStride2.TileSize, outHeight - y0);
            // How many lanes of the 4 vectors of an output row (32 columns from x0) lie before outWidth: the same for every channel and row.
            int* counts = stackalloc int[4];
            for (int i = 0; i < 4; i++) counts[i] = Math.Clamp(outWidth - (x0 + Half * i), 0, Half);
            fixed (float* m = products)
            fixed (float* y = output)
            {
                for (int k = 0; k < channels; k++)
                {
                    var shift = bias.IsEmpty ? Vector256<float>.Zero : Vector256.Create(bias[firstChannel + k]);
                    float* plane = y + (long)(firstChannel + k) * outHeight * outWidth + (long)y0 * outWidth + x0;
                    for (int h = 0; h < 2; h++)
                    {
                        float* mk = m + k * Lanes + Half * h;
                        // A^T down the columns: top (output row 0) and bottom (row 1) for each of the 5 point columns.
                        Down(mk, 0, out var t0, out var b0); Down(mk, 1, out var t1, out var b1); Down(mk, 2, out var t2, out var b2);
                        Down(mk, 3, out var t3, out var b3); Down(mk, 4, out var t4, out var b4);
                        int n0 = counts[2 * h], n1 = counts[2 * h + 1];
                        float* row = plane + 2 * Half * h;
                        Store(row, t0 + t1 + t2 + shift, t2 + t3 + t4 + shift, n0, n1);
                        if (rows == 2) Store(row + outWidth, b0 + b1 + b2 + shift, b2 + b3 + b4 + shift, n0, n1);
                    }
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static void Down(float* mk, int b, out Vector256<float> top, out Vector256<float> bottom)
            {
                var middle = Avx.LoadVector256(mk + (2 * Patch + b) * stride);
                top = Avx.LoadVector256(mk + b * stride) + Avx.LoadVector256(mk + (Patch + b) * stride) + middle;
                bottom = middle + Avx.LoadVector256(mk + (3 * Patch + b) * stride) + Avx.LoadVector256(mk + (4 * Patch + b) * stride);
            }
        }

        /// <summary>Interleaves the two output columns of 8 tiles (z0: each tile's first, z1: its second) into 16 contiguous outputs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(float* row, Vector256<float> z0, Vector256<float> z1, int n0, int n1)
        {
            var low = Avx.UnpackLow(z0, z1);   // tiles 0, 1 | 4, 5
            var high = Avx.UnpackHigh(z0, z1); // tiles 2, 3 | 6, 7
            PrefixStore.Store(row, Avx.Permute2x128(low, high, 0x20), n0);
            PrefixStore.Store(row + Half, Avx.Permute2x128(low, high, 0x31), n1);
        }
    }
}
