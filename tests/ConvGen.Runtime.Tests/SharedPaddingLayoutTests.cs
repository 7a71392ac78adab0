using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// The evaluation-mode flat layout whose rows share their zero borders (pitch Width + max(PadLeft, PadRight)): every read
    /// a flat-plane forward makes for a stored output, pixel (oy, ox) with tap (ky, kx) at RowOffset(oy + ky x D) + ox + kx x D,
    /// must see the zero-padded input, also where it runs past a row's end into the next row or past the last row. Packing
    /// writes the whole plane, so nothing stale from another layout sharing the buffer is read.
    /// </summary>
    public class SharedPaddingLayoutTests
    {
        public static TheoryData<int, int, int, int, int> Cases()
        {
            var data = new TheoryData<int, int, int, int, int>();
            foreach (int k in new[] { 2, 3, 5, 7 })
            foreach (int padLeft in new[] { 1, 2, 3 })
            foreach (int padRight in new[] { 1, 3 })
            foreach (int dilation in new[] { 1, 2 })
            foreach (int width in new[] { 5, 16, 17, 56 })
                if (Math.Min(padLeft, padRight) <= (k - 1) * dilation) data.Add(k, padLeft, padRight, dilation, width);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Every_read_of_a_stored_output_sees_the_zero_padded_input(int k, int padLeft, int padRight, int dilation, int width)
        {
            const int height = 4, planes = 2;
            var g = new ConvGeometry(1, 1, k, k, 1, 1, 1, 1, padLeft, padRight, dilation, dilation, 1, PaddingMode.Zeros, false, true);
            var layout = new ConvLayout(g, height, width, flatPlanes: true, flatGradient: true, sharedPadding: true);
            Assert.Equal(width + Math.Max(padLeft, padRight), layout.FlatRowStride);
            Assert.True(layout.OutWidth <= layout.FlatRowStride);

            var input = new float[planes * height * width];
            for (int i = 0; i < input.Length; i++) input[i] = i + 1;
            var packed = new float[planes * layout.PlaneStride + ConvLayout.ReadSlack];
            packed.AsSpan(0, planes * layout.PlaneStride).Fill(float.NaN); // must all be written; the slack is zero, as allocated
            ConvPacking.PackInput(g, layout, input, packed, planes);

            for (int plane = 0; plane < planes; plane++)
            for (int oy = 0; oy < layout.OutHeight; oy++)
            for (int ox = 0; ox < layout.OutWidth; ox++)
            for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
            {
                int iy = oy + ky * dilation - 1, ix = ox + kx * dilation - padLeft;
                float expected = iy >= 0 && iy < height && ix >= 0 && ix < width ? input[(plane * height + iy) * width + ix] : 0f;
                float actual = packed[plane * layout.PlaneStride + layout.RowOffset(oy + ky * dilation) + ox + kx * dilation];
                Assert.True(expected == actual, $"plane {plane}, output ({oy}, {ox}), tap ({ky}, {kx}): read {actual}, expected {expected}");
            }
        }

        [Fact]
        public void Shared_padding_is_refused_where_borders_differ_or_rows_would_overlap()
        {
            Assert.Throws<ArgumentException>(() => new ConvLayout(ConvGeometry.Create(1, 1, 3, 3, pad: 1), 8, 8, flatPlanes: false, flatGradient: true, sharedPadding: true));
            Assert.Throws<ArgumentException>(() => new ConvLayout(ConvGeometry.Create(1, 1, 3, 3, stride: 2, pad: 1), 8, 8, flatPlanes: true, flatGradient: true, sharedPadding: true));
            var reflect = Assert.Throws<ArgumentException>(() => new ConvLayout(ConvGeometry.Create(1, 1, 3, 3, pad: 1, paddingMode: PaddingMode.Reflect), 8, 8, flatPlanes: true, flatGradient: true, sharedPadding: true));
            Assert.Contains("Reflect", reflect.Message);
            // A 1x1 kernel padded by 1: 10 outputs per row, but only 9 floats between shared rows.
            var overlap = Assert.Throws<ArgumentException>(() => new ConvLayout(ConvGeometry.Create(1, 1, 1, 1, pad: 1), 8, 8, flatPlanes: true, flatGradient: true, sharedPadding: true));
            Assert.Contains("10 outputs per row, pitch 9", overlap.Message);
        }
    }
}
