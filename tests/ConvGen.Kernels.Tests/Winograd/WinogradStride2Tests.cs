using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using ConvGen.Kernels.Winograd;
using Xunit;

namespace ConvGen.Kernels.Tests.Winograd
{
    // Layers the planner gives the stride-2 F(2x2, 3x3) forward: 3x3, stride 2, dilation 1, one group, zero padding, >= 16 channels each way.
    [Conv2d(InChannels = 64, OutChannels = 128, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class WgS2ResNet { }

    // Unpadded, no bias, 40 outputs: two blocks of 16 and one of 8 (the Multiply8Avx2 remainder).
    [Conv2d(InChannels = 32, OutChannels = 40, K1 = 3, K2 = 3, Stride = 2, Bias = false)]
    public partial class WgS2Unpadded { }

    // Padding 2 (whole rows and columns of padding in the first and last patches), a flipped kernel, an odd channel count.
    [Conv2d(InChannels = 17, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 2, FlipKernel = true)]
    public partial class WgS2Pad2Flip { }

    // Different padding down and across.
    [Conv2d(InChannels = 16, OutChannels = 48, K1 = 3, K2 = 3, Stride = 2, PadH = 0, PadW = 1)]
    public partial class WgS2PadWidthOnly { }

    // 21 outputs: one block of 32 whose third vector of 8 channels holds 5 (the output transform stores only those planes).
    [Conv2d(InChannels = 16, OutChannels = 21, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class WgS2OddOutputs { }

    /// <summary>
    /// The stride-2 F(2x2, 3x3) forward against the naive reference (float64 sums) on output sizes it takes: rows of 14 to 16
    /// tiles per 16 lanes (27 to 32 columns, the last tile cut at odd widths) and of two column groups (55 to 64), heights that
    /// are and are not multiples of the 2-row tile, and inputs one row or column longer than the outputs need (the floor
    /// drops it). Its transforms only add, so its float32 error is the direct kernel's (about 1e-6); the tolerance is the
    /// suite's 1e-4.
    /// </summary>
    public class WinogradStride2Tests
    {
        private const double Tolerance = 1e-4;

        private static readonly (string Name, Func<Random, ILayer> Create, ConvGeometry Geometry, (int H, int W)[] OutSizes)[] Layers =
        {
            (nameof(WgS2ResNet), r => new WgS2ResNet(r), WgS2ResNet.Geometry, new[] { (28, 28), (1, 32), (5, 27), (13, 31), (2, 56), (3, 64), (14, 14), (4, 13), (3, 33) }),
            (nameof(WgS2Unpadded), r => new WgS2Unpadded(r), WgS2Unpadded.Geometry, new[] { (6, 28), (5, 27), (1, 55) }),
            (nameof(WgS2Pad2Flip), r => new WgS2Pad2Flip(r), WgS2Pad2Flip.Geometry, new[] { (7, 29), (4, 32), (3, 61) }),
            (nameof(WgS2PadWidthOnly), r => new WgS2PadWidthOnly(r), WgS2PadWidthOnly.Geometry, new[] { (3, 30), (9, 29) }),
            (nameof(WgS2OddOutputs), r => new WgS2OddOutputs(r), WgS2OddOutputs.Geometry, new[] { (3, 28), (4, 31), (2, 62) }),
        };

        /// <summary>The input that gives this output size, plus <paramref name="extra"/> rows and columns the stride-2 floor drops.</summary>
        private static (int H, int W) InputSize(ConvGeometry g, int outH, int outW, int extra)
            => (2 * (outH - 1) + 3 - g.PadTop - g.PadBottom + extra, 2 * (outW - 1) + 3 - g.PadLeft - g.PadRight + extra);

        public static IEnumerable<object[]> Cases()
        {
            foreach (var layer in Layers)
            foreach (var (h, w) in layer.OutSizes)
            foreach (int batch in new[] { 1, 2 })
            foreach (int extra in new[] { 0, 1 })
                yield return new object[] { layer.Name, batch, h, w, extra };
        }

        /// <summary>Evaluation mode, then training mode (which also packs the input Backward reads) with Backward, then evaluation again.</summary>
        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_matches_the_reference_in_both_modes(string name, int batch, int outH, int outW, int extra)
        {
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            var (h, w) = InputSize(g, outH, outW, extra);
            Tensor x = TestData.Random(3, batch, g.InChannels, h, w);
            EvaluationModeChecks.AssertEvaluationTrainingEvaluation(create(new Random(5)), g, x, new[] { batch, g.OutChannels, outH, outW }, Tolerance);
        }

        /// <summary>
        /// The cases above run it wherever it is supported (AVX2 with FMA and no AVX-512; CI runs this suite again with
        /// DOTNET_EnableAVX512=0, which takes it on an AVX-512 machine): every size keeps at least 14 of 16 lanes useful, or 7
        /// for the 64 -> 128 layer (its channels take the mid-channel rule).
        /// </summary>
        [Fact]
        public void The_sizes_take_it_where_it_is_supported()
        {
            if (!WinogradStride2.IsSupported) return; // the other forwards run instead; the theory still checks them
            foreach (var (name, _, g, outSizes) in Layers)
            foreach (var (_, outW) in outSizes)
                Assert.True(WinogradStride2.Runs(outW, g.InChannels, g.OutChannels), $"{name} at output width {outW}: another forward would run");
        }

        /// <summary>
        /// Rows that fill too few lanes run the other forwards, with the same result: 13 tiles (25 and 26 columns) and 27 in two
        /// groups (54) where the general rule holds (17 input channels; 32 -> 40 is a mid-channel layer: 6 tiles, 11 and 12
        /// columns), 6 tiles (11 and 12 columns) on the 64 -> 128 layer.
        /// </summary>
        [Theory]
        [InlineData(nameof(WgS2Unpadded), 5, 12)]
        [InlineData(nameof(WgS2Unpadded), 4, 11)]
        [InlineData(nameof(WgS2Pad2Flip), 3, 54)]
        [InlineData(nameof(WgS2Pad2Flip), 4, 26)]
        [InlineData(nameof(WgS2ResNet), 3, 12)]
        [InlineData(nameof(WgS2ResNet), 14, 11)]
        public void Narrow_rows_run_the_other_forwards(string name, int outH, int outW)
        {
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            var (h, w) = InputSize(g, outH, outW, 0);
            Assert.False(WinogradStride2.Runs(outW, g.InChannels, g.OutChannels));
            Tensor x = TestData.Random(3, 2, g.InChannels, h, w);
            EvaluationModeChecks.AssertEvaluationTrainingEvaluation(create(new Random(5)), g, x, new[] { 2, g.OutChannels, outH, outW }, Tolerance);
        }

        /// <summary>Where it runs: AVX2 with FMA and no AVX-512 (measured only there); nowhere else.</summary>
        [Fact]
        public void It_runs_on_AVX2_without_AVX512()
        {
            bool expected = System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported
                && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;
            Assert.Equal(expected, WinogradStride2.IsSupported);
            Assert.Equal(expected, WinogradStride2.Runs(28, 64, 128));
        }

        /// <summary>The lane rule: 14 of the 16 lanes of each column group, 7 for mid-channel layers (the measured crossovers); none on a zero width.</summary>
        [Fact]
        public void The_lane_rule_counts_tiles_of_two_columns()
        {
            Assert.Equal(14.0 / 16, WinogradStride2.UsefulLanes(28));
            Assert.Equal(14.0 / 16, WinogradStride2.UsefulLanes(27));
            Assert.Equal(25.0 / 32, WinogradStride2.UsefulLanes(50));
            Assert.Equal(0, WinogradStride2.UsefulLanes(0));
            if (!WinogradStride2.IsSupported) { Assert.False(WinogradStride2.Runs(28, 64, 128)); return; }
            Assert.True(WinogradStride2.Runs(27, 16, 32));   // 14 of 16
            Assert.False(WinogradStride2.Runs(26, 16, 32));  // 13 of 16
            Assert.True(WinogradStride2.Runs(55, 16, 32));   // 28 of 32
            Assert.False(WinogradStride2.Runs(54, 16, 32));  // 27 of 32
            Assert.False(WinogradStride2.Runs(0, 16, 32));
            // Mid-channel layers (32 to 128 inputs, transformed weights within 2 MiB): 7 of 16.
            Assert.True(WinogradStride2.Runs(13, 64, 128));   // 7 of 16
            Assert.False(WinogradStride2.Runs(12, 64, 128));  // 6 of 16
            Assert.True(WinogradStride2.Runs(14, 128, 256));  // 2 MiB of transformed weights
            Assert.False(WinogradStride2.Runs(14, 128, 257)); // one block more
            Assert.False(WinogradStride2.Runs(14, 256, 512)); // 8 MiB: the general rule
            Assert.True(WinogradStride2.Runs(28, 256, 512));  // 14 of 16
            Assert.False(WinogradStride2.Runs(14, 31, 64));   // too few inputs for the mid-channel rule
            Assert.False(WinogradStride2.Runs(0, 64, 128));
        }

        /// <summary>An optimizer step between forwards: the transformed weights are remade from the new weights.</summary>
        [Fact]
        public void Forward_after_a_weight_change_uses_the_new_weights()
        {
            var layer = new WgS2ResNet(new Random(5));
            var g = WgS2ResNet.Geometry;
            Tensor x = TestData.Random(3, 1, g.InChannels, 20, 56);
            layer.SetTraining(false);
            Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, Tolerance);
            Span<float> weight = layer.Weight.AsSpan();
            for (int i = 0; i < weight.Length; i += 7) weight[i] = -weight[i] * 1.5f;
            Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, Tolerance);
        }

        /// <summary>
        /// The span overload into a NaN-filled buffer: an output element no tile writes stays NaN and fails the match; and the
        /// floats after the output (the partial vectors of the last row end there, stored lane by lane) stay untouched.
        /// </summary>
        [Fact]
        public void Span_forward_writes_every_output_element_and_nothing_after()
        {
            const float Guard = -12345f;
            var layer = new WgS2Unpadded(new Random(5));
            var g = WgS2Unpadded.Geometry;
            foreach (var (outH, outW) in new[] { (5, 27), (1, 56), (8, 32), (3, 29), (3, 57) })
            {
                if (WinogradStride2.IsSupported) Assert.True(WinogradStride2.Runs(outW, g.InChannels, g.OutChannels), $"output width {outW}: another forward would run");
                var (h, w) = InputSize(g, outH, outW, 1);
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
        /// Its transforms only add and subtract, so its error is the direct kernel's: held here to 2e-6 of the largest output
        /// (F(4x4, 3x3) is held to 1e-4), on inputs of magnitude 1e3.
        /// </summary>
        [Fact]
        public void Error_is_that_of_the_direct_convolution()
        {
            var layer = new WgS2ResNet(new Random(5));
            var g = WgS2ResNet.Geometry;
            Tensor x = TestData.Random(3, 1, g.InChannels, 56, 56);
            Span<float> values = x.AsSpan();
            for (int i = 0; i < values.Length; i++) values[i] *= 1000f;
            layer.SetTraining(false);
            Assert.InRange(TestData.RelativeError(layer.Forward(x).AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, 2e-6);
        }

        /// <summary>
        /// The weight transform on one kernel: point (a, b) of U is (G g G^T)[a, b], G's rows (1,0,0) (0,1,0) (1,0,1) (0,1,0)
        /// (0,0,1), read at the distinct point it shares (WeightPointOf): 16 of them, each a block of 32 output channels wide.
        /// </summary>
        [Fact]
        public void Packed_weights_are_G_g_G_transposed()
        {
            float[] g = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            Assert.Equal(16 * 32, WinogradStride2.PackedWeightFloats(1, 1));
            var packed = new float[WinogradStride2.PackedWeightFloats(1, 1)];
            packed.AsSpan().Fill(99f);
            WinogradStride2.PackWeights(g, packed, 1, 1, flip: false);
            float[,] G = { { 1, 0, 0 }, { 0, 1, 0 }, { 1, 0, 1 }, { 0, 1, 0 }, { 0, 0, 1 } };
            for (int a = 0; a < 5; a++)
            for (int b = 0; b < 5; b++)
            {
                float expected = 0;
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) expected += G[a, i] * g[i * 3 + j] * G[b, j];
                int at = WinogradStride2.WeightPointOf(a * 5 + b) * WinogradStride2.ChannelBlock;
                Assert.Equal(expected, packed[at]);
                for (int lane = 1; lane < WinogradStride2.ChannelBlock; lane++) Assert.Equal(0f, packed[at + lane]); // no output channel there
            }
        }

        /// <summary>
        /// Input sizes whose rows fill 14 of 16 lanes of the input-gradient tiles (4 inputs wide, counted from the padding): input
        /// width + left padding 53 to 64, or 109 to 128 in two groups; heights with cut tile rows, odd sizes the stride-2 floor cuts;
        /// and for the mid-channel layers (64 -> 128, 32 -> 40) 7 to 13 of 16 lanes.
        /// </summary>
        public static IEnumerable<object[]> InputGradientCases()
        {
            yield return new object[] { nameof(WgS2ResNet), 1, 56, 56 };
            yield return new object[] { nameof(WgS2ResNet), 2, 9, 53 };
            yield return new object[] { nameof(WgS2ResNet), 1, 5, 63 };
            yield return new object[] { nameof(WgS2ResNet), 2, 14, 60 };
            yield return new object[] { nameof(WgS2ResNet), 1, 3, 120 };
            yield return new object[] { nameof(WgS2Unpadded), 2, 7, 53 };
            yield return new object[] { nameof(WgS2Unpadded), 1, 10, 64 };
            yield return new object[] { nameof(WgS2Unpadded), 1, 5, 110 };
            yield return new object[] { nameof(WgS2Pad2Flip), 2, 6, 51 };
            yield return new object[] { nameof(WgS2Pad2Flip), 1, 13, 62 };
            yield return new object[] { nameof(WgS2Pad2Flip), 1, 4, 126 };
            yield return new object[] { nameof(WgS2PadWidthOnly), 2, 5, 55 };
            yield return new object[] { nameof(WgS2PadWidthOnly), 1, 8, 60 };
            yield return new object[] { nameof(WgS2OddOutputs), 2, 7, 56 };
            yield return new object[] { nameof(WgS2ResNet), 1, 9, 28 };    // 8 of 16
            yield return new object[] { nameof(WgS2ResNet), 2, 6, 37 };    // 10 of 16
            yield return new object[] { nameof(WgS2Unpadded), 1, 7, 29 };  // 8 of 16, no padding
            yield return new object[] { nameof(WgS2Unpadded), 2, 5, 51 };  // 13 of 16
        }

        /// <summary>
        /// The input gradient by 4 x 4 dX tiles, through the span overload into a NaN-filled buffer (an element no tile writes stays
        /// NaN and fails the match) with guard values after it (never written), and the weight and bias gradients beside it.
        /// </summary>
        [Theory]
        [MemberData(nameof(InputGradientCases))]
        public void Input_gradient_matches_the_reference(string name, int batch, int h, int w)
        {
            const float Guard = -12345f;
            var (_, create, g, _) = Layers.Single(l => l.Name == name);
            if (WinogradStride2.IsSupported) Assert.True(WinogradStride2.RunsInputGradient(w, g.PadLeft, g.InChannels, g.OutChannels), $"{name} at input width {w}: another input gradient would run");
            ILayer layer = create(new Random(5));
            Tensor x = TestData.Random(3, batch, g.InChannels, h, w);
            Tensor y = layer.Forward(x);
            Tensor gy = TestData.Random(4, y.Shape.ToArray());
            var buffer = new float[x.Length + 64];
            buffer.AsSpan(0, x.Length).Fill(float.NaN);
            buffer.AsSpan(x.Length).Fill(Guard);
            BackwardInto(layer, gy.AsSpan(), buffer.AsSpan(0, x.Length));
            var gx = new Tensor(x.Shape.ToArray());
            buffer.AsSpan(0, x.Length).CopyTo(gx.AsSpan());
            ConvReference.AssertBackwardMatches(layer, g, x, gy, gx, Tolerance);
            Assert.All(buffer.AsSpan(x.Length).ToArray(), v => Assert.Equal(Guard, v));
        }

        /// <summary>The input gradient's lane rule: tiles of 4 inputs counted from the left padding, 14 of every 16 lanes, 7 for mid-channel layers.</summary>
        [Fact]
        public void The_input_gradient_lane_rule_counts_tiles_of_four_inputs()
        {
            Assert.Equal(15, WinogradStride2.InputGradientTiles(56, 1));
            Assert.Equal(14, WinogradStride2.InputGradientTiles(53, 0));
            Assert.Equal(15.0 / 16, WinogradStride2.InputGradientUsefulLanes(56, 1));
            Assert.Equal(0, WinogradStride2.InputGradientUsefulLanes(0, 1));
            if (!WinogradStride2.IsSupported) { Assert.False(WinogradStride2.RunsInputGradient(56, 1, 64, 128)); return; }
            Assert.True(WinogradStride2.RunsInputGradient(52, 1, 16, 32));   // 14 of 16
            Assert.False(WinogradStride2.RunsInputGradient(52, 0, 16, 32));  // 13 of 16
            Assert.True(WinogradStride2.RunsInputGradient(126, 2, 16, 32));  // 32 of 32
            Assert.False(WinogradStride2.RunsInputGradient(65, 0, 16, 32));  // 17 of 32
            Assert.True(WinogradStride2.RunsInputGradient(28, 0, 64, 128));  // 7 of 16, mid-channel
            Assert.False(WinogradStride2.RunsInputGradient(24, 0, 64, 128)); // 6 of 16
            Assert.False(WinogradStride2.RunsInputGradient(28, 0, 256, 512)); // 8 MiB of weights: the general rule
        }

        /// <summary>An optimizer step between training steps: the input gradient's transformed weights are remade too.</summary>
        [Fact]
        public void Backward_after_a_weight_change_uses_the_new_weights()
        {
            var layer = new WgS2ResNet(new Random(5));
            var g = WgS2ResNet.Geometry;
            Tensor x = TestData.Random(3, 1, g.InChannels, 9, 56);
            Tensor gy = TestData.Random(4, 1, g.OutChannels, 5, 28);
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

        /// <summary>Every parameter frozen: Backward computes only dX, by dX tiles from dY as passed (no dY copy), and leaves the parameter gradients as they were.</summary>
        [Fact]
        public void Frozen_parameters_get_only_the_input_gradient()
        {
            var layer = new WgS2ResNet(new Random(5));
            var g = WgS2ResNet.Geometry;
            Tensor x = TestData.Random(3, 2, g.InChannels, 6, 56);
            Tensor gy = TestData.Random(4, 2, g.OutChannels, 3, 28);
            foreach (Parameter p in layer.Parameters) { p.RequiresGrad = false; p.Grad.AsSpan().Fill(7f); }
            layer.Forward(x);
            Tensor gx = layer.Backward(gy);
            var (ex, _, _) = ConvReference.Backward(g, x, layer.Weight, gy);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, Tolerance);
            foreach (Parameter p in layer.Parameters) Assert.All(p.Grad.AsSpan().ToArray(), v => Assert.Equal(7f, v));
        }

        /// <summary>The generated layers' span overload of Backward (ILayer has only the tensor one).</summary>
        private static void BackwardInto(ILayer layer, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
        {
            switch (layer)
            {
                case WgS2ResNet l: l.Backward(gradOutput, gradInput); break;
                case WgS2Unpadded l: l.Backward(gradOutput, gradInput); break;
                case WgS2Pad2Flip l: l.Backward(gradOutput, gradInput); break;
                case WgS2PadWidthOnly l: l.Backward(gradOutput, gradInput); break;
                case WgS2OddOutputs l: l.Backward(gradOutput, gradInput); break;
                default: throw new ArgumentException($"No span Backward for {layer.GetType().Name}.", nameof(layer));
            }
        }
    }
}
