using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Direct
{
    // Stride-1, zero-padded layers whose evaluation-mode per-row tiles read the caller's input (KernelPlan.ReadsInputInEvaluation).
    // The CIFAR stem: three blocks (11, 11, 10 channels), one masked column each side.
    [Conv2d(InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class DrCifar { }

    // Unpadded, no bias: the masks only ever cover whole rows (columns 1 and 2 to the right), accumulators start at zero.
    [Conv2d(InChannels = 5, OutChannels = 13, K1 = 3, K2 = 3, Bias = false)]
    public partial class DrValid { }

    // Dilation 2 with padding 2: tap rows two apart, so the first two and last two output rows skip a tap row each.
    [Conv2d(InChannels = 4, OutChannels = 7, K1 = 3, K2 = 3, Pad = 2, Dilation = 2)]
    public partial class DrDilated { }

    // A 4-wide kernel padded 1: column offsets -1, 1 and 2 (six masks, the most a tile keeps), outputs one narrower than the input.
    [Conv2d(InChannels = 3, OutChannels = 12, K1 = 4, K2 = 4, Pad = 1)]
    public partial class DrWide { }

    // A tall kernel padded only at the top and bottom: no masked column at all, only tap-row ranges.
    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 3, K2 = 1, PadH = 1, PadW = 0)]
    public partial class DrTall { }

    // Two groups: each item reads its group's input planes.
    [Conv2d(InChannels = 8, OutChannels = 10, K1 = 3, K2 = 3, Pad = 1, Groups = 2)]
    public partial class DrGroups { }

    // PyTorch's 'same' for an even kernel: the only padding is one column right and one row below.
    [Conv2d(InChannels = 3, OutChannels = 8, K1 = 2, K2 = 2, Padding = PaddingPreset.Same)]
    public partial class DrSameEven { }

    /// <summary>
    /// The direct forwards against the reference: evaluation mode reads the caller's input with masked loads for the column
    /// padding and tap-row ranges for the row padding, by rows where per-row tiles run (whole tiles, or tiles the flat plane
    /// would not beat: 62, 63) and along the flat plane elsewhere (33 to 56: the band of rows every tap row of which is inside
    /// the input as flat tiles, the rows above and below it by rows). Heights from 1 (every tap row range clipped at both
    /// ends, no band: the packed flat plane runs) up; then training mode on the same instance (packed input, Backward exact)
    /// and evaluation mode again.
    /// </summary>
    public class DirectForwardTests
    {
        private const double Tolerance = 1e-4;

        private static readonly int[] RowWidths = { 32, 62, 63, 64, 96 };
        // A 1-wide kernel's flat plane has no lanes between rows, so it beats per-row tiles wherever they leave lanes idle.
        private static readonly int[] WholeTileWidths = { 32, 64, 96 };
        private static readonly int[] FlatWidths = { 33, 40, 47, 56 };
        private static readonly int[] OutWidths = RowWidths.Concat(FlatWidths).ToArray();
        private static readonly int[] TallWidths = WholeTileWidths.Concat(FlatWidths).ToArray();

        private static readonly (string Name, Func<Random, ILayer> Create, ConvGeometry Geometry, int[] OutWidths)[] Layers =
        {
            (nameof(DrCifar), r => new DrCifar(r), DrCifar.Geometry, OutWidths),
            (nameof(DrValid), r => new DrValid(r), DrValid.Geometry, OutWidths),
            (nameof(DrDilated), r => new DrDilated(r), DrDilated.Geometry, OutWidths),
            (nameof(DrWide), r => new DrWide(r), DrWide.Geometry, OutWidths),
            (nameof(DrTall), r => new DrTall(r), DrTall.Geometry, TallWidths),
            (nameof(DrGroups), r => new DrGroups(r), DrGroups.Geometry, OutWidths),
            (nameof(DrSameEven), r => new DrSameEven(r), DrSameEven.Geometry, OutWidths),
        };
        private static readonly int[] OutHeights = { 1, 2, 3, 7, 12 };
        // AVX2's direct tiles are 16 columns wide (AVX-512's 32): rows of one tile, one plus a shifted tail, and one short of two.
        // Narrower than a tile (15), the packed rows run. Not in Layers: on AVX-512 these widths may take either packed forward.
        private static readonly int[] Avx2Widths = { 15, 16, 17, 23, 31 };

        /// <summary>The input size whose output is <paramref name="outH"/> x <paramref name="outW"/> at stride 1.</summary>
        private static (int H, int W) InputSize(ConvGeometry g, int outH, int outW)
            => (outH - 1 + (g.K1 - 1) * g.DilationH - g.PadTop - g.PadBottom + 1, outW - 1 + (g.K2 - 1) * g.DilationW - g.PadLeft - g.PadRight + 1);

        public static IEnumerable<object[]> Cases()
        {
            foreach (var layer in Layers)
            foreach (int outW in layer.OutWidths.Concat(Avx2Widths))
            foreach (int outH in OutHeights)
                yield return new object[] { layer.Name, outH == 3 ? 3 : 1, outH, outW };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Evaluation_and_training_forwards_match_the_reference(string name, int batch, int outH, int outW)
        {
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            var (h, w) = InputSize(g, outH, outW);
            ILayer layer = create(new Random(5));
            Tensor x = TestData.Random(3, batch, g.InChannels, h, w);
            EvaluationModeChecks.AssertEvaluationTrainingEvaluation(layer, g, x, new[] { batch, g.OutChannels, outH, outW }, Tolerance);
        }

        /// <summary>
        /// Infinities outside a tap's reach never reach an output: the masked lanes are not read. Each input value in turn is
        /// infinite in a copy of the input; only the outputs whose taps cover it may change (to a non-finite value), every
        /// other output keeps its exact finite value. Checked at the corners and edges, where the masks and row ranges act.
        /// </summary>
        [Fact]
        public void An_infinite_input_reaches_only_the_outputs_whose_taps_cover_it()
        {
            foreach (var (name, create, g, _) in Layers)
            foreach (int outW in new[] { 32, 40, 17 }) // by rows, along the flat plane; AVX2's tiles with a shifted tail
            {
                const int outH = 5;
                var (h, w) = InputSize(g, outH, outW);
                ILayer layer = create(new Random(5));
                layer.SetTraining(false);
                Tensor x = TestData.Random(3, 1, g.InChannels, h, w);
                float[] clean = layer.Forward(x).AsSpan().ToArray();
                foreach (int iy in new[] { 0, 1, h / 2, h - 1 })
                foreach (int ix in new[] { 0, 1, w - 2, w - 1 })
                {
                    Tensor poisoned = x.Clone();
                    poisoned.AsSpan()[iy * w + ix] = float.PositiveInfinity; // channel 0 of group 0
                    float[] y = layer.Forward(poisoned).AsSpan().ToArray();
                    for (int co = 0; co < g.OutChannels; co++)
                    for (int oy = 0; oy < outH; oy++)
                    for (int ox = 0; ox < outW; ox++)
                    {
                        int at = (co * outH + oy) * outW + ox;
                        bool reached = co < g.OutChannels / g.Groups && Covers(g, oy, ox, iy, ix);
                        if (!reached)
                            Assert.True(clean[at] == y[at], $"{name} {outH}x{outW}: input ({iy}, {ix}) changed output (co {co}, {oy}, {ox}) it does not feed");
                    }
                }
            }
        }

        /// <summary>Whether some tap of output (oy, ox) reads input (iy, ix).</summary>
        private static bool Covers(ConvGeometry g, int oy, int ox, int iy, int ix)
        {
            for (int ky = 0; ky < g.K1; ky++)
            for (int kx = 0; kx < g.K2; kx++)
                if (oy - g.PadTop + ky * g.DilationH == iy && ox - g.PadLeft + kx * g.DilationW == ix) return true;
            return false;
        }

        /// <summary>The span overload into a NaN-filled buffer, evaluation mode: any output element the tiles skip stays NaN and fails the match.</summary>
        [Fact]
        public void Span_forward_in_evaluation_mode_writes_every_output_element()
        {
            foreach (var (name, create, g, widths) in Layers)
            foreach (int outW in widths)
            {
                const int outH = 3;
                var (h, w) = InputSize(g, outH, outW);
                ILayer layer = create(new Random(5));
                layer.SetTraining(false);
                Tensor x = TestData.Random(9, 2, g.InChannels, h, w);
                var y = new Tensor(2, g.OutChannels, outH, outW);
                y.AsSpan().Fill(float.NaN);
                SpanForward(layer, x, y, h, w);
                Assert.InRange(TestData.RelativeError(y.AsSpan(), Reference(g, layer, x).AsSpan()), 0, Tolerance);
            }
        }

        /// <summary>The cases above exercise both direct forwards: per-row tiles run at the row widths, the flat plane at the flat ones.</summary>
        [Fact]
        public void The_sizes_take_the_per_row_tiles_or_the_flat_plane_on_AVX512()
        {
            if (!MaskedRowLoad.IsSupported) return; // the packed rows run instead; the theory still checks them
            foreach (var (name, _, g, widths) in Layers)
            foreach (int outW in widths)
            foreach (int outH in OutHeights)
            {
                var (h, w) = InputSize(g, outH, outW);
                var flatLayout = new ConvLayout(g, h, w, flatPlanes: true, flatGradient: true, sharedPadding: g.PadLeft > 0 && g.PadRight > 0);
                Assert.Equal((outH, outW), (flatLayout.OutHeight, flatLayout.OutWidth));
                Assert.True(FlatWidths.Contains(outW) == FlatTileStore.IsFaster(outW, flatLayout.FlatRowStride), $"{name} at output {outH}x{outW}: the other forward would run");
            }
        }

        private static void SpanForward(ILayer layer, Tensor x, Tensor y, int h, int w)
        {
            int n = x.Dim(0);
            switch (layer)
            {
                case DrCifar l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case DrValid l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case DrDilated l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case DrWide l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case DrTall l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case DrGroups l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                case DrSameEven l: l.Forward(x.AsSpan(), y.AsSpan(), n, h, w); break;
                default: throw new ArgumentException(layer.GetType().Name);
            }
        }

        private static Tensor Reference(ConvGeometry g, ILayer layer, Tensor x) => ConvReference.Forward(g, layer, x);
    }
}
