using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.ChannelVector
{
    // Stride-2 layers the channel-vector tile accepts (evaluation mode only): the ResNet downsampling shape in small, one block
    // of two vectors (32 output channels: the two-vector tile).
    [Conv2d(InChannels = 8, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class CvS2Pad1 { }

    // Two blocks of two vectors, a 5-wide kernel read tap by tap, no bias (the accumulators start at zero).
    [Conv2d(InChannels = 4, OutChannels = 64, K1 = 5, K2 = 5, Stride = 2, Pad = 2, Bias = false)]
    public partial class CvS2Pairs { }

    // Unpadded: the tile reads the caller's input, no copy at all.
    [Conv2d(InChannels = 16, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2)]
    public partial class CvS2Valid { }

    // Mirrored border in the plain copy, a 5-wide kernel (each pixel feeds up to 3 outputs), no bias.
    [Conv2d(InChannels = 4, OutChannels = 16, K1 = 5, K2 = 5, Stride = 2, Pad = 2, PaddingMode = PaddingMode.Reflect, Bias = false)]
    public partial class CvS2Reflect { }

    // Even, asymmetric kernel and padding, three blocks: pixels fed by one tap only.
    [Conv2d(InChannels = 8, OutChannels = 48, K1 = 4, K2 = 2, Stride = 2, PadH = 1, PadW = 0)]
    public partial class CvS2Tall { }

    /// <summary>
    /// The stride-2 channel-vector forward, which runs in evaluation mode over plain rows (a padded copy, or the caller's
    /// input when unpadded), against the naive reference; and training mode on the same instance, which packs stride phases
    /// for Backward and runs the pixel-vector forward. Sizes are output sizes with the input one or two pixels larger than
    /// the minimum (PyTorch's floor drops the extra column or row), widths a tile width and widths none divides, and widths
    /// of 16 and 32, where training mode packs per-row layouts (with slack columns) instead of flat planes.
    /// </summary>
    public class ChannelVectorStride2Tests
    {
        private const double Tolerance = 1e-4;
        /// <summary>The generator's planned widths: two-vector tiles (output channels in 32s) 4 to 7 columns, one-vector tiles 5 to 12.</summary>
        private static int[] TileWidths(ConvGeometry g) => g.OutChannels % 32 == 0 ? new[] { 4, 5, 6, 7 } : new[] { 5, 6, 7, 8, 9, 10, 11, 12 };

        private static readonly (string Name, Func<Random, ILayer> Create, ConvGeometry Geometry, (int H, int W, int Extra)[] OutSizes)[] Layers =
        {
            (nameof(CvS2Pad1), r => new CvS2Pad1(r), CvS2Pad1.Geometry, new[] { (28, 28, 0), (8, 16, 0), (2, 7, 1), (6, 13, 0), (4, 10, 1), (10, 17, 0), (2, 23, 1) }),
            (nameof(CvS2Pairs), r => new CvS2Pairs(r), CvS2Pairs.Geometry, new[] { (4, 4, 0), (2, 9, 1), (6, 14, 0), (2, 23, 1), (3, 6, 1), (4, 13, 0) }),
            (nameof(CvS2Valid), r => new CvS2Valid(r), CvS2Valid.Geometry, new[] { (8, 8, 0), (2, 11, 1), (6, 12, 0), (4, 19, 1) }),
            (nameof(CvS2Reflect), r => new CvS2Reflect(r), CvS2Reflect.Geometry, new[] { (6, 6, 0), (4, 9, 1), (8, 14, 0), (2, 21, 1), (2, 32, 1) }),
            (nameof(CvS2Tall), r => new CvS2Tall(r), CvS2Tall.Geometry, new[] { (2, 6, 0), (4, 10, 1), (6, 12, 0), (4, 16, 1) }),
        };

        /// <summary>An input size giving output <paramref name="outH"/> x <paramref name="outW"/> at stride 2, plus <paramref name="extra"/> pixels the floor drops.</summary>
        private static (int H, int W) InputSize(ConvGeometry g, int outH, int outW, int extra)
            => ((outH - 1) * 2 + g.K1 - g.PadTop - g.PadBottom + extra, (outW - 1) * 2 + g.K2 - g.PadLeft - g.PadRight + extra);

        public static IEnumerable<object[]> Cases()
        {
            foreach (var layer in Layers)
            foreach (var (h, w, extra) in layer.OutSizes)
            foreach (int batch in new[] { 1, 3 })
                yield return new object[] { layer.Name, batch, h, w, extra };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Evaluation_and_training_forwards_match_the_reference_and_Backward_needs_training(string name, int batch, int outH, int outW, int extra)
        {
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            var (h, w) = InputSize(g, outH, outW, extra);
            ILayer layer = create(new Random(5));
            Tensor x = TestData.Random(3, batch, g.InChannels, h, w);
            // Training mode packs the stride phases over the buffer the plain copy used, then Backward reads them.
            EvaluationModeChecks.AssertEvaluationTrainingEvaluation(layer, g, x, new[] { batch, g.OutChannels, outH, outW }, Tolerance);
        }

        /// <summary>
        /// The plain copy of an evaluation-mode call overwrites the packed-input buffer, including slack the stride-phase
        /// packing never writes, so no kernel may let a slack lane reach a result. An infinite input there, then a finite
        /// training step: nothing of the first input may reach the output or the gradients.
        /// </summary>
        [Fact]
        public void A_training_step_after_an_evaluation_forward_of_infinities_is_finite_and_exact()
        {
            foreach (var (name, create, g, outSizes) in Layers)
            foreach (var (outH, outW, extra) in outSizes)
            {
                var (h, w) = InputSize(g, outH, outW, extra);
                ILayer layer = create(new Random(5));
                var infinite = new Tensor(2, g.InChannels, h, w);
                infinite.AsSpan().Fill(float.PositiveInfinity);
                layer.SetTraining(false);
                layer.Forward(infinite);

                layer.SetTraining(true);
                Tensor x = TestData.Random(6, 2, g.InChannels, h, w);
                Tensor y = layer.Forward(x);
                Assert.InRange(TestData.RelativeError(y.AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
                Tensor gy = TestData.Random(7, y.Shape.ToArray());
                Tensor gx = layer.Backward(gy);
                var (ex, ew, _) = ConvReference.Backward(g, x, layer.Parameters[0].Value, gy);
                Assert.True(double.IsFinite(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan())), $"{name} {outH}x{outW}: weight gradient not finite");
                Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan()), 0, Tolerance);
                Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, Tolerance);
            }
        }

        /// <summary>The span overload into a NaN-filled buffer, evaluation mode: any output element the tiles skip stays NaN and fails the match.</summary>
        [Fact]
        public void Span_forward_in_evaluation_mode_writes_every_output_element()
        {
            foreach (var (name, create, g, outSizes) in Layers)
            foreach (var (outH, outW, extra) in outSizes)
            {
                var (h, w) = InputSize(g, outH, outW, extra);
                ILayer layer = create(new Random(5));
                layer.SetTraining(false);
                Tensor x = TestData.Random(9, 2, g.InChannels, h, w);
                var y = new Tensor(2, g.OutChannels, outH, outW);
                y.AsSpan().Fill(float.NaN);
                SpanForward(layer, x, y, h, w);
                Assert.InRange(TestData.RelativeError(y.AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
            }
        }

        private static void SpanForward(ILayer layer, Tensor x, Tensor y, int h, int w)
        {
            int n = x.Dim(0);
            switch (layer)
            {
                case CvS2Pad1 l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case CvS2Pairs l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case CvS2Valid l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case CvS2Reflect l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case CvS2Tall l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                default: throw new ArgumentException(layer.GetType().Name);
            }
        }

        /// <summary>The cases above exercise the stride-2 tile in evaluation mode: the enabling rule picks it for every layer and size.</summary>
        [Fact]
        public void The_sizes_take_the_channel_vector_tile_on_AVX512()
        {
            if (!ChannelTileStore.IsSupported) return; // the pixel-vector paths run instead; the theory still checks them
            foreach (var (name, _, g, outSizes) in Layers)
            foreach (var (outH, outW, extra) in outSizes)
            {
                var (h, w) = InputSize(g, outH, outW, extra);
                var flatLayout = new ConvLayout(g, h, w, flatPlanes: true);
                Assert.Equal((outH, outW), (flatLayout.OutHeight, flatLayout.OutWidth));
                bool flat = FlatTileStore.IsSupported && FlatTileStore.IsFaster(flatLayout.OutWidth, flatLayout.FlatRowStride);
                int tileWidth = ChannelTileStore.BestWidth(outW, TileWidths(g));
                Assert.True(ChannelTileStore.IsFaster(outW, outH, tileWidth, flat, flatLayout.FlatRowStride, stride: 2),
                    $"{name} at output {outH}x{outW} (tile width {tileWidth}, flat {flat}): the pixel-vector forward would run");
            }
        }

        private static Tensor Reference(ConvGeometry g, ILayer layer, Tensor x) => ChannelVectorForwardTests.Reference(g, layer, x);
    }
}
