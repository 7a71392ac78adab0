using System.Linq;
using ConvGen.Generator.Tests.Support;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// Which layers get the channel-vector forward (16 output channels per AVX-512 vector): one group, dilation 1, stride 1 or 2,
    /// whole blocks of 16 output channels, K2 &lt;= 5 (registers), at least 64 multiply-adds per output (the transposed store
    /// costs the same per output at any depth), not pointwise. Everything else must not carry the code.
    /// </summary>
    public sealed class ChannelVectorPlanTests
    {
        [Theory]
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5", true)]                          // LeNet C3: 150 per output
        [InlineData("InChannels = 8, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1", true)]                 // 72, two blocks
        [InlineData("InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1", false)]                // CIFAR stem: 27 per output
        [InlineData("InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1", true)]    // stride 2 (evaluation mode)
        [InlineData("InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, StrideH = 2, StrideW = 1", false)] // unequal strides
        [InlineData("InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Stride = 3, Pad = 1", false)]   // stride 3
        [InlineData("InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Pad = 2, Dilation = 2", false)] // dilation 2
        [InlineData("InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1, Groups = 2", false)]   // groups
        [InlineData("InChannels = 16, OutChannels = 24, K1 = 3, K2 = 3, Pad = 1", false)]               // 24 is not whole vectors
        [InlineData("InChannels = 16, OutChannels = 16, K1 = 1, K2 = 7, PadW = 3", false)]              // K2 7: too many weight registers
        [InlineData("InChannels = 64, OutChannels = 32, K1 = 1, K2 = 1", false)]                        // pointwise: its GEMM
        public void The_plan_emits_the_channel_vector_forward_only_where_it_applies(string args, bool expected)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d({args})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            Assert.Equal(expected, source.Contains("struct ChannelVectorJob"));
            Assert.Equal(expected, source.Contains("_channelVectorWeights"));
        }

        /// <summary>
        /// Two channel vectors per tile (32 output channels, tap by tap) at stride 2 where the channels come in 32s; one vector at
        /// stride 1, and at stride 2 with 16 or 48 channels. The widths follow: 4 to 7 columns with two vectors, 5 to 12 with one.
        /// </summary>
        [Theory]
        [InlineData("InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1", true)]
        [InlineData("InChannels = 16, OutChannels = 128, K1 = 3, K2 = 3, Stride = 2, Pad = 1", true)]
        [InlineData("InChannels = 16, OutChannels = 48, K1 = 3, K2 = 3, Stride = 2, Pad = 1", false)]
        [InlineData("InChannels = 16, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 1", false)]
        [InlineData("InChannels = 16, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1", false)]
        public void Stride_2_layers_with_channels_in_32s_take_two_vectors_per_tile(string args, bool pairs)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d({args})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            Assert.Equal(pairs, source.Contains("x 32 output channels at stride 2"));
            Assert.Equal(pairs, source.Contains("_channelVectorWeights, 32);"));
            Assert.Equal(pairs, source.Contains("s_widths = { 4, 5, 6, 7 }"));
            Assert.Equal(!pairs, source.Contains("s_widths = { 5, 6, 7, 8, 9, 10, 11, 12 }"));
        }

        /// <summary>At stride 2 the tile runs in evaluation mode only, over a plain padded copy, or the caller's input when unpadded.</summary>
        [Theory]
        [InlineData("Pad = 1", true)]
        [InlineData("Pad = 0", false)]
        public void Stride_2_runs_the_tile_in_evaluation_mode_over_plain_rows(string pad, bool plainCopy)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d(InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, {pad})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            Assert.Contains("int channelTile = _training ? 0 : GeneratedKernels.ChannelVectorJob.Choose(_inputLayout, flat);", source);
            Assert.Equal(plainCopy, source.Contains("PlainGeometry = Geometry with { StrideH = 1, StrideW = 1 }"));
            Assert.Contains(plainCopy
                ? "ref float srcRow = ref CGUnsafe.Add(ref src, (unpadded ? global::System.Math.Max(2 * oy - 1, 0) : 2 * oy) * rowStride);"
                : "ref float srcRow = ref CGUnsafe.Add(ref src, 2 * oy * rowStride);", source);
            Assert.Contains("if (_evaluationForward)", source); // Backward after an evaluation-mode Forward throws
        }

        /// <summary>
        /// Zero-padded two-vector layers whose top and left padding reach only the first row pair and column tile get the border
        /// variants and read the caller's input where its size allows; other padding modes, one-vector tiles and deeper padding
        /// keep the plain copy only.
        /// </summary>
        [Theory]
        [InlineData("OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1", true)]
        [InlineData("OutChannels = 64, K1 = 5, K2 = 5, Stride = 2, Pad = 2", true)]
        [InlineData("OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1, PaddingMode = PaddingMode.Reflect", false)]
        [InlineData("OutChannels = 48, K1 = 3, K2 = 3, Stride = 2, Pad = 1", false)]
        [InlineData("OutChannels = 32, K1 = 5, K2 = 5, Stride = 2, Pad = 3", false)]
        public void Border_tile_variants_replace_the_plain_copy_where_the_padding_is_zero_and_shallow(string args, bool variants)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d(InChannels = 16, {args})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            Assert.Equal(variants, source.Contains("TopLeft(ref float src"));
            Assert.Equal(variants, source.Contains("ReadsUnpadded(height, width, outHeight, outWidth)"));
            Assert.Contains("PlainGeometry = Geometry with { StrideH = 1, StrideW = 1 }", source); // the copy stays for other sizes
        }
    }
}
