using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// The input packing that splits padded rows into stride phases (vectorised de-interleave for stride 2) against the
    /// definition: packed[row][phase p][j] = padded input column j*S + p, for widths around the vector sizes, in the regular
    /// layout and in flat planes (each row and column phase its own tight plane).
    /// </summary>
    public class PackPlaneTests
    {
        public static TheoryData<int, int, int, bool> Cases()
        {
            var data = new TheoryData<int, int, int, bool>();
            foreach (bool flat in new[] { false, true })
            foreach (int stride in new[] { 1, 2, 3 })
            foreach (int pad in new[] { 0, 1, 3 })
            foreach (int width in new[] { 1, 7, 15, 16, 17, 31, 32, 33, 47, 64, 65, 130 })
                data.Add(stride, pad, width, flat);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Packed_phases_hold_the_strided_columns_of_the_padded_row(int stride, int pad, int width, bool flat)
        {
            const int height = 5;
            var g = ConvGeometry.Create(2, 2, 3, 3, stride: stride, pad: pad);
            var layout = new ConvLayout(g, height, width, flatPlanes: flat);
            var plane = new float[height * width];
            for (int i = 0; i < plane.Length; i++) plane[i] = i + 1;
            var packed = new float[layout.PlaneStride];
            packed.AsSpan().Fill(float.NaN);
            ConvPacking.PackPlane(g, layout, plane, packed);

            for (int r = 0; r < layout.PaddedHeight; r++)
            for (int p = 0; p < stride; p++)
            for (int j = 0; j < layout.PhaseColumns; j++)
            {
                int y = r - pad, x = j * stride + p - pad;
                float expected = j * stride + p >= layout.PaddedWidth || y < 0 || y >= height || x < 0 || x >= width ? 0f : plane[y * width + x];
                Assert.Equal(expected, packed[layout.RowOffset(r) + p * layout.ColumnPhaseStride + j]);
            }
            if (!flat) return;
            // Flat planes: output row oy's input starts FlatRowStride floats after row oy - 1's, in every row phase.
            for (int r = stride; r < layout.PaddedHeight; r++)
                Assert.Equal(layout.FlatRowStride, layout.RowOffset(r) - layout.RowOffset(r - stride));
        }

        /// <summary>
        /// Stride-1 zero-padded packing (its own row loop, bounds checked once) for any row band, including bands that lie wholly
        /// inside the top or bottom padding: every row of the band is [PadLeft zeros | input row | zeros] up to PhaseColumns,
        /// and nothing outside the band's rows is written (neither other rows nor the rows' slack), regular and flat layouts.
        /// </summary>
        [Theory]
        [InlineData(0, 0, 0, 0, 1)]
        [InlineData(0, 0, 0, 0, 3)]
        [InlineData(2, 1, 0, 0, 4)]
        [InlineData(3, 0, 0, 0, 9)]
        [InlineData(0, 2, 1, 2, 7)]
        [InlineData(1, 1, 3, 1, 2)]
        [InlineData(2, 2, 2, 2, 10)]
        public void Stride1_zero_padded_rows_pack_within_any_band(int padTop, int padBottom, int padLeft, int padRight, int bands)
        {
            const int height = 6;
            foreach (bool flat in new[] { false, true })
            foreach (int width in new[] { 3, 9, 17 })
            {
                var g = new ConvGeometry(2, 2, 3, 3, PadTop: padTop, PadBottom: padBottom, PadLeft: padLeft, PadRight: padRight);
                var layout = new ConvLayout(g, height, width, flatPlanes: flat);
                var plane = new float[height * width];
                for (int i = 0; i < plane.Length; i++) plane[i] = i + 1;
                var packed = new float[layout.PlaneStride + 5];
                for (int band = 0; band < bands; band++)
                {
                    packed.AsSpan().Fill(float.NaN);
                    int first = band * layout.PaddedHeight / bands, end = (band + 1) * layout.PaddedHeight / bands;
                    ConvPacking.PackRows(g, layout, plane, packed, first, end);
                    var written = new bool[packed.Length];
                    for (int r = first; r < end; r++)
                    for (int j = 0; j < layout.PhaseColumns; j++)
                    {
                        int y = r - padTop, x = j - padLeft, at = layout.RowOffset(r) + j;
                        Assert.Equal(y < 0 || y >= height || x < 0 || x >= width ? 0f : plane[y * width + x], packed[at]);
                        written[at] = true;
                    }
                    for (int i = 0; i < packed.Length; i++)
                        if (!written[i]) Assert.True(float.IsNaN(packed[i]), $"flat {flat}, width {width}, rows [{first}, {end}) wrote float {i} outside them");
                }
            }
        }

        /// <summary>PackInputJob's row bands partition every plane: any band count packs the same buffer as whole planes.</summary>
        [Theory]
        [InlineData(1, 1)]
        [InlineData(1, 2)]
        [InlineData(2, 3)]
        [InlineData(2, 5)]
        [InlineData(1, 40)]
        public void Row_bands_pack_the_same_buffer_as_whole_planes(int stride, int bands)
        {
            const int batch = 2, channels = 3, height = 13, width = 11;
            var g = ConvGeometry.Create(channels, 4, 3, 3, stride: stride, pad: 1);
            var layout = new ConvLayout(g, height, width, flatPlanes: true);
            var x = new float[batch * channels * height * width];
            for (int i = 0; i < x.Length; i++) x[i] = i + 1;
            // Both start as NaN: the packing leaves the layout's slack cells alone (the layer zeroes them once at allocation).
            var whole = new float[batch * channels * layout.PlaneStride];
            whole.AsSpan().Fill(float.NaN);
            ConvPacking.PackInput(g, layout, x, whole, batch * channels);
            var banded = new float[whole.Length];
            banded.AsSpan().Fill(float.NaN);
            ParallelRunner.Run(new ConvPacking.PackInputJob(g, layout, channels, bands), batch * bands * channels, 0, x, banded);
            Assert.Equal(whole, banded);
        }

        /// <summary>
        /// With a flags buffer, PackInputJob item index flags exactly the bands whose input rows hold an infinity or a NaN:
        /// each input row (of each image and channel) poisoned in turn, every item's flag against the band that row falls in.
        /// </summary>
        [Theory]
        [InlineData(1, 1, float.PositiveInfinity)]
        [InlineData(1, 3, float.NegativeInfinity)]
        [InlineData(2, 4, float.NaN)]
        [InlineData(1, 15, float.PositiveInfinity)] // more bands than rows: some bands hold no input row, or only padding
        public void Packing_flags_the_bands_whose_rows_are_not_finite(int stride, int bands, float poison)
        {
            const int batch = 2, channels = 3, height = 9, width = 11, pad = 2;
            var g = ConvGeometry.Create(channels, 4, 3, 3, stride: stride, pad: pad);
            var layout = new ConvLayout(g, height, width, flatPlanes: true);
            int items = batch * bands * channels;
            var packed = new float[batch * channels * layout.PlaneStride];
            var flags = new float[items];
            for (int poisoned = 0; poisoned < batch * channels * height; poisoned++)
            {
                var x = new float[batch * channels * height * width];
                for (int i = 0; i < x.Length; i++) x[i] = i + 1;
                int plane = poisoned / height, row = poisoned % height;
                x[(plane * height + row) * width + row % width] = poison;
                ParallelRunner.Run(new ConvPacking.PackInputJob(g, layout, channels, bands), items, 0, x, packed, flags);
                for (int index = 0; index < items; index++)
                {
                    int c = index % channels, band = index / channels % bands, n = index / channels / bands;
                    int first = band * layout.PaddedHeight / bands, end = (band + 1) * layout.PaddedHeight / bands;
                    bool holds = n * channels + c == plane && first <= row + pad && row + pad < end;
                    Assert.Equal(holds ? 1f : 0f, flags[index]);
                }
            }
        }

        public static TheoryData<int, int, int, PaddingMode> AdjointCases()
        {
            var data = new TheoryData<int, int, int, PaddingMode>();
            foreach (int stride in new[] { 1, 2, 3 })
            foreach (int pad in new[] { 0, 1, 2, 3 })
            foreach (int width in new[] { 1, 2, 15, 16, 17, 31, 32, 33, 47, 64, 65, 130 })
                data.Add(stride, pad, width, PaddingMode.Zeros);
            foreach (PaddingMode mode in new[] { PaddingMode.Reflect, PaddingMode.Replicate, PaddingMode.Circular })
            foreach (int stride in new[] { 1, 2 })
            foreach (int width in new[] { 5, 33, 64 })
                data.Add(stride, 2, width, mode);
            return data;
        }

        /// <summary>
        /// UnpackInputGradientAdd is the adjoint of the packing: for any packed gradient G and input x,
        /// sum(Pack(x) * G) = sum(x * Unpack(G)), and it adds onto what the input gradient held. Small integers keep both sums exact.
        /// </summary>
        [Theory]
        [MemberData(nameof(AdjointCases))]
        public void Unpacking_the_input_gradient_is_the_adjoint_of_packing(int stride, int pad, int width, PaddingMode mode)
        {
            const int height = 5;
            if (mode != PaddingMode.Zeros && pad >= width) return; // reflection needs a pad narrower than the row
            var g = ConvGeometry.Create(2, 2, 3, 3, stride: stride, pad: pad, paddingMode: mode);
            var layout = new ConvLayout(g, height, width);
            var random = new Random(width * 31 + pad * 7 + stride);
            var x = new float[height * width];
            for (int i = 0; i < x.Length; i++) x[i] = random.Next(-8, 9);
            var gradient = new float[layout.PlaneStride];
            for (int i = 0; i < gradient.Length; i++) gradient[i] = random.Next(-8, 9);
            var packed = new float[layout.PlaneStride]; // zero slack: it holds no pixel, so it adds nothing to either sum
            ConvPacking.PackPlane(g, layout, x, packed);
            var gx = new float[x.Length];
            for (int i = 0; i < gx.Length; i++) gx[i] = 1000;
            ConvPacking.UnpackInputGradientAdd(g, layout, gradient, gx, 1);

            double packedSide = 0, inputSide = 0;
            for (int i = 0; i < packed.Length; i++) packedSide += (double)packed[i] * gradient[i];
            for (int i = 0; i < x.Length; i++) inputSide += (double)x[i] * (gx[i] - 1000);
            Assert.Equal(packedSide, inputSide);
        }

        public static TheoryData<int, int, int> StoreCases()
        {
            var data = new TheoryData<int, int, int>();
            foreach (int stride in new[] { 1, 2, 3 })
            foreach (int pad in new[] { 0, 1, 2 })
            foreach (int width in new[] { 1, 7, 16, 17, 31, 33, 56, 130 })
                data.Add(stride, pad, width);
            return data;
        }

        /// <summary>
        /// With zero padding, UnpackInputGradientStore writes every element of the input gradient (the buffer starts as NaN) with
        /// what clearing it and UnpackInputGradientAdd give, bit for bit.
        /// </summary>
        [Theory]
        [MemberData(nameof(StoreCases))]
        public void Storing_the_unpacked_gradient_equals_adding_it_onto_zeros(int stride, int pad, int width)
        {
            const int height = 6, channels = 2;
            var g = ConvGeometry.Create(channels, 2, 3, 3, stride: stride, pad: pad);
            var layout = new ConvLayout(g, height, width);
            var random = new Random(width * 17 + pad * 5 + stride);
            var gradient = new float[channels * layout.PlaneStride];
            for (int i = 0; i < gradient.Length; i++) gradient[i] = (float)random.NextDouble() - 0.5f;
            var added = new float[channels * height * width];
            ConvPacking.UnpackInputGradientAdd(g, layout, gradient, added, channels);
            var stored = new float[added.Length];
            stored.AsSpan().Fill(float.NaN);
            ConvPacking.UnpackInputGradientStore(g, layout, gradient, stored, channels);
            Assert.Equal(added, stored);
        }

        [Fact]
        public void Storing_the_unpacked_gradient_refuses_padding_other_than_zeros()
        {
            var g = ConvGeometry.Create(1, 1, 3, 3, pad: 1, paddingMode: PaddingMode.Reflect);
            var layout = new ConvLayout(g, 5, 5);
            var e = Assert.Throws<ArgumentException>(() => ConvPacking.UnpackInputGradientStore(g, layout, new float[layout.PlaneStride], new float[25], 1));
            Assert.Contains("Reflect", e.Message);
        }

        public static TheoryData<PaddingMode, int, int, int> ModeCases()
        {
            var data = new TheoryData<PaddingMode, int, int, int>();
            foreach (PaddingMode mode in new[] { PaddingMode.Reflect, PaddingMode.Replicate, PaddingMode.Circular })
            foreach (int stride in new[] { 1, 2, 3 })
            foreach (int pad in new[] { 1, 2, 3 })
            foreach (int width in new[] { 5, 16, 17, 33, 56 })
                data.Add(mode, stride, pad, width);
            return data;
        }

        /// <summary>Other padding modes: the border columns (and the stride-2 path's odd last column) copy the pixel the mode names.</summary>
        [Theory]
        [MemberData(nameof(ModeCases))]
        public void Border_columns_follow_the_padding_mode(PaddingMode mode, int stride, int pad, int width)
        {
            const int height = 5;
            var g = ConvGeometry.Create(2, 2, 3, 3, stride: stride, pad: pad, paddingMode: mode);
            var layout = new ConvLayout(g, height, width, flatPlanes: true);
            var plane = new float[height * width];
            for (int i = 0; i < plane.Length; i++) plane[i] = i + 1;
            var packed = new float[layout.PlaneStride];
            packed.AsSpan().Fill(float.NaN);
            ConvPacking.PackPlane(g, layout, plane, packed);

            for (int r = 0; r < layout.PaddedHeight; r++)
            for (int p = 0; p < stride; p++)
            for (int j = 0; j < layout.PhaseColumns; j++)
            {
                int y = Padding.SourceIndex(mode, r - pad, height), x = Padding.SourceIndex(mode, j * stride + p - pad, width);
                float expected = j * stride + p >= layout.PaddedWidth ? 0f : plane[y * width + x];
                Assert.Equal(expected, packed[layout.RowOffset(r) + p * layout.ColumnPhaseStride + j]);
            }
        }
    }
}
