using System.Linq;
using ConvGen.Generator.Tests.Support;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// Which layers get the column weight gradient (a GEMM over copied input rows): at most 32 input channels x taps per group
    /// and at least 4 output channels per group to reuse each copied row. Every other layer keeps the direct kernel, and a
    /// layer carries exactly one of the two.
    /// </summary>
    public sealed class ColumnWeightGradPlanTests
    {
        [Theory]
        [InlineData("InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1", true)]                  // CIFAR stem: 27 columns
        [InlineData("InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2", true)]                   // LeNet C1: 25
        [InlineData("InChannels = 1, OutChannels = 4, K1 = 1, K2 = 32", true)]                           // 32: the largest
        [InlineData("InChannels = 1, OutChannels = 4, K1 = 3, K2 = 11", false)]                          // 33
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5", false)]                          // LeNet C3: 150
        [InlineData("InChannels = 3, OutChannels = 64, K1 = 7, K2 = 7, Stride = 2, Pad = 3", false)]     // ResNet stem: 147
        [InlineData("InChannels = 1, OutChannels = 3, K1 = 3, K2 = 3, Pad = 1", false)]                  // 3 output channels
        [InlineData("InChannels = 16, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1, Groups = 16", false)]   // depthwise: 1 output per group
        [InlineData("InChannels = 6, OutChannels = 8, K1 = 3, K2 = 3, Stride = 2, Groups = 2", true)]    // 3 x 9 per group, 4 outputs each
        public void The_plan_picks_the_column_weight_gradient_only_for_short_reductions(string args, bool expected)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d({args})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            Assert.Equal(expected, source.Contains("struct ColumnWeightGradJob"));
            Assert.Equal(!expected, source.Contains("struct BackwardWeightJob"));
            Assert.Equal(expected, source.Contains("weight gradient: a GEMM over copied input columns"));
        }

        /// <summary>The CIFAR stem: 4 outputs x 6 columns in registers (10 loads for 24 multiply-adds), the 28th column (ones) in a block of 4.</summary>
        [Fact]
        public void The_cifar_stem_blocks_4_outputs_by_6_columns_and_reads_dy_as_passed()
        {
            GeneratorRun run = Run("using ConvGen;\n\n[Conv2d(InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]\npublic partial class Layer { }\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            Assert.Contains("public const int WeightColumns = 27, Columns = 28;", source);
            Assert.Contains("private static void Block4x6_V512(", source);
            Assert.Contains("private static void Block4x4_V512(", source);
            Assert.Contains("Run(columnJob, columnJob.Items, flops, _packedInput, gradOutput, _weightGradParts);", source);
            Assert.DoesNotContain("_planeSums", source); // dBias is the column of ones
        }
    }
}
