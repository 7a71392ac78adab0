using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.ChannelVector
{
    // Layers the channel-vector tile accepts: Groups 1, stride 1, dilation 1, OutChannels a multiple of 16, K2 <= 5, not 1x1,
    // and at least 64 multiply-adds per output (InChannels x K1 x K2).
    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5)]
    public partial class CvLeNetC3 { }

    [Conv2d(InChannels = 8, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class CvPad1 { }

    // Asymmetric kernel and padding, no bias: the tile's accumulators start at zero.
    [Conv2d(InChannels = 5, OutChannels = 16, K1 = 3, K2 = 5, PadH = 1, PadW = 2, Bias = false)]
    public partial class CvNoBias { }

    // The packed input carries the mirrored border; the tile reads it like any other.
    [Conv2d(InChannels = 8, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1, PaddingMode = PaddingMode.Reflect)]
    public partial class CvReflect { }

    // Even kernel, three channel blocks.
    [Conv2d(InChannels = 8, OutChannels = 48, K1 = 4, K2 = 2)]
    public partial class CvTall { }

    // True convolution: the packed weights are flipped before the tile sees them.
    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 5, K2 = 5, Pad = 2, FlipKernel = true)]
    public partial class CvFlip { }

    /// <summary>
    /// The channel-vector forward (16 output channels per AVX-512 vector, tiles of 2 rows x W columns) against the naive
    /// reference, and the backward that reads the packed input it leaves. Sizes are given as output sizes, the ones that
    /// decide the tile: odd heights (the last row pair overlaps the one before), widths that are a tile width (5 to 12) and
    /// widths that are none's multiple (13 with the 7-wide tile, 17, 23: the last tile of a row shifts back). The rule takes
    /// the tile only where it fills clearly more lanes than the pixel-vector forward (not at 7 x 14, where row pairs already
    /// fill 14 of 16 lanes), so every size here is one it takes, see <see cref="The_sizes_take_the_channel_vector_tile_on_AVX512"/>.
    /// </summary>
    public class ChannelVectorForwardTests
    {
        private const double Tolerance = 1e-4;
        private static readonly int[] TileWidths = { 5, 6, 7, 8, 9, 10, 11, 12 }; // the generator's planned widths

        private static readonly (string Name, Func<Random, ILayer> Create, ConvGeometry Geometry, (int H, int W)[] OutSizes)[] Layers =
        {
            (nameof(CvLeNetC3), r => new CvLeNetC3(r), CvLeNetC3.Geometry, new[] { (10, 10), (2, 11), (5, 6), (10, 17), (2, 23), (3, 7), (4, 9), (8, 14) }),
            (nameof(CvPad1), r => new CvPad1(r), CvPad1.Geometry, new[] { (10, 10), (5, 6), (2, 6), (2, 10), (5, 5), (4, 9), (10, 12) }),
            (nameof(CvNoBias), r => new CvNoBias(r), CvNoBias.Geometry, new[] { (3, 6), (10, 11), (2, 17), (5, 10), (10, 23) }),
            (nameof(CvReflect), r => new CvReflect(r), CvReflect.Geometry, new[] { (5, 6), (2, 10), (10, 10) }),
            (nameof(CvTall), r => new CvTall(r), CvTall.Geometry, new[] { (2, 6), (3, 6), (5, 6), (10, 6) }),
            (nameof(CvFlip), r => new CvFlip(r), CvFlip.Geometry, new[] { (3, 6), (10, 11), (2, 23), (5, 10) }),
        };

        /// <summary>The input size giving output <paramref name="outH"/> x <paramref name="outW"/> at stride 1, dilation 1.</summary>
        private static (int H, int W) InputSize(ConvGeometry g, int outH, int outW)
            => (outH + g.K1 - 1 - g.PadTop - g.PadBottom, outW + g.K2 - 1 - g.PadLeft - g.PadRight);

        public static IEnumerable<object[]> Cases()
        {
            foreach (var layer in Layers)
            foreach (var (h, w) in layer.OutSizes)
            foreach (int batch in new[] { 1, 3 })
                yield return new object[] { layer.Name, batch, h, w };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_matches_the_reference(string name, int batch, int outH, int outW)
        {
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            var (h, w) = InputSize(g, outH, outW);
            ILayer layer = create(new Random(5));
            Tensor x = TestData.Random(3, batch, g.InChannels, h, w);
            // Evaluation mode first: unpadded layers then read the caller's input instead of the packed copy.
            layer.SetTraining(false);
            Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
            layer.SetTraining(true);
            Tensor y = layer.Forward(x);
            Assert.Equal(new[] { batch, g.OutChannels, outH, outW }, y.Shape.ToArray());
            Assert.InRange(TestData.RelativeError(y.AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);

            // Backward reads the packed input this forward wrote.
            Tensor gy = TestData.Random(4, y.Shape.ToArray());
            ConvReference.AssertBackwardMatches(layer, g, x, gy, layer.Backward(gy), Tolerance);
        }

        /// <summary>
        /// Single output rows: no row pair, so the AVX-512 driver keeps the pixel vectors, while without AVX-512 rows of 5 or
        /// more take the one-row 8-lane tile (a row of 10: two 5-column tiles; 7: a 6-column tile and a shifted one).
        /// </summary>
        [Theory]
        [InlineData(1, 10)]
        [InlineData(1, 7)]
        [InlineData(1, 15)]
        [InlineData(3, 10)]
        public void Single_rows_and_odd_heights_match_the_reference(int outH, int outW)
        {
            var g = CvPad1.Geometry;
            var (h, w) = InputSize(g, outH, outW);
            foreach (bool training in new[] { false, true })
            {
                var layer = new CvPad1(new Random(6));
                layer.SetTraining(training);
                Tensor x = TestData.Random(12, 2, g.InChannels, h, w);
                Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
            }
        }

        /// <summary>One instance through several sizes and batches: the scratch (packed input, tile choice) must follow each.</summary>
        [Fact]
        public void Forward_after_a_size_change_matches_the_reference()
        {
            var layer = new CvLeNetC3(new Random(5));
            var g = CvLeNetC3.Geometry;
            foreach (var (batch, outH, outW, seed) in new[] { (3, 10, 10, 1), (1, 2, 23, 2), (2, 5, 6, 3) })
            {
                var (h, w) = InputSize(g, outH, outW);
                Tensor x = TestData.Random(seed, batch, g.InChannels, h, w);
                Tensor y = layer.Forward(x);
                Assert.Equal(new[] { batch, g.OutChannels, outH, outW }, y.Shape.ToArray());
                Assert.InRange(TestData.RelativeError(y.AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
            }
        }

        /// <summary>The span overload into a NaN-filled buffer: any output element the tiles skip stays NaN and fails the match.</summary>
        [Fact]
        public void Span_forward_writes_every_output_element()
        {
            Check(new CvLeNetC3(new Random(5)), CvLeNetC3.Geometry, (l, x, y, n, h, w) => l.Forward(x, y, n, h, w));
            Check(new CvNoBias(new Random(5)), CvNoBias.Geometry, (l, x, y, n, h, w) => l.Forward(x, y, n, h, w));
            Check(new CvTall(new Random(5)), CvTall.Geometry, (l, x, y, n, h, w) => l.Forward(x, y, n, h, w));

            static void Check<T>(T layer, ConvGeometry g, SpanForward<T> forward) where T : ILayer
            {
                foreach (var (outH, outW) in new[] { (5, 6), (3, 6), (10, 11), (2, 23) })
                {
                    if (g.K2 == 2 && outW != 6) continue; // CvTall takes the tile at 6 columns only
                    var (h, w) = InputSize(g, outH, outW);
                    Tensor x = TestData.Random(9, 3, g.InChannels, h, w);
                    var y = new Tensor(3, g.OutChannels, outH, outW);
                    y.AsSpan().Fill(float.NaN);
                    forward(layer, x.AsSpan(), y.AsSpan(), 3, h, w);
                    Assert.InRange(TestData.RelativeError(y.AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
                }
            }
        }

        /// <summary>
        /// Unpadded layers read the caller's input in evaluation mode (nothing packed), so Backward then has nothing to
        /// differentiate and must say so; back in training mode the next Forward packs again and Backward matches.
        /// </summary>
        [Fact]
        public void Evaluation_mode_reads_the_input_unpacked_and_Backward_then_needs_a_training_forward()
        {
            foreach (var (layer, g) in new (ILayer, ConvGeometry)[] { (new CvLeNetC3(new Random(5)), CvLeNetC3.Geometry), (new CvTall(new Random(5)), CvTall.Geometry) })
            foreach (var (outH, outW) in new[] { (10, 6), (5, 6) }) // sizes where both take the tile (see the fact below)
            {
                var (h, w) = InputSize(g, outH, outW);
                Tensor x = TestData.Random(11, 3, g.InChannels, h, w);
                layer.SetTraining(false);
                Tensor y = layer.Forward(x);
                Assert.InRange(TestData.RelativeError(y.AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
                var error = Assert.Throws<InvalidOperationException>(() => layer.Backward(TestData.Random(4, y.Shape.ToArray())));
                Assert.Contains("evaluation mode", error.Message);

                layer.SetTraining(true);
                y = layer.Forward(x);
                Tensor gy = TestData.Random(4, y.Shape.ToArray());
                Tensor gx = layer.Backward(gy);
                var (ex, _, _) = ConvReference.Backward(g, x, layer.Parameters[0].Value, gy);
                Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, Tolerance);
            }
        }

        private delegate void SpanForward<T>(T layer, ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);

        /// <summary>The cases above exercise the channel-vector tile: the enabling rule picks it for every layer and size.</summary>
        [Fact]
        public void The_sizes_take_the_channel_vector_tile_on_AVX512()
        {
            if (!ChannelTileStore.IsSupported) return; // the pixel-vector paths run instead; the theory still checks them
            foreach (var (name, _, g, outSizes) in Layers)
            foreach (var (outH, outW) in outSizes)
            {
                var (h, w) = InputSize(g, outH, outW);
                var flatLayout = new ConvLayout(g, h, w, flatPlanes: true);
                Assert.Equal((outH, outW), (flatLayout.OutHeight, flatLayout.OutWidth));
                bool flat = FlatTileStore.IsSupported && FlatTileStore.IsFaster(flatLayout.OutWidth, flatLayout.FlatRowStride);
                int tileWidth = ChannelTileStore.BestWidth(outW, TileWidths);
                Assert.True(ChannelTileStore.IsFaster(outW, outH, tileWidth, flat, flatLayout.FlatRowStride),
                    $"{name} at output {outH}x{outW} (tile width {tileWidth}, flat {flat}): the pixel-vector forward would run");
            }
        }

        /// <summary>
        /// Without AVX-512 (AVX2 + FMA) the 8-lane tiles take the sizes narrower than 16 columns; wider ones keep the pixel vectors.
        /// The theory's sizes put the plane's tail tile at every offset from a row start (its 6 pixels cross 0, 1 or 2 row ends).
        /// </summary>
        [Fact]
        public void The_narrow_sizes_take_the_8_lane_tile_on_AVX2()
        {
            if (!ChannelTileStore.IsSupported256) return; // AVX-512 (the fact above) or no AVX2: another path runs
            var tailColumns = new HashSet<int>();
            int narrow = 0;
            foreach (var (name, _, g, outSizes) in Layers)
            foreach (var (outH, outW) in outSizes)
            {
                var (h, w) = InputSize(g, outH, outW);
                var layout = new ConvLayout(g, h, w, flatPlanes: false);
                int width = ChannelTileStore.Width256(layout.OutWidth, layout.OutHeight);
                Assert.Equal(outW < 16, width != 0);
                if (width == 0) continue;
                narrow++;
                tailColumns.Add((outH * outW - ChannelTileStore.Pixels256) % outW);
            }
            Assert.True(narrow >= 10 && tailColumns.Count >= 4, $"the theory's sizes take the 8-lane tile {narrow} times, tail tiles starting at {tailColumns.Count} different columns");
        }

        /// <summary>The naive reference forward with the layer's own weight and bias.</summary>
        internal static Tensor Reference(ConvGeometry g, ILayer layer, Tensor x) => ConvReference.Forward(g, layer, x);
    }
}
