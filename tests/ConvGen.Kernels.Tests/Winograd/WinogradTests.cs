using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using ConvGen.Kernels.Winograd;
using Xunit;

namespace ConvGen.Kernels.Tests.Winograd
{
    // Layers the planner gives Winograd F(4x4, 3x3): 3x3, stride 1, dilation 1, one group, zero padding, >= 16 channels each way.
    [Conv2d(InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1)]
    public partial class WgResNet { }

    // Unpadded, no bias, 40 outputs: two blocks of 16 and one of 8 (the Multiply8 remainder).
    [Conv2d(InChannels = 32, OutChannels = 40, K1 = 3, K2 = 3, Bias = false)]
    public partial class WgUnpadded { }

    // Padding 2 (outputs larger than the input: whole rows and columns of padding in the patches) and a flipped kernel.
    [Conv2d(InChannels = 33, OutChannels = 32, K1 = 3, K2 = 3, Pad = 2, FlipKernel = true)]
    public partial class WgPad2Flip { }

    // Different padding down and across.
    [Conv2d(InChannels = 32, OutChannels = 48, K1 = 3, K2 = 3, PadH = 0, PadW = 1)]
    public partial class WgPadWidthOnly { }

    /// <summary>
    /// The Winograd forward, and the input gradient it also runs (the same job over dY with the kernel transposed and flipped),
    /// against the naive reference (float64 sums) on output sizes it takes: widths of 12 to 16 tiles per
    /// 16 lanes (45 to 64 columns, the last tile cut at odd widths) and of two column groups (100: 25 tiles), heights that
    /// are and are not multiples of the 4-row tile (1, 2, 5, 13, 56). Its float32 error is about 1e-5 of the largest output;
    /// the tolerance is the suite's 1e-4.
    /// </summary>
    public class WinogradTests
    {
        private const double Tolerance = 1e-4;

        private static readonly (string Name, Func<Random, ILayer> Create, ConvGeometry Geometry, (int H, int W)[] OutSizes)[] Layers =
        {
            (nameof(WgResNet), r => new WgResNet(r), WgResNet.Geometry, new[] { (56, 56), (1, 64), (5, 45), (13, 61), (2, 100), (28, 28), (3, 26) }),
            (nameof(WgUnpadded), r => new WgUnpadded(r), WgUnpadded.Geometry, new[] { (6, 48), (5, 47), (1, 100) }),
            (nameof(WgPad2Flip), r => new WgPad2Flip(r), WgPad2Flip.Geometry, new[] { (7, 50), (13, 64), (3, 99) }),
            (nameof(WgPadWidthOnly), r => new WgPadWidthOnly(r), WgPadWidthOnly.Geometry, new[] { (3, 52), (9, 58) }),
        };

        private static (int H, int W) InputSize(ConvGeometry g, int outH, int outW)
            => (outH + 2 - g.PadTop - g.PadBottom, outW + 2 - g.PadLeft - g.PadRight);

        public static IEnumerable<object[]> Cases()
        {
            foreach (var layer in Layers)
            foreach (var (h, w) in layer.OutSizes)
            foreach (int batch in new[] { 1, 2 })
                yield return new object[] { layer.Name, batch, h, w };
        }

        /// <summary>Evaluation mode, then training mode (which also packs the input) with Backward (dX by Winograd too), then evaluation again.</summary>
        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_matches_the_reference_in_both_modes(string name, int batch, int outH, int outW)
        {
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            var (h, w) = InputSize(g, outH, outW);
            Tensor x = TestData.Random(3, batch, g.InChannels, h, w);
            EvaluationModeChecks.AssertEvaluationTrainingEvaluation(create(new Random(5)), g, x, new[] { batch, g.OutChannels, outH, outW }, Tolerance);
        }

        /// <summary>
        /// The cases above run Winograd on AVX-512 and on AVX2 (CI runs this suite again with DOTNET_EnableAVX512=0, which
        /// takes the AVX2 transforms and Vector256 GEMMs on an AVX-512 machine), forward (over output rows) and for the input
        /// gradient (over input rows): every size keeps at least 3/4 of the lanes useful both ways.
        /// </summary>
        [Fact]
        public void The_sizes_take_Winograd_on_AVX512_and_AVX2()
        {
            if (!WinogradF43.IsSupported) return; // the direct kernels run instead; the theory still checks them
            foreach (var (name, _, g, outSizes) in Layers)
            foreach (var (outH, outW) in outSizes)
            {
                Assert.True(WinogradF43.Runs(outW, g.InChannels, g.OutChannels), $"{name} at output width {outW}: the direct forward would run");
                int inW = InputSize(g, outH, outW).W;
                Assert.True(WinogradF43.Runs(inW, g.OutChannels, g.InChannels), $"{name} at input width {inW}: the direct input gradient would run");
            }
        }

        /// <summary>
        /// Rows that fill too few lanes run the direct kernels, with the same result: below 64 channels, rows of 8 tiles (32
        /// columns, half the lanes) and 18 in two groups of 16 (70); from 64 channels, rows of 4 tiles (14 x 14).
        /// </summary>
        [Theory]
        [InlineData(nameof(WgUnpadded), 28, 28)]
        [InlineData(nameof(WgUnpadded), 7, 32)]
        [InlineData(nameof(WgUnpadded), 4, 70)]
        [InlineData(nameof(WgResNet), 14, 14)]
        [InlineData(nameof(WgResNet), 3, 13)]
        public void Narrow_rows_run_the_direct_kernels(string name, int outH, int outW)
        {
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            var (h, w) = InputSize(g, outH, outW);
            Assert.False(WinogradF43.Runs(outW, g.InChannels, g.OutChannels));
            Assert.False(WinogradF43.Runs(w, g.OutChannels, g.InChannels));
            Tensor x = TestData.Random(3, 2, g.InChannels, h, w);
            EvaluationModeChecks.AssertEvaluationTrainingEvaluation(create(new Random(5)), g, x, new[] { 2, g.OutChannels, outH, outW }, Tolerance);
        }

        /// <summary>Where it runs: AVX-512, or AVX2 with FMA (two halves of 8 lanes); nowhere else (the direct kernels run there).</summary>
        [Fact]
        public void It_runs_on_AVX512_and_on_AVX2_with_FMA()
        {
            bool expected = (System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
                || (System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported);
            Assert.Equal(expected, WinogradF43.IsSupported);
            Assert.Equal(expected, WinogradF43.Runs(56, 64, 64));
        }

        /// <summary>The lane rule: 3/4 of the lanes, or 7/16 with 64 channels each way; none on a zero width.</summary>
        [Fact]
        public void The_lane_rule_follows_the_measured_crossovers()
        {
            Assert.Equal(14.0 / 16, WinogradF43.UsefulLanes(56));
            Assert.Equal(25.0 / 32, WinogradF43.UsefulLanes(100));
            Assert.Equal(0, WinogradF43.UsefulLanes(0));
            if (!WinogradF43.IsSupported) { Assert.False(WinogradF43.Runs(56, 64, 64)); return; }
            Assert.True(WinogradF43.Runs(45, 16, 16));   // 12 of 16
            Assert.False(WinogradF43.Runs(44, 16, 16));  // 11 of 16
            Assert.False(WinogradF43.Runs(28, 63, 64));  // 7 of 16 below 64 channels
            Assert.True(WinogradF43.Runs(28, 64, 64));
            Assert.False(WinogradF43.Runs(24, 64, 64));  // 6 of 16
            Assert.False(WinogradF43.Runs(0, 64, 64));
        }

        /// <summary>An optimizer step between forwards: the transformed weights are remade from the new weights.</summary>
        [Fact]
        public void Forward_after_a_weight_change_uses_the_new_weights()
        {
            var layer = new WgResNet(new Random(5));
            var g = WgResNet.Geometry;
            Tensor x = TestData.Random(3, 1, g.InChannels, 20, 56);
            layer.SetTraining(false);
            Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, Tolerance);
            Span<float> weight = layer.Weight.AsSpan();
            for (int i = 0; i < weight.Length; i += 7) weight[i] = -weight[i] * 1.5f;
            Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, Tolerance);
        }

        /// <summary>An optimizer step between training steps: the input gradient's transformed weights are remade too.</summary>
        [Fact]
        public void Backward_after_a_weight_change_uses_the_new_weights()
        {
            var layer = new WgResNet(new Random(5));
            var g = WgResNet.Geometry;
            Tensor x = TestData.Random(3, 1, g.InChannels, 9, 56);
            Tensor gy = TestData.Random(4, 1, g.OutChannels, 9, 56);
            for (int step = 0; step < 2; step++)
            {
                layer.WeightGrad.AsSpan().Clear();
                layer.BiasGrad!.AsSpan().Clear();
                layer.Forward(x);
                ConvReference.AssertBackwardMatches(layer, g, x, gy, layer.Backward(gy), Tolerance);
                Span<float> weight = layer.Weight.AsSpan();
                for (int i = 0; i < weight.Length; i += 5) weight[i] = -weight[i] * 1.5f;
            }
        }

        /// <summary>
        /// Every parameter frozen (fine-tuning): Backward computes only dX, by Winograd from dY as passed (dY is then not packed),
        /// and leaves the parameter gradients as they were.
        /// </summary>
        [Fact]
        public void Frozen_parameters_get_only_the_input_gradient()
        {
            var layer = new WgResNet(new Random(5));
            var g = WgResNet.Geometry;
            Tensor x = TestData.Random(3, 2, g.InChannels, 6, 56);
            Tensor gy = TestData.Random(4, 2, g.OutChannels, 6, 56);
            foreach (Parameter p in layer.Parameters) { p.RequiresGrad = false; p.Grad.AsSpan().Fill(7f); }
            layer.Forward(x);
            Tensor gx = layer.Backward(gy);
            var (ex, _, _) = ConvReference.Backward(g, x, layer.Weight, gy);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, Tolerance);
            foreach (Parameter p in layer.Parameters) Assert.All(p.Grad.AsSpan().ToArray(), v => Assert.Equal(7f, v));
        }

        /// <summary>
        /// The span overload into a NaN-filled buffer: an output element no tile writes stays NaN and fails the match; and the
        /// floats after the output (the partial vectors of the last row end there, stored lane by lane) stay untouched.
        /// </summary>
        [Fact]
        public void Span_forward_writes_every_output_element_and_nothing_after()
        {
            const float Guard = -12345f;
            var layer = new WgUnpadded(new Random(5));
            var g = WgUnpadded.Geometry;
            foreach (var (outH, outW) in new[] { (5, 47), (1, 100), (8, 64), (4, 45), (3, 51) })
            {
                // Where Winograd runs (AVX-512 or AVX2); on the other paths the same checks hold the direct kernels to it.
                if (WinogradF43.IsSupported) Assert.True(WinogradF43.Runs(outW, g.InChannels, g.OutChannels), $"output width {outW}: the direct forward would run");
                var (h, w) = InputSize(g, outH, outW);
                Tensor x = TestData.Random(9, 2, g.InChannels, h, w);
                int length = 2 * g.OutChannels * outH * outW;
                var buffer = new float[length + 64];
                buffer.AsSpan(0, length).Fill(float.NaN);
                buffer.AsSpan(length).Fill(Guard);
                layer.SetTraining(false);
                layer.Forward(x.AsSpan(), buffer.AsSpan(0, length), 2, h, w);
                var y = new Tensor(2, g.OutChannels, outH, outW);
                buffer.AsSpan(0, length).CopyTo(y.AsSpan());
                Assert.InRange(TestData.RelativeError(y.AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, Tolerance);
                Assert.All(buffer.AsSpan(length).ToArray(), v => Assert.Equal(Guard, v));
            }
        }

        /// <summary>
        /// Inputs of large magnitude (1e3): the error is relative to the largest output, so it holds at any scale, and no
        /// transform constant overflows or cancels catastrophically.
        /// </summary>
        [Fact]
        public void Error_stays_relative_at_large_magnitudes()
        {
            var layer = new WgResNet(new Random(5));
            var g = WgResNet.Geometry;
            Tensor x = TestData.Random(3, 1, g.InChannels, 56, 56);
            Span<float> values = x.AsSpan();
            for (int i = 0; i < values.Length; i++) values[i] *= 1000f;
            layer.SetTraining(false);
            Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, Tolerance);
        }
    }
}
