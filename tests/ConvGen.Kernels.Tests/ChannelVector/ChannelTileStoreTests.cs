using System;
using System.Linq;
using Xunit;

namespace ConvGen.Kernels.Tests.ChannelVector
{
    /// <summary>
    /// The channel-vector tile's runtime helper: the in-register transpose that stores a row of pixel-major accumulators
    /// into NCHW channel runs, the tile-width choice and the rule that enables the tile.
    /// </summary>
    public class ChannelTileStoreTests
    {
        private const float Sentinel = 12345f; // outside the tile data's [-1, 1): any stray write shows
        private const int ChannelStride = 37;  // odd and wider than 16, so the channel runs have untouched gaps between them

        private static readonly int[] Widths = { 6, 8, 10, 12 };

        [Fact]
        public void StoreRow_writes_each_channel_run_and_nothing_else()
        {
            if (!ChannelTileStore.IsSupported) return; // no AVX-512: the tile never runs
            var random = new Random(7);
            for (int count = 1; count <= 16; count++)
            {
                // Exactly count pixels of tile data; one stride of sentinel after the last run catches writes past it.
                float[] tile = Enumerable.Range(0, 16 * count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                float[] dst = Enumerable.Repeat(Sentinel, 16 * ChannelStride + ChannelStride).ToArray();

                ChannelTileStore.StoreRow(ref tile[0], count, ref dst[0], ChannelStride);

                for (int i = 0; i < dst.Length; i++)
                {
                    int c = i / ChannelStride, p = i % ChannelStride;
                    float expected = c < 16 && p < count ? tile[16 * p + c] : Sentinel;
                    Assert.True(expected == dst[i], $"count {count}: dst[{i}] (channel {c}, pixel {p}) is {dst[i]}, expected {expected}");
                }
            }
        }

        /// <summary>The 8-lane tiles' store (AVX2): the same contract as StoreRow, for rows of 1 to 8 pixels.</summary>
        [Fact]
        public void StoreRow256_writes_each_channel_run_and_nothing_else()
        {
            if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported) return; // the 8-lane tiles never run without AVX2
            var random = new Random(8);
            for (int count = 1; count <= 8; count++)
            {
                float[] tile = Enumerable.Range(0, 16 * count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                float[] dst = Enumerable.Repeat(Sentinel, 16 * ChannelStride + ChannelStride).ToArray();

                ChannelTileStore.StoreRow256(ref tile[0], count, ref dst[0], ChannelStride);

                for (int i = 0; i < dst.Length; i++)
                {
                    int c = i / ChannelStride, p = i % ChannelStride;
                    float expected = c < 16 && p < count ? tile[16 * p + c] : Sentinel;
                    Assert.True(expected == dst[i], $"count {count}: dst[{i}] (channel {c}, pixel {p}) is {dst[i]}, expected {expected}");
                }
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(9)]
        [InlineData(-1)]
        public void StoreRow256_rejects_counts_outside_1_to_8(int count)
        {
            // The count check precedes the AVX2 check, so this holds on every machine.
            float[] tile = new float[256], dst = new float[16 * ChannelStride];
            Assert.Throws<ArgumentOutOfRangeException>(() => ChannelTileStore.StoreRow256(ref tile[0], count, ref dst[0], ChannelStride));
            Assert.All(dst, v => Assert.Equal(0f, v));
        }

        /// <summary>
        /// The 8-lane tiles (6 pixels along the flattened plane) for rows narrower than the pixel-vector tile's 16 columns, only
        /// without AVX-512: 0 for wider rows, rows narrower than 3, or planes of fewer than 6 pixels.
        /// </summary>
        [Theory]
        [InlineData(10, 10, 6)]  // LeNet C3: 100 pixels in 16 tiles and a tail
        [InlineData(3, 2, 6)]    // exactly one tile
        [InlineData(9, 4, 6)]
        [InlineData(12, 5, 6)]
        [InlineData(15, 7, 6)]
        [InlineData(7, 1, 6)]    // one row
        [InlineData(5, 1, 0)]    // one row of 5: less than a tile
        [InlineData(4, 1, 0)]
        [InlineData(2, 10, 0)]   // narrower than 3
        [InlineData(16, 16, 0)]  // the pixel-vector tile fills its lanes
        [InlineData(28, 28, 0)]  // stride-2 ResNet: measured no faster
        public void Width256_takes_narrow_planes_of_a_tile_or_more_without_AVX512(int outWidth, int outHeight, int expected)
        {
            Assert.Equal(ChannelTileStore.IsSupported256 ? expected : 0, ChannelTileStore.Width256(outWidth, outHeight));
            Assert.Equal(6, ChannelTileStore.Pixels256);
            if (ChannelTileStore.IsSupported) Assert.False(ChannelTileStore.IsSupported256);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(17)]
        [InlineData(-1)]
        public void StoreRow_rejects_counts_outside_1_to_16(int count)
        {
            // The count check precedes the AVX-512 check, so this holds on every machine.
            float[] tile = new float[256], dst = new float[16 * ChannelStride];
            Assert.Throws<ArgumentOutOfRangeException>(() => ChannelTileStore.StoreRow(ref tile[0], count, ref dst[0], ChannelStride));
            Assert.All(dst, v => Assert.Equal(0f, v));
        }

        [Theory]
        [InlineData(10, 10)] // exact fit
        [InlineData(14, 8)]  // 16 columns beat 18 (6), 20 (10), 24 (12)
        [InlineData(28, 10)] // 30 columns for 6 and 10: the tie goes to the wider tile
        [InlineData(32, 8)]
        [InlineData(56, 8)]  // ResNet: 56 = 7 x 8, the others need 60
        [InlineData(23, 12)] // 24 columns for 6, 8 and 12
        [InlineData(7, 6)]   // only 6 fits
        [InlineData(6, 6)]
        [InlineData(5, 0)]   // every width exceeds the row
        public void BestWidth_picks_the_fewest_computed_columns(int outWidth, int expected)
            => Assert.Equal(expected, ChannelTileStore.BestWidth(outWidth, Widths));

        [Fact]
        public void BestWidth_matches_a_brute_force_search()
        {
            foreach (int[] widths in new[] { Widths, new[] { 4, 7, 16 }, new[] { 5 } })
            for (int outWidth = 1; outWidth <= 100; outWidth++)
            {
                int expected = widths.Where(w => w <= outWidth)
                    .OrderBy(w => (int)Math.Ceiling(outWidth / (double)w) * w).ThenByDescending(w => w)
                    .FirstOrDefault();
                Assert.True(expected == ChannelTileStore.BestWidth(outWidth, widths),
                    $"widths {{{string.Join(", ", widths)}}}, outWidth {outWidth}: expected {expected}, got {ChannelTileStore.BestWidth(outWidth, widths)}");
            }
        }

        [Theory]
        [InlineData(10, 10, 10, true, 14, true)]   // LeNet C3: 10 of 14 flat lanes vs all lanes
        [InlineData(10, 10, 10, false, 0, true)]   // vs row tiles: 10 of 16 lanes
        [InlineData(56, 56, 8, true, 58, false)]   // ResNet: the flat plane already fills 56 of 58 lanes
        [InlineData(32, 32, 8, true, 34, false)]   // CIFAR: 32 of 34
        [InlineData(10, 1, 10, true, 14, false)]   // one output row: the tile needs a row pair
        [InlineData(10, 10, 12, true, 14, false)]  // tile wider than the row
        [InlineData(10, 10, 0, true, 14, false)]   // no width fits (BestWidth returned 0)
        public void IsFaster_takes_the_tile_only_where_it_fills_more_lanes(int outWidth, int outHeight, int tileWidth, bool flat, int flatRowStride, bool expected)
            => Assert.Equal(expected, ChannelTileStore.IsFaster(outWidth, outHeight, tileWidth, flat, flatRowStride));

        [Theory]
        [InlineData(28, 28, 7, true, 29, true)]    // ResNet stride 2: 28 of 28 columns vs 28 of 29 flat lanes
        [InlineData(16, 8, 8, false, 0, true)]     // as many lanes as row tiles (16 of 16): stride 2 takes the tile
        [InlineData(12, 5, 12, true, 13, false)]   // odd height: the overlapping last row pair costs 1 row in 6, more than 12/13
        [InlineData(56, 56, 8, true, 57, true)]    // as many (56 of 56 vs 56 of 57)
        [InlineData(26, 26, 9, true, 27, true)]    // a tie (26 of 27 columns either way) goes to the tile
        [InlineData(20, 20, 6, true, 21, false)]   // 24 columns for 20 vs 20 of 21 flat lanes
        [InlineData(28, 28, 7, true, 29, false, 3)] // stride 3: not planned, never taken
        public void IsFaster_at_stride_2_takes_the_tile_where_it_fills_as_many_lanes(int outWidth, int outHeight, int tileWidth, bool flat, int flatRowStride, bool expected, int stride = 2)
            => Assert.Equal(expected, ChannelTileStore.IsFaster(outWidth, outHeight, tileWidth, flat, flatRowStride, stride));
    }
}
