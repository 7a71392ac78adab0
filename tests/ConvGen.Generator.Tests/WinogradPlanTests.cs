using System.Linq;
using ConvGen.Generator.Tests.Support;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// Which layers get the Winograd F(4x4, 3x3) forward: 3x3, stride 1, dilation 1, one group, zero padding, at least 16
    /// channels each way. Those emit its forward job and its input-gradient job, each with one multiply per block of 16
    /// channels it writes (and one for a remainder), the weight transforms, and a header line saying so; no other layer mentions it.
    /// </summary>
    public sealed class WinogradPlanTests
    {
        [Theory]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1", "16|16")]           // ResNet 3x3
        [InlineData("InChannels = 32, OutChannels = 40, K1 = 3, K2 = 3", "16,8|16")]                 // unpadded, remainder of 8 (forward)
        [InlineData("InChannels = 40, OutChannels = 32, K1 = 3, K2 = 3", "16|16,8")]                 // remainder of 8 (input gradient)
        [InlineData("InChannels = 32, OutChannels = 32, K1 = 3, K2 = 3, Pad = 2, FlipKernel = true", "16|16")]
        [InlineData("InChannels = 16, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1", "16|16")]           // the fewest channels
        [InlineData("InChannels = 8, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1", null)]              // too few inputs
        [InlineData("InChannels = 64, OutChannels = 15, K1 = 3, K2 = 3, Pad = 1", null)]             // too few outputs
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Stride = 2, Pad = 1", null)] // stride 2
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 2, Dilation = 2", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1, Groups = 2", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1, PaddingMode = PaddingMode.Reflect", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 5, K2 = 5, Pad = 2", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 1, PadH = 1, PadW = 0", null)]
        public void The_plan_emits_Winograd_only_where_it_applies(string args, string? multiplies)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d({args})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            bool expected = multiplies is not null;
            Assert.Equal(expected, source.Contains("struct WinogradForwardJob"));
            Assert.Equal(expected, source.Contains("struct WinogradBackwardDataJob"));
            Assert.Equal(expected, source.Contains("GeneratedKernels.WinogradBackwardDataJob.Runs(l.Width)"));
            Assert.Equal(expected, source.Contains("WinogradF43.PackWeights(Weight.AsSpan(), _winogradWeights"));
            Assert.Equal(expected, source.Contains("//           Winograd F(4x4, 3x3)"));
            if (!expected) return;
            // Forward blocks (of output channels) | input-gradient blocks (of input channels): each job has its own GEMMs, an
            // AVX-512 and an AVX2 version of each.
            string[] jobs = multiplies!.Split('|');
            string forward = source.Substring(source.IndexOf("struct WinogradForwardJob", System.StringComparison.Ordinal));
            forward = forward.Substring(0, forward.IndexOf("struct WinogradBackwardDataJob", System.StringComparison.Ordinal));
            string backward = source.Substring(source.IndexOf("struct WinogradBackwardDataJob", System.StringComparison.Ordinal));
            foreach (var (job, code) in new[] { (jobs[0], forward), (jobs[1], backward) })
            {
                foreach (string channels in job.Split(','))
                {
                    Assert.Contains($"private static void Multiply{channels}(ref float weights", code);
                    Assert.Contains($"private static void Multiply{channels}Avx2(ref float weights", code);
                }
                Assert.Equal(2 * job.Split(',').Length, code.Split("private static void Multiply").Length - 1);
            }
        }

        /// <summary>
        /// Which layers get the stride-2 F(2x2, 3x3) forward: 3x3, stride 2 both ways, dilation 1, one group, zero padding, at
        /// least 16 channels each way. Those emit its forward and input-gradient jobs with AVX2 multiplies only, their weight
        /// tables and transforms, and a header line; no other layer mentions them. Each job has one channel-vector multiply
        /// (blocks of 32 channels written: the forward's output channels, the input gradient's input channels; its tiles of 3, 2
        /// and 1 item tiles) called once per block.
        /// </summary>
        [Theory]
        [InlineData("InChannels = 64, OutChannels = 128, K1 = 3, K2 = 3, Stride = 2, Pad = 1", "4|2")]       // stride-2 ResNet layer
        [InlineData("InChannels = 32, OutChannels = 40, K1 = 3, K2 = 3, Stride = 2", "2|1")]              // unpadded: blocks of 32 and 8 (forward)
        [InlineData("InChannels = 17, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 2, FlipKernel = true", "1|1")] // 17 input channels: a block of 32 with 17 (input gradient)
        [InlineData("InChannels = 16, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, PadH = 0, PadW = 1", "1|1")] // the fewest channels
        [InlineData("InChannels = 15, OutChannels = 64, K1 = 3, K2 = 3, Stride = 2, Pad = 1", null)]        // too few inputs
        [InlineData("InChannels = 64, OutChannels = 8, K1 = 3, K2 = 3, Stride = 2, Pad = 1", null)]         // too few outputs
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1", null)]                   // stride 1 (F(4x4, 3x3) instead)
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, StrideH = 2, StrideW = 1, Pad = 1", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Stride = 3, Pad = 1", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Stride = 2, Pad = 2, Dilation = 2", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Groups = 2", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Stride = 2, Pad = 1, PaddingMode = PaddingMode.Reflect", null)]
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 5, K2 = 5, Stride = 2, Pad = 2", null)]
        public void The_plan_emits_the_stride2_forward_only_where_it_applies(string args, string? multiplies)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d({args})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            bool expected = multiplies is not null;
            Assert.Equal(expected, source.Contains("struct WinogradStride2ForwardJob"));
            Assert.Equal(expected, source.Contains("struct WinogradStride2BackwardDataJob"));
            Assert.Equal(expected, source.Contains("GeneratedKernels.WinogradStride2BackwardDataJob.Runs(l.Width)"));
            Assert.Equal(expected, source.Contains("WinogradStride2.PackInputGradientWeights(Weight.AsSpan(), _winogradStride2BackwardWeights"));
            Assert.Equal(expected, source.Contains("if (GeneratedKernels.WinogradStride2ForwardJob.Runs(outWidth))"));
            Assert.Equal(expected, source.Contains("WinogradStride2.PackWeights(Weight.AsSpan(), _winogradStride2Weights"));
            Assert.Equal(expected, source.Contains("//           stride-2 F(2x2, 3x3)"));
            Assert.Equal(expected, source.Contains("WeightPoint => new byte[] { 0, 1, 2, 1, 3, 4, 5, 6, 5, 7, 8, 9, 10, 9, 11, 4, 5, 6, 5, 7, 12, 13, 14, 13, 15 }"));
            if (!expected) return;
            Assert.DoesNotContain("struct WinogradForwardJob", source);
            // Forward blocks of 32 output channels | input-gradient blocks of 32 input channels, AVX2 versions only; the input
            // gradient's weight table maps G's equal rows 3 and 4 to one.
            string[] jobs = multiplies!.Split('|');
            string forward = source.Substring(source.IndexOf("struct WinogradStride2ForwardJob", System.StringComparison.Ordinal));
            forward = forward.Substring(0, forward.IndexOf("struct WinogradStride2BackwardDataJob", System.StringComparison.Ordinal));
            string backward = source.Substring(source.IndexOf("struct WinogradStride2BackwardDataJob", System.StringComparison.Ordinal));
            Assert.Contains("WeightPoint => new byte[] { 0, 1, 2, 3, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 11, 12, 13, 14, 15, 15, 12, 13, 14, 15, 15 }", backward);
            foreach (var (blocks, code) in new[] { (jobs[0], forward), (jobs[1], backward) })
            {
                Assert.Contains("private static void Multiply32Avx2(ref float weights, ref float transformed, ref float products, int tiles)", code);
                Assert.Equal(1, code.Split("private static void Multiply").Length - 1); // no AVX-512 version
                Assert.Equal(int.Parse(blocks), code.Split("Multiply32Avx2(ref CGUnsafe.Add(ref weights, ").Length - 1);
                foreach (int tiles in new[] { 3, 2, 1 }) Assert.Contains($"private static void Tile{tiles}(ref float u, ref float v, ref float p)", code);
            }
        }
    }
}
