using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// The flat gradient layout and the flat plane's lane mask: dY rows at the flat input's row pitch, so the weight gradient
    /// reads pixel (oy, ox) at oy x FlatRowStride + ox in both buffers; the rows then have no right border of their own, which
    /// is safe only while the next row's left border covers every read past a row (GradLeft + OutWidth &lt;= PhaseColumns).
    /// </summary>
    public class FlatGradientLayoutTests
    {
        public static TheoryData<int, int, int, int, int> Geometries()
        {
            var data = new TheoryData<int, int, int, int, int>();
            foreach (int k in new[] { 1, 2, 3, 5, 7 })
            foreach (int stride in new[] { 1, 2, 3 })
            foreach (int pad in new[] { 0, 1, 3 })
            foreach (int dilation in new[] { 1, 2 })
            foreach (int width in new[] { 9, 14, 28, 56 })
                if (width + 2 * pad >= dilation * (k - 1) + 1) data.Add(k, stride, pad, dilation, width);
            return data;
        }

        [Theory]
        [MemberData(nameof(Geometries))]
        public void Flat_gradient_rows_take_the_flat_pitch_and_the_next_left_border_covers_the_right(int k, int stride, int pad, int dilation, int width)
        {
            var g = ConvGeometry.Create(2, 3, k, k, stride: stride, pad: pad, dilation: dilation);
            var flat = new ConvLayout(g, width, width, flatPlanes: true);
            var twin = new ConvLayout(g, width, width, flatPlanes: false, flatGradient: true);
            Assert.Equal(flat.FlatRowStride, flat.GradRowStride);
            Assert.Equal(flat.GradRowStride, twin.GradRowStride);
            Assert.Equal(flat.GradPlaneStride, twin.GradPlaneStride);
            Assert.True(flat.GradLeft + flat.OutWidth <= flat.PhaseColumns,
                $"GradLeft {flat.GradLeft} + OutWidth {flat.OutWidth} > PhaseColumns {flat.PhaseColumns}");
            Assert.True(twin.GradReadSlack >= 2 * ConvLayout.MaxVector + twin.GradLeft);
            Assert.Equal(0, new ConvLayout(g, width, width).GradReadSlack);
        }

        [Fact]
        public void Flat_planes_without_the_flat_gradient_are_refused()
        {
            var g = ConvGeometry.Create(2, 3, 3, 3, pad: 1);
            var e = Assert.Throws<ArgumentException>(() => new ConvLayout(g, 8, 8, flatPlanes: true, flatGradient: false));
            Assert.Equal("flatGradient", e.ParamName);
        }

        [Theory]
        [InlineData(3, 1, 1, 56)]
        [InlineData(3, 2, 1, 56)]
        [InlineData(5, 1, 0, 14)]
        [InlineData(7, 2, 3, 30)]
        [InlineData(3, 1, 1, 5)]
        public void Plane_mask_keeps_exactly_the_output_pixels(int k, int stride, int pad, int width)
        {
            var g = ConvGeometry.Create(2, 3, k, k, stride: stride, pad: pad);
            var l = new ConvLayout(g, width, width, flatPlanes: true);
            var mask = new float[FlatPlaneMask.Length(l) + 5];
            mask.AsSpan().Fill(7f);
            FlatPlaneMask.Fill(l, mask);
            for (int p = 0; p < FlatPlaneMask.Length(l); p++)
            {
                bool pixel = p / l.FlatRowStride < l.OutHeight && p % l.FlatRowStride < l.OutWidth;
                Assert.Equal(pixel ? -1 : 0, BitConverter.SingleToInt32Bits(mask[p]));
            }
            for (int p = FlatPlaneMask.Length(l); p < mask.Length; p++) Assert.Equal(7f, mask[p]); // nothing written past it
            Assert.True(FlatPlaneMask.Length(l) >= l.OutHeight * l.FlatRowStride + ConvLayout.MaxVector);
        }

        [Fact]
        public void Created_plane_mask_is_filled_and_starts_on_a_cache_line()
        {
            var g = ConvGeometry.Create(2, 3, 3, 3, pad: 1);
            var l = new ConvLayout(g, 56, 56, flatPlanes: true);
            for (int i = 0; i < 8; i++) // several allocations: the array's own alignment varies, the segment's must not
            {
                ArraySegment<float> mask = FlatPlaneMask.Create(l);
                Assert.Equal(FlatPlaneMask.Length(l), mask.Count);
                // The array is pinned (it never moves), so its element address is stable.
                Assert.Equal(0, (long)System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(mask.Array!, mask.Offset) % 64);
                var expected = new float[mask.Count];
                FlatPlaneMask.Fill(l, expected);
                Assert.Equal(expected, mask.ToArray());
                _ = new float[i * 3 + 1]; // shift the next allocation
            }
        }

        [Fact]
        public void Plane_mask_refuses_a_regular_layout_and_a_short_span()
        {
            var g = ConvGeometry.Create(2, 3, 3, 3, pad: 1);
            var flat = new ConvLayout(g, 8, 8, flatPlanes: true);
            Assert.Throws<ArgumentException>(() => FlatPlaneMask.Fill(new ConvLayout(g, 8, 8), new float[200]));
            var e = Assert.Throws<ArgumentException>(() => FlatPlaneMask.Fill(flat, new float[FlatPlaneMask.Length(flat) - 1]));
            Assert.Contains(FlatPlaneMask.Length(flat).ToString(), e.Message);
        }
    }
}
