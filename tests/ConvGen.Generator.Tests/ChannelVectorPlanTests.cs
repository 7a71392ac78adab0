using System.Linq;
using ConvGen.Generator.Tests.Support;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// Which layers get the channel-vector forward (16 output channels per AVX-512 vector): one group, stride and dilation 1,
    /// whole blocks of 16 output channels, K2 &lt;= 5 (registers), at least 64 multiply-adds per output (the transposed store
    /// costs the same per output at any depth), not pointwise. Everything else must not carry the code.
    /// </summary>
    public sealed class ChannelVectorPlanTests
    {
        [Theory]
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5", true)]                          // LeNet C3: 150 per output
        [InlineData("InChannels = 8, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1", true)]                 // 72, two blocks
        [InlineData("InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1", false)]                // CIFAR stem: 27 per output
        [InlineData("InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1", false)]   // stride 2
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
    }
}
