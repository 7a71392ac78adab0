using System.Linq;
using ConvGen.Generator.Emit;
using ConvGen.Generator.Tests.Support;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// The full emitted source of representative layers against approved files in Snapshots/. The emitter changes on purpose
    /// from time to time: then review the .received.txt files as code and accept them (CONVGEN_ACCEPT_SNAPSHOTS=1).
    /// The generator version in [GeneratedCode] is replaced by a placeholder, so a version bump alone changes no snapshot.
    /// </summary>
    public sealed class SnapshotTests
    {
        public static TheoryData<string, string> Layers() => new()
        {
            { "LeNetC1", "InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2" },
            { "LeNetC3", "InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5" },
            { "Stride2", "InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1" },
            { "Pointwise", "InChannels = 64, OutChannels = 32, K1 = 1, K2 = 1, Bias = false" },
            { "Depthwise", "InChannels = 32, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1, Groups = 32" },
            { "Winograd", "InChannels = 32, OutChannels = 40, K1 = 3, K2 = 3, Pad = 1" }, // 40: two blocks of 16 and a remainder of 8
            { "FlippedReflect", "InChannels = 3, OutChannels = 4, K1 = 3, K2 = 5, PadH = 1, PadW = 2, PaddingMode = PaddingMode.Reflect, FlipKernel = true, Height = 12, Width = 20" },
        };

        [Theory]
        [MemberData(nameof(Layers))]
        public void Emitted_source_matches_the_approved_snapshot(string name, string args)
        {
            GeneratorRun run = Run($"using ConvGen;\n\nnamespace Snapshots;\n\n[Conv2d({args})]\npublic partial class {name} {{ }}\n").AssertDidNotThrow();
            Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            string source = run.Sources.Single().SourceText.ToString()
                .Replace($"\"ConvGen.Generator\", \"{LayerEmitter.GeneratorVersion}\"", "\"ConvGen.Generator\", \"{GeneratorVersion}\"");
            Snapshot.Verify(name, source);
        }

        [Fact]
        public void The_diff_names_the_first_differing_lines()
        {
            string diff = Snapshot.Diff("a\nb\nc\n", "a\nB\nc\nd\n");
            Assert.Contains("line 2:\n  - b\n  + B", diff.Replace("\r\n", "\n"));
            Assert.Contains("line 4:\n  - \n  + d", diff.Replace("\r\n", "\n"));
        }
    }
}
