using System.Linq;
using ConvGen.Generator.Tests.Support;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// Which layers get the direct forwards (evaluation mode reads the caller's input, by rows and along the flat plane):
    /// stride 1, zero padding no wider than the kernel reaches (outputs no larger than the input), at most 6 column masks
    /// (masked column offsets x 2 vectors), not pointwise. Both tiles then carry one mask per masked offset and vector. Layers
    /// summing fewer than 16 input channels also get AVX2 direct tiles, with a mask only where a vector can reach past the
    /// row (the first vector for a left offset, the last for a right one): one per masked offset for 2 vectors of 8.
    /// </summary>
    public sealed class DirectPlanTests
    {
        [Theory]
        [InlineData("InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1", 2, true)]                  // CIFAR stem: offsets -1, 1
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 3, K2 = 3", 2, true)]                           // unpadded: offsets 1, 2
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 4, K2 = 4, Pad = 1", 3, true)]                  // -1, 1, 2: six masks
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 3, K2 = 1, PadH = 1, PadW = 0", 0, true)]       // rows only
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 3, K2 = 3, Pad = 2, Dilation = 2", 2, true)]    // -2, 2
        [InlineData("InChannels = 16, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1", 2, false)]                // 16 channels: AVX-512 only
        [InlineData("InChannels = 32, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1, Groups = 2", 2, false)]    // 16 per group
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5, Pad = 2", -1, false)]                // LeNet C1: 4 offsets, 8 masks
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 3, K2 = 3, Pad = 2", -1, false)]                // padding wider than the reach
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 1", -1, false)]    // stride 2
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1, PaddingMode = PaddingMode.Reflect", -1, false)]
        [InlineData("InChannels = 64, OutChannels = 32, K1 = 1, K2 = 1", -1, false)]                        // pointwise: its GEMM
        public void The_plan_emits_the_direct_forwards_only_where_they_apply(string args, int maskedOffsets, bool avx2)
        {
            GeneratorRun run = Run($"using ConvGen;\n\n[Conv2d({args})]\npublic partial class Layer {{ }}\n").AssertDidNotThrow();
            string source = run.Sources.Single().SourceText.ToString();
            bool expected = maskedOffsets >= 0;
            Assert.Equal(expected, source.Contains("struct DirectForwardJob"));
            Assert.Equal(expected, source.Contains("struct DirectFlatForwardJob"));
            Assert.Equal(expected, source.Contains("if (!direct && !directFlat) PackInput(input, batch, bands);"));
            Assert.Equal(expected, source.Contains("_V512Direct(ref float src"));
            Assert.Equal(expected, source.Contains("_V512FlatDirect(ref float src"));
            Assert.Equal(avx2, source.Contains("_V256Direct(ref float src"));
            Assert.Equal(avx2, source.Contains("MaskedRowLoad.IsSupported256 && outWidth >= 16"));
            if (!expected) return;
            string Tile(string name, string end)
            {
                string tile = source.Substring(source.IndexOf(name + "(ref float src", System.StringComparison.Ordinal));
                return tile.Substring(0, tile.IndexOf(end, System.StringComparison.Ordinal));
            }
            Assert.Equal(2 * maskedOffsets, Tile("_V512Direct", "nint rowStep").Split("MaskedRowLoad.ColumnMask(").Length - 1);
            Assert.Equal(2 * maskedOffsets, Tile("_V512FlatDirect", "CGFloat512 wv").Split("MaskedRowLoad.FlatColumnMask(").Length - 1);
            if (avx2) Assert.Equal(maskedOffsets, Tile("_V256Direct", "nint rowStep").Split("MaskedRowLoad.ColumnMask256(").Length - 1);
        }
    }
}
