using System;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Parity
{
    /// <summary>
    /// The generated shape helpers (<c>OutputHeight</c>, <c>OutputWidth</c>, <c>ParameterCount</c>, <c>FlopsPerImage</c>) against the
    /// course note's formulas, written out here independently of the product's shape code, and against the shape Forward returns.
    /// </summary>
    public class ShapeFormulaTests
    {
        public static TheoryData<int, int> Sizes => new() { { 5, 5 }, { 7, 9 }, { 13, 13 }, { 28, 28 }, { 32, 17 }, { 64, 33 } };

        /// <summary>The note's FLOPs: one multiply and one add per weight per output pixel, 2 * m * Ho * Wo * (N/G) * K1 * K2.</summary>
        private static long Flops(int outChannels, int inChannelsPerGroup, int k1, int k2, int ho, int wo) => 2L * outChannels * ho * wo * inChannelsPerGroup * k1 * k2;

        /// <summary>Runs the layer on a [2, Cin, h, w] input and returns the output's [Ho, Wo].</summary>
        private static (int Ho, int Wo) RunShape(ILayer layer, int inChannels, int h, int w)
        {
            Tensor y = layer.Forward(TestData.Random(1, 2, inChannels, h, w));
            return (y.Dim(2), y.Dim(3));
        }

        [Theory, MemberData(nameof(Sizes))]
        public void No_padding_gives_H_minus_K1_plus_1(int h, int w)
        {
            // (H - K1 + 1) x (W - K2 + 1), K = 5x3.
            Assert.Equal(h - 5 + 1, NoPad_K5x3.OutputHeight(h));
            Assert.Equal(w - 3 + 1, NoPad_K5x3.OutputWidth(w));
            Assert.Equal((h - 5 + 1, w - 3 + 1), RunShape(new NoPad_K5x3(new Random(1)), 3, h, w));
            Assert.Equal(Flops(8, 3, 5, 3, h - 4, w - 2), NoPad_K5x3.FlopsPerImage(h, w));
        }

        [Theory, MemberData(nameof(Sizes))]
        public void Padding_gives_H_plus_2P_minus_K1_plus_1(int h, int w)
        {
            Assert.Equal(h + 2 * 2 - 5 + 1, Pad2_K5.OutputHeight(h));
            Assert.Equal(h, Pad2_K5.OutputHeight(h)); // "pad the image to make the output the same size"
            Assert.Equal(w + 2 * 2 - 5 + 1, Pad2_K5.OutputWidth(w));
            Assert.Equal((h, w), RunShape(new Pad2_K5(new Random(1)), 3, h, w));

            Assert.Equal(h + 2 * 1 - 3 + 1, Pad1_K3x5.OutputHeight(h));
            Assert.Equal(w + 2 * 1 - 5 + 1, Pad1_K3x5.OutputWidth(w));
            Assert.Equal((h, w - 2), RunShape(new Pad1_K3x5(new Random(1)), 2, h, w));
            Assert.Equal(Flops(4, 2, 3, 5, h, w - 2), Pad1_K3x5.FlopsPerImage(h, w));

            Assert.Equal(h + 2 * 0 - 3 + 1, PadH0W3_K3x7.OutputHeight(h));
            Assert.Equal(w + 2 * 3 - 7 + 1, PadH0W3_K3x7.OutputWidth(w));
            Assert.Equal((h - 2, w), RunShape(new PadH0W3_K3x7(new Random(1)), 2, h, w));
        }

        [Theory, MemberData(nameof(Sizes))]
        public void Stride_gives_floor_of_H_plus_2P_minus_K1_over_S_plus_1(int h, int w)
        {
            int ho = (int)Math.Floor((h + 2 * 1 - 3) / 2.0) + 1, wo = (int)Math.Floor((w + 2 * 1 - 3) / 2.0) + 1;
            Assert.Equal(ho, Stride2_K3_P1.OutputHeight(h));
            Assert.Equal(wo, Stride2_K3_P1.OutputWidth(w));
            Assert.Equal((ho, wo), RunShape(new Stride2_K3_P1(new Random(1)), 3, h, w));
            Assert.Equal(Flops(4, 3, 3, 3, ho, wo), Stride2_K3_P1.FlopsPerImage(h, w));

            // The note's ((H - K1)/2 + 1) x ((W - K2)/2 + 1), with the division floored as PyTorch does.
            int ho0 = (int)Math.Floor((h - 4) / 2.0) + 1, wo0 = (int)Math.Floor((w - 2) / 2.0) + 1;
            Assert.Equal((ho0, wo0), (Stride2_K4x2_P0.OutputHeight(h), Stride2_K4x2_P0.OutputWidth(w)));
            Assert.Equal((ho0, wo0), RunShape(new Stride2_K4x2_P0(new Random(1)), 1, h, w));

            int ho3 = (int)Math.Floor((h + 2 * 2 - 5) / 3.0) + 1, wo2 = (int)Math.Floor((w + 2 * 2 - 3) / 2.0) + 1;
            Assert.Equal((ho3, wo2), (Stride3x2_K5x3_P2.OutputHeight(h), Stride3x2_K5x3_P2.OutputWidth(w)));
            Assert.Equal((ho3, wo2), RunShape(new Stride3x2_K5x3_P2(new Random(1)), 2, h, w));
            Assert.Equal(Flops(3, 2, 5, 3, ho3, wo2), Stride3x2_K5x3_P2.FlopsPerImage(h, w));
        }

        [Theory, MemberData(nameof(Sizes))]
        public void Dilation_and_same_padding_follow_pytorch(int h, int w)
        {
            // floor((H + 2P - D*(K-1) - 1) / S) + 1 with D = 2, K = 3, P = 2: H.
            Assert.Equal((h, w), (Dilated2_K3_P2.OutputHeight(h), Dilated2_K3_P2.OutputWidth(w)));
            Assert.Equal((h, w), RunShape(new Dilated2_K3_P2(new Random(1)), 2, h, w));
            // padding='same': total K-1 = 3 (1 before, 2 after), output H x W.
            Assert.Equal((h, w), (Same_K4.OutputHeight(h), Same_K4.OutputWidth(w)));
            Assert.Equal((h, w), RunShape(new Same_K4(new Random(1)), 2, h, w));
            Assert.Equal((1, 2, 1, 2), (Same_K4.PadTop, Same_K4.PadBottom, Same_K4.PadLeft, Same_K4.PadRight));
        }

        [Fact]
        public void ParameterCount_is_m_times_K1K2N_plus_1()
        {
            // m * (K1 * K2 * N + 1): each of the m filters has K1*K2*N weights and one bias.
            Assert.Equal(16 * (3 * 3 * 3 + 1), Rgb16_K3.ParameterCount);
            Assert.Equal(448, Rgb16_K3.ParameterCount);
            Assert.Equal(6 * (5 * 5 * 1 + 1), LeNetC1.ParameterCount);
            Assert.Equal(156, LeNetC1.ParameterCount);
            Assert.Equal(8 * (5 * 3 * 3 + 1), NoPad_K5x3.ParameterCount);
            Assert.Equal(4 * (3 * 5 * 2 + 1), Pad1_K3x5.ParameterCount);
            // Groups: OutChannels * (K1*K2*InChannels/Groups + 1).
            Assert.Equal(12 * (3 * 3 * (8 / 4) + 1), Groups4_K3.ParameterCount);
            Assert.Equal(6 * (3 * 3 * 1 + 1), Depthwise6_K3.ParameterCount);
            // No bias: no +1.
            Assert.Equal(5 * (3 * 3 * 4), NoBias_K3.ParameterCount);
        }

        [Fact]
        public void ParameterCount_is_the_number_of_learnable_values()
        {
            foreach (ILayer layer in new ILayer[]
            {
                new Rgb16_K3(new Random(1)), new LeNetC1(new Random(1)), new NoPad_K5x3(new Random(1)), new Groups4_K3(new Random(1)),
                new Depthwise6_K3(new Random(1)), new NoBias_K3(new Random(1)), new Dilated2_K3_P2(new Random(1)),
            })
            {
                long total = 0;
                foreach (var p in layer.Parameters) total += p.Value.Length;
                long declared = (long)layer.GetType().GetField("ParameterCount")!.GetValue(null)!;
                Assert.Equal(declared, total);
            }
        }

        [Fact]
        public void FlopsPerImage_counts_groups_and_dilation()
        {
            Assert.Equal(Flops(12, 2, 3, 3, 28, 28), Groups4_K3.FlopsPerImage(28, 28));
            Assert.Equal(Flops(6, 1, 3, 3, 13, 9), Depthwise6_K3.FlopsPerImage(13, 9));
            Assert.Equal(Flops(5, 4, 3, 3, 26, 26), NoBias_K3.FlopsPerImage(28, 28));
            Assert.Equal(Flops(3, 2, 3, 3, 17, 11), Dilated2_K3_P2.FlopsPerImage(17, 11)); // dilation widens the window, not the work
            Assert.Equal(Flops(6, 1, 5, 5, 24, 24), LeNetC1.FlopsPerImage(28, 28));
        }

        [Fact]
        public void Geometry_matches_the_attribute()
        {
            Assert.Equal(ConvGeometry.Create(3, 4, 3, 3, stride: 2, pad: 1), Stride2_K3_P1.Geometry);
            Assert.Equal(new ConvGeometry(2, 3, 5, 3, StrideH: 3, StrideW: 2, PadTop: 2, PadBottom: 2, PadLeft: 2, PadRight: 2), Stride3x2_K5x3_P2.Geometry);
            Assert.Equal(new ConvGeometry(2, 4, 3, 7, PadLeft: 3, PadRight: 3), PadH0W3_K3x7.Geometry);
            Assert.Equal(ConvGeometry.Create(8, 12, 3, 3, pad: 1, groups: 4), Groups4_K3.Geometry);
            Assert.Equal(ConvGeometry.Create(4, 5, 3, 3, hasBias: false), NoBias_K3.Geometry);
            Assert.Equal(new ConvGeometry(2, 3, 4, 4, PadTop: 1, PadBottom: 2, PadLeft: 1, PadRight: 2), Same_K4.Geometry);
        }
    }
}
