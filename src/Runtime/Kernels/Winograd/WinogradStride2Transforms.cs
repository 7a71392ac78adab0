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
    /// deinterleave as WinogradF43's. The forward's products come per vector of 8 output channels (see WinogradStride2), so
    /// its outputs go back to the channel planes through 8 x 8 transposes.
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
        /// Y = A^T M A + bias for output channels [<paramref name="firstChannel"/>, +<paramref name="channels"/>) (at most
        /// WinogradStride2.ChannelBlock) of one image's output <paramref name="output"/> [OutChannels, outHeight, outWidth], from
        /// one block's <paramref name="products"/> [point][vector of 8 channels][lane][8] (only the item's tiles' lanes are read).
        /// Per vector of 8 channels, each tile's 2 x 2 outputs come out as 4 vectors of those channels; they are staged as the
        /// item's 2 rows x 32 columns x 8 channels and go to the channel planes through 8 x 8 transposes. Rows past outHeight
        /// and columns past outWidth are not written: every store stays inside the item's own 2 rows and 32 columns.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Output(ReadOnlySpan<float> products, Span<float> output, ReadOnlySpan<float> bias, int firstChannel, int channels,
            int outHeight, int outWidth, int tileRow, int columnGroup)
        {
            const int stride = WinogradStride2.ProductStride, Row = 2 * Lanes * Half; // staged floats per output row
            if (!WinogradTransforms256.IsSupported) throw new PlatformNotSupportedException("WinogradStride2Transforms needs AVX2 and FMA.");
            if (channels > WinogradStride2.ChannelBlock || products.Length < WinogradStride2.Points * stride) throw new ArgumentException($"Expected {WinogradStride2.Points * stride} products of at most {WinogradStride2.ChannelBlock} channels, got {products.Length} of {channels}.", nameof(products));
            if (output.Length < (firstChannel + channels) * outHeight * outWidth) throw new ArgumentException($"Expected an output of at least {(firstChannel + channels) * outHeight * outWidth} floats, got {output.Length}.", nameof(output));
            if (!bias.IsEmpty && bias.Length < firstChannel + channels) throw new ArgumentException($"Expected at least {firstChannel + channels} biases, got {bias.Length}.", nameof(bias));
            int x0 = WinogradStride2.TileSize * Lanes * columnGroup, y0 = WinogradStride2.TileSize * tileRow;
            int rows = Math.Min(WinogradStride2.TileSize, outHeight - y0), columns = Math.Min(2 * Lanes, outWidth - x0);
            int tiles = WinogradStride2.TilesInGroup(outWidth, columnGroup);
            long planeSize = (long)outHeight * outWidth;
            float* stage = stackalloc float[2 * Row]; // [output row][column][8 channels]
            float* shift = stackalloc float[Half];
            fixed (float* m = products)
            fixed (float* y = output)
            {
                for (int first = 0; first < channels; first += Half)
                {
                    int count = Math.Min(Half, channels - first);
                    for (int k = 0; k < Half; k++) shift[k] = k < count && !bias.IsEmpty ? bias[firstChannel + first + k] : 0f;
                    var b = Avx.LoadVector256(shift);
                    float* mv = m + first * Lanes;
                    for (int t = 0; t < tiles; t++)
                    {
                        float* mt = mv + t * Half;
                        // A^T down the columns: top (output row 0) and bottom (row 1) for each of the 5 point columns.
                        Down(mt, 0, out var t0, out var b0); Down(mt, 1, out var t1, out var b1); Down(mt, 2, out var t2, out var b2);
                        Down(mt, 3, out var t3, out var b3); Down(mt, 4, out var t4, out var b4);
                        float* at = stage + 2 * t * Half;
                        Avx.Store(at, t0 + t1 + t2 + b); Avx.Store(at + Half, t2 + t3 + t4 + b);
                        Avx.Store(at + Row, b0 + b1 + b2 + b); Avx.Store(at + Row + Half, b2 + b3 + b4 + b);
                    }
                    float* plane = y + (firstChannel + first) * planeSize + (long)y0 * outWidth;
                    for (int r = 0; r < rows; r++)
                        StoreStagedRow(stage + r * Row, plane + (long)r * outWidth, planeSize, count, x0, x0 + columns);
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static void Down(float* mt, int b, out Vector256<float> top, out Vector256<float> bottom)
            {
                var middle = Avx.LoadVector256(mt + (2 * Patch + b) * stride);
                top = Avx.LoadVector256(mt + b * stride) + Avx.LoadVector256(mt + (Patch + b) * stride) + middle;
                bottom = middle + Avx.LoadVector256(mt + (3 * Patch + b) * stride) + Avx.LoadVector256(mt + (4 * Patch + b) * stride);
            }
        }

        /// <summary>dY columns one input-gradient item reads: 16 tiles 2 apart, 3 wide (33), in whole vectors of 8.</summary>
        private const int GradRowSpan = 40;

        /// <summary>
        /// The input gradient's V = B^T d B (WinogradStride2's input-gradient transform) for tile row <paramref name="tileRow"/>,
        /// column group <paramref name="columnGroup"/> of one image's dY <paramref name="gradOutput"/> [OutChannels, gradHeight,
        /// gradWidth], every output channel, into <paramref name="transformed"/> [point][channel][lane]. A tile's 3 x 3 patch is
        /// dY rows 2 x tileRow - 1 .. + 1 and columns 2 x tile - 1 .. + 1; those outside dY read as zero through masked loads.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void InputGradientInput(ReadOnlySpan<float> gradOutput, Span<float> transformed, int outChannels, int gradHeight, int gradWidth,
            int tileRow, int columnGroup, int pointStride)
        {
            if (!WinogradTransforms256.IsSupported) throw new PlatformNotSupportedException("WinogradStride2Transforms needs AVX2 and FMA.");
            if (gradOutput.Length < outChannels * gradHeight * gradWidth) throw new ArgumentException($"Expected a gradient of {outChannels * gradHeight * gradWidth} floats, got {gradOutput.Length}.", nameof(gradOutput));
            if (pointStride < outChannels * Lanes) throw new ArgumentException($"Expected a point stride of at least {outChannels * Lanes} floats, got {pointStride}.", nameof(pointStride));
            if (transformed.Length < WinogradStride2.Points * pointStride) throw new ArgumentException($"Expected {WinogradStride2.Points * pointStride} floats of scratch, got {transformed.Length}.", nameof(transformed));
            int y0 = 2 * tileRow - 1, x0 = 2 * Lanes * columnGroup - 1;
            bool r0 = (uint)y0 < (uint)gradHeight, r1 = (uint)(y0 + 1) < (uint)gradHeight, r2 = (uint)(y0 + 2) < (uint)gradHeight;
            float* columns = stackalloc float[4 * GradRowSpan]; // B^T d down the columns: rows d0 - d1, d1, d2 - d1, d2 (row 3 repeats row 1)
            Vector256<float>* masks = stackalloc Vector256<float>[GradRowSpan / Half];
            for (int x = 0; x < GradRowSpan; x += Half) masks[x / Half] = WinogradTransforms256.ColumnMask(x0 + x, gradWidth);
            fixed (float* gradStart = gradOutput)
            fixed (float* v = transformed)
            {
                for (int co = 0; co < outChannels; co++)
                {
                    float* row0 = gradStart + ((long)co * gradHeight + y0) * gradWidth + x0;
                    float* row1 = row0 + gradWidth, row2 = row1 + gradWidth;
                    var zero = Vector256<float>.Zero;
                    for (int x = 0; x < GradRowSpan; x += Half)
                    {
                        var mask = masks[x / Half];
                        var d1 = r1 ? Avx.MaskLoad(row1 + x, mask) : zero;
                        var d2 = r2 ? Avx.MaskLoad(row2 + x, mask) : zero;
                        Avx.Store(columns + x, (r0 ? Avx.MaskLoad(row0 + x, mask) : zero) - d1);
                        Avx.Store(columns + GradRowSpan + x, d1);
                        Avx.Store(columns + 2 * GradRowSpan + x, d2 - d1);
                        Avx.Store(columns + 3 * GradRowSpan + x, d2);
                    }
                    for (int a = 0; a < 4; a++)
                    for (int h = 0; h < 2; h++)
                    {
                        float* r = columns + a * GradRowSpan + 2 * Half * h;
                        var low = Avx.LoadVector256(r); var high = Avx.LoadVector256(r + Half);
                        // Lane j's patch is columns 2j .. 2j+2: the even and odd columns, then the even ones shifted one lane.
                        var c0 = EvenLanes(low, high); var c1 = OddLanes(low, high);
                        var c2 = WinogradTransforms256.NextTile(c0, r[2 * Half]);
                        var e0 = c0 - c1; var e2 = c2 - c1;
                        // Point row a of the patch: transformed rows 0, 1, 2, 4 (row 3 is row 1 again).
                        int pointRow = a == 3 ? 4 : a;
                        float* dst = v + (long)pointRow * Patch * pointStride + co * Lanes + Half * h;
                        Avx.Store(dst, e0); Avx.Store(dst + pointStride, c1); Avx.Store(dst + 2 * pointStride, e2);
                        Avx.Store(dst + 3 * pointStride, c1); Avx.Store(dst + 4 * pointStride, c2);
                        if (a == 1)
                        {
                            float* copy = dst + 2L * Patch * pointStride;
                            Avx.Store(copy, e0); Avx.Store(copy + pointStride, c1); Avx.Store(copy + 2 * pointStride, e2);
                            Avx.Store(copy + 3 * pointStride, c1); Avx.Store(copy + 4 * pointStride, c2);
                        }
                    }
                }
            }
        }

        /// <summary>Lanes 0, 2, .. 14 of (low, high): the even columns of 16.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> EvenLanes(Vector256<float> low, Vector256<float> high)
            => Avx2.Permute4x64(Avx.Shuffle(low, high, 0x88).AsDouble(), 0xD8).AsSingle();

        /// <summary>Lanes 1, 3, .. 15 of (low, high): the odd columns of 16.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> OddLanes(Vector256<float> low, Vector256<float> high)
            => Avx2.Permute4x64(Avx.Shuffle(low, high, 0xDD).AsDouble(), 0xD8).AsSingle();

        /// <summary>
        /// dX = A^T M A for input channels [<paramref name="firstChannel"/>, +<paramref name="channels"/>) (at most
        /// WinogradStride2.ChannelBlock) of one image's input gradient <paramref name="gradInput"/> [InChannels, height, width],
        /// from one block's <paramref name="products"/> [point][vector of 8 channels][lane][8] (only the item's tiles' lanes are
        /// read). The item's tiles cover padded rows 4 x tileRow .. + 3 and columns 64 x columnGroup .. + 63, which are input
        /// rows and columns <paramref name="padTop"/> and <paramref name="padLeft"/> before them; only those inside the input are
        /// written, and every input element lies in exactly one item's tiles. Per vector of 8 channels each tile's 4 x 4 outputs
        /// are staged as the item's 4 rows x 64 columns x 8 channels and go to the channel planes through 8 x 8 transposes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void InputGradientOutput(ReadOnlySpan<float> products, Span<float> gradInput, int firstChannel, int channels,
            int height, int width, int tileRow, int columnGroup, int padTop, int padLeft)
        {
            const int stride = WinogradStride2.ProductStride, Row = 4 * Lanes * Half; // staged floats per dX row
            if (!WinogradTransforms256.IsSupported) throw new PlatformNotSupportedException("WinogradStride2Transforms needs AVX2 and FMA.");
            if (channels > WinogradStride2.ChannelBlock || products.Length < WinogradStride2.Points * stride) throw new ArgumentException($"Expected {WinogradStride2.Points * stride} products of at most {WinogradStride2.ChannelBlock} channels, got {products.Length} of {channels}.", nameof(products));
            if (gradInput.Length < (firstChannel + channels) * height * width) throw new ArgumentException($"Expected an input gradient of at least {(firstChannel + channels) * height * width} floats, got {gradInput.Length}.", nameof(gradInput));
            int y0 = 4 * tileRow - padTop, x0 = 4 * Lanes * columnGroup - padLeft;
            int tiles = WinogradStride2.InputGradientTilesInGroup(width, padLeft, columnGroup);
            int columns = Math.Min(4 * tiles, width - x0); // staged columns that can lie inside the input
            long planeSize = (long)height * width;
            float* stage = stackalloc float[4 * Row]; // [dX row][column][8 channels]
            fixed (float* m = products)
            fixed (float* dx = gradInput)
            {
                for (int first = 0; first < channels; first += Half)
                {
                    int count = Math.Min(Half, channels - first);
                    float* mv = m + first * Lanes;
                    for (int t = 0; t < tiles; t++)
                    {
                        float* mt = mv + t * Half;
                        for (int a = 0; a < 4; a++)
                        {
                            // A^T down the point rows for output row a (rows 0 + 1, 3, 1 + 2, 4), then along: columns 0 + 1, 3, 1 + 2, 4.
                            Across(mt, a, 0, out var s0); Across(mt, a, 1, out var s1); Across(mt, a, 2, out var s2);
                            Across(mt, a, 3, out var s3); Across(mt, a, 4, out var s4);
                            float* at = stage + a * Row + 4 * t * Half;
                            Avx.Store(at, s0 + s1); Avx.Store(at + Half, s3); Avx.Store(at + 2 * Half, s1 + s2); Avx.Store(at + 3 * Half, s4);
                        }
                    }
                    float* plane = dx + (firstChannel + first) * planeSize;
                    for (int a = 0; a < 4; a++)
                    {
                        int y = y0 + a;
                        if ((uint)y >= (uint)height) continue;
                        StoreStagedRow(stage + a * Row, plane + (long)y * width, planeSize, count, x0, x0 + columns);
                    }
                }
            }

            // Output row a's combination of the products at point column b: A^T's row a over the 5 point rows.
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static void Across(float* mt, int a, int b, out Vector256<float> sum)
            {
                sum = a switch
                {
                    0 => Avx.LoadVector256(mt + b * stride) + Avx.LoadVector256(mt + (Patch + b) * stride),
                    1 => Avx.LoadVector256(mt + (3 * Patch + b) * stride),
                    2 => Avx.LoadVector256(mt + (Patch + b) * stride) + Avx.LoadVector256(mt + (2 * Patch + b) * stride),
                    _ => Avx.LoadVector256(mt + (4 * Patch + b) * stride),
                };
            }
        }

        /// <summary>
        /// Columns [<paramref name="first"/>, <paramref name="end"/>) of one staged row [column][8 channels] into the first
        /// <paramref name="count"/> channel planes (<paramref name="planeSize"/> floats apart) of <paramref name="row"/>: 8 columns
        /// x 8 channels at a time through an 8 x 8 transpose; columns before 0 (padding the input gradient cuts off) are skipped.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreStagedRow(float* staged, float* row, long planeSize, int count, int first, int end)
        {
            for (int x = first; x < end; x += Half)
            {
                float* s = staged + (x - first) * Half;
                var c0 = Avx.LoadVector256(s); var c1 = Avx.LoadVector256(s + 8); var c2 = Avx.LoadVector256(s + 16); var c3 = Avx.LoadVector256(s + 24);
                var c4 = Avx.LoadVector256(s + 32); var c5 = Avx.LoadVector256(s + 40); var c6 = Avx.LoadVector256(s + 48); var c7 = Avx.LoadVector256(s + 56);
                Transpose8x8.Apply(ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7);
                StoreInside(row, x, c0, end);
                if (count > 1) StoreInside(row + planeSize, x, c1, end);
                if (count > 2) StoreInside(row + 2 * planeSize, x, c2, end);
                if (count > 3) StoreInside(row + 3 * planeSize, x, c3, end);
                if (count > 4) StoreInside(row + 4 * planeSize, x, c4, end);
                if (count > 5) StoreInside(row + 5 * planeSize, x, c5, end);
                if (count > 6) StoreInside(row + 6 * planeSize, x, c6, end);
                if (count > 7) StoreInside(row + 7 * planeSize, x, c7, end);
            }
        }

        /// <summary>Writes the lanes of <paramref name="value"/> (columns <paramref name="column"/> ..) that lie in [0, <paramref name="width"/>) of <paramref name="row"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreInside(float* row, int column, Vector256<float> value, int width)
        {
            if (column >= 0) { PrefixStore.Store(row + column, value, width - column); return; }
            for (int i = -column; i < Half && column + i < width; i++) row[column + i] = value.GetElement(i);
        }
    }
}
