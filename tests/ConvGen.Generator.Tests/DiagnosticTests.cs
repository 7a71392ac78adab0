using System.Globalization;
using System.Linq;
using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// Every diagnostic: its ID, severity, exact message, and that it points at the attribute argument (or declaration) at
    /// fault, as a line/column span of the test source.
    /// </summary>
    public sealed class DiagnosticTests
    {
        private const string Valid = "InChannels = 3, OutChannels = 8, K1 = 3, K2 = 3";

        public sealed record Case(string Name, string Source, string Id, DiagnosticSeverity Severity, string At, string Message, int Occurrence = 0)
        {
            public override string ToString() => Name;
        }

        private static Case Arg(string name, string args, string id, string at, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error)
            => new(name, Layer(args), id, severity, at, message);

        private static Case Decl(string name, string source, string id, string at, string message, int occurrence = 0)
            => new(name, source, id, DiagnosticSeverity.Error, at, message, occurrence);

        private static string Wrap(string attributeArgs, string declaration)
            => $"using ConvGen;\n\nnamespace Demo;\n\n[Conv2d({attributeArgs})]\n{declaration}\n";

        public static TheoryData<Case> Cases() => new()
        {
            Decl("not partial", Wrap(Valid, "public class Layer { }"), "CG0001", "Layer",
                "Class 'Layer' has [Conv2d] but is not declared partial; add the 'partial' modifier so the generator can add the kernels"),
            Decl("struct", Wrap(Valid, "public partial struct Layer { }"), "CG0002", "Layer",
                "[Conv2d] cannot be applied to 'Layer': it is a struct, and a layer must be a class"),
            Decl("record", Wrap(Valid, "public partial record Layer;"), "CG0002", "Layer",
                "[Conv2d] cannot be applied to 'Layer': it is a record; a layer has mutable weights and must be a plain class"),
            Decl("generic", Wrap(Valid, "public partial class Layer<T> { }"), "CG0002", "Layer",
                "[Conv2d] cannot be applied to 'Layer': it is generic; the kernel shape must be fixed, so the class must not have type parameters"),
            Decl("static", Wrap(Valid, "public static partial class Layer { }"), "CG0002", "Layer",
                "[Conv2d] cannot be applied to 'Layer': it is static; a layer holds weights and needs instances"),
            Decl("nested in non-partial", $"using ConvGen;\nnamespace Demo;\npublic class Outer\n{{\n    [Conv2d({Valid})]\n    public partial class Layer {{ }}\n}}\n",
                "CG0002", "Layer", "[Conv2d] cannot be applied to 'Layer': it is nested in 'Outer', which is not partial"),
            Decl("nested in generic", $"using ConvGen;\nnamespace Demo;\npublic partial class Outer<T>\n{{\n    [Conv2d({Valid})]\n    public partial class Layer {{ }}\n}}\n",
                "CG0002", "Layer", "[Conv2d] cannot be applied to 'Layer': it is nested in generic type 'Outer'"),
            Decl("base without parameterless constructor", Wrap(Valid, "public partial class Layer : Base { }\npublic class Base { public Base(int x) { } }"),
                "CG0002", "Layer", "[Conv2d] cannot be applied to 'Layer': its base class 'Base' has no accessible parameterless constructor, which the generated constructors call"),

            Arg("InChannels zero", "InChannels = 0, OutChannels = 8, K1 = 3, K2 = 3", "CG0003", "InChannels = 0", "InChannels must be at least 1 (a layer needs channels), but is 0"),
            Arg("OutChannels negative", "InChannels = 3, OutChannels = -8, K1 = 3, K2 = 3", "CG0003", "OutChannels = -8", "OutChannels must be at least 1 (a layer needs channels), but is -8"),
            Arg("InChannels missing", "OutChannels = 8, K1 = 3, K2 = 3", "CG0003", "Conv2d(OutChannels = 8, K1 = 3, K2 = 3)", "InChannels must be at least 1 (a layer needs channels), but is 0 (not set)"),
            Arg("K1 zero", "InChannels = 3, OutChannels = 8, K1 = 0, K2 = 3", "CG0004", "K1 = 0", "K1 (kernel size) must be at least 1, but is 0"),
            Arg("K2 min", "InChannels = 3, OutChannels = 8, K1 = 3, K2 = int.MinValue", "CG0004", "K2 = int.MinValue", "K2 (kernel size) must be at least 1, but is -2147483648"),
            Arg("Stride zero", Valid + ", Stride = 0", "CG0005", "Stride = 0", "Stride must be at least 1, but is 0"),
            Arg("StrideH negative", Valid + ", StrideH = -2", "CG0005", "StrideH = -2", "StrideH must be at least 1, but is -2"),
            Arg("Pad negative", Valid + ", Pad = -1", "CG0006", "Pad = -1", "Pad must be 0 or more, but is -1"),
            Arg("PadW negative", Valid + ", Pad = 1, PadW = -3", "CG0006", "PadW = -3", "PadW must be 0 or more, but is -3"),
            Arg("Dilation zero", Valid + ", Dilation = 0", "CG0007", "Dilation = 0", "Dilation must be at least 1, but is 0"),
            Arg("Groups zero", Valid + ", Groups = 0", "CG0008", "Groups = 0", "Groups = 0 must be at least 1 and divide InChannels = 3 and OutChannels = 8"),
            Arg("Groups not dividing", "InChannels = 6, OutChannels = 8, K1 = 3, K2 = 3, Groups = 4", "CG0008", "Groups = 4", "Groups = 4 must be at least 1 and divide InChannels = 6 and OutChannels = 8"),
            Arg("output not positive", Valid + ", Height = 2, Width = 8", "CG0009", "Height = 2",
                "With Height = 2, kernel 3, padding 0+0, stride 1 and dilation 1, the output Height would be 0; the kernel does not fit"),
            Arg("padding as large as the kernel", Valid + ", Pad = 3", "CG0010", "Pad = 3",
                "Pad = 3 is at least the effective kernel extent 3: whole output rows or columns see only padding", DiagnosticSeverity.Warning),
            // The block size and bound belong to the planner and change with it; the test checks the part the parser fixes.
            Arg("unroll too large", "InChannels = 16, OutChannels = 16, K1 = 3, K2 = 41", "CG0011", "Conv2d(InChannels = 16, OutChannels = 16, K1 = 3, K2 = 41)",
                "The forward tile would unroll 41 taps of a kernel row x ...", DiagnosticSeverity.Info),
            new("duplicate attribute", $"using ConvGen;\nnamespace Demo;\n[Conv2d({Valid})]\n[Conv2d(InChannels = 1, OutChannels = 1, K1 = 1, K2 = 1)]\npublic partial class Layer {{ }}\n",
                "CG0012", DiagnosticSeverity.Error, "Conv2d(InChannels = 1, OutChannels = 1, K1 = 1, K2 = 1)", "'Layer' carries [Conv2d] more than once; a class is one layer"),
            new("duplicate attribute on two parts", $"using ConvGen;\nnamespace Demo;\n[Conv2d({Valid})]\npublic partial class Layer {{ }}\n[Conv2d(InChannels = 1, OutChannels = 1, K1 = 1, K2 = 1)]\npublic partial class Layer {{ }}\n",
                "CG0012", DiagnosticSeverity.Error, "Conv2d(InChannels = 1, OutChannels = 1, K1 = 1, K2 = 1)", "'Layer' carries [Conv2d] more than once; a class is one layer"),
            Decl("member collision", Layer(Valid, body: "    public int Weight;\n"), "CG0013", "Weight",
                "'Layer' declares a member named 'Weight', which the generator emits for a Conv2d layer; rename or remove it"),
            Decl("nested GeneratedKernels", Layer(Valid, body: "    private static class GeneratedKernels { }\n"), "CG0013", "GeneratedKernels",
                "'Layer' declares a member named 'GeneratedKernels', which the generator emits for a Conv2d layer; rename or remove it"),
            Decl("parameterless constructor", Layer(Valid, body: "    public Layer() { }\n"), "CG0013", "Layer",
                "'Layer' declares a parameterless constructor, which the generator emits for a Conv2d layer; rename or remove it", occurrence: 1),
            Decl("Random constructor", Layer(Valid, body: "    public Layer(System.Random r) { }\n"), "CG0013", "Layer",
                "'Layer' declares a constructor taking System.Random, which the generator emits for a Conv2d layer; rename or remove it", occurrence: 1),
            Decl("primary constructor", Wrap(Valid, "public partial class Layer(int size) { }"), "CG0013", "(int size)",
                "'Layer' declares a primary constructor, which the generated constructors cannot chain to; rename or remove it"),
            Arg("same with stride", Valid + ", Stride = 2, Padding = PaddingPreset.Same", "CG0014", "Padding = PaddingPreset.Same",
                "Padding = PaddingPreset.Same requires stride 1 (as in PyTorch), but the stride is 2"),
            Arg("reflect padding too large", Valid + ", Pad = 2, PaddingMode = PaddingMode.Reflect, Height = 2, Width = 8", "CG0015", "Pad = 2",
                "Reflect padding 2 must be smaller than the fixed input height 2"),
            Arg("unknown enum", Valid + ", PaddingMode = (PaddingMode)7", "CG0016", "PaddingMode = (PaddingMode)7", "PaddingMode = 7 is not a defined value"),
            Arg("negative height", Valid + ", Height = -1", "CG0017", "Height = -1", "Height must be 0 (any size) or a positive fixed input size, but is -1"),
            Arg("kernel too large", "InChannels = 3, OutChannels = 8, K1 = 65, K2 = 3", "CG0018", "K1 = 65",
                "K1 = 65 exceeds the largest value ConvGen generates kernels for, 64: kernel taps are unrolled into code, so a larger window bloats the emitted source and its JIT time"),
            Arg("stride too large", Valid + ", Stride = int.MaxValue", "CG0018", "Stride = int.MaxValue",
                "Stride = 2147483647 exceeds the largest value ConvGen generates kernels for, 16: the input-gradient kernel has one code variant per stride phase, StrideH x StrideW of them"),
            Arg("weights too many", "InChannels = 65536, OutChannels = 65536, K1 = 1, K2 = 1", "CG0018", "Conv2d(InChannels = 65536, OutChannels = 65536, K1 = 1, K2 = 1)",
                "the packed weight count (channels x channels/Groups x K1 x K2) = 4295294976 exceeds the largest value ConvGen generates kernels for, 268435456: each kernel keeps its weights in one array indexed with int offsets"),
            Arg("valid with pad", Valid + ", Padding = PaddingPreset.Valid, Pad = 1", "CG0019", "Pad = 1",
                "Padding = PaddingPreset.Valid fixes the padding, so Pad = 1 would be ignored; remove one of them"),
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Reports_the_diagnostic_at_the_fault(Case c)
        {
            GeneratorRun run = Run(c.Source).AssertDidNotThrow();
            // CG0011 may come twice (forward and input-gradient tiles); every other diagnostic exactly once.
            Diagnostic d = c.Id == "CG0011" ? run.Diagnostics.First(x => x.Id == c.Id) : Assert.Single(run.Diagnostics, x => x.Id == c.Id);
            Assert.Equal(c.Severity, d.Severity);
            if (c.Message.EndsWith("...", System.StringComparison.Ordinal))
                Assert.StartsWith(c.Message[..^3], d.GetMessage(CultureInfo.InvariantCulture));
            else
                Assert.Equal(c.Message, d.GetMessage(CultureInfo.InvariantCulture));
            // Cached diagnostics carry path + spans, not a syntax tree, so the location is an external-file one with the same span.
            Assert.NotEqual(Location.None, d.Location);
            Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path);
            Assert.Equal(SourceSpans.Of(c.Source, c.At, c.Occurrence), d.Location.GetLineSpan().Span);
            Assert.Equal(c.At, c.Source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
            if (c.Severity == DiagnosticSeverity.Error) Assert.Empty(run.Sources);
            else Assert.Single(run.Sources);
        }

        [Fact]
        public void The_unroll_note_names_the_planner_bound_and_the_fallback()
        {
            // 16 channels run as two even blocks of 8: 41 taps x 8 x 2 = 656 > 640.
            GeneratorRun run = Run(Layer("InChannels = 16, OutChannels = 16, K1 = 3, K2 = 41")).AssertDidNotThrow();
            string message = run.Diagnostics.First(d => d.Id == "CG0011").GetMessage(CultureInfo.InvariantCulture);
            Assert.StartsWith("The forward tile would unroll 41 taps of a kernel row x 8 channels x 2 vectors = 656 multiply-adds", message);
            Assert.Contains($"more than the unroll bound {Planning.KernelPlanner.UnrollBound}", message);
            Assert.EndsWith("it loops over the taps of each row instead", message);
            Assert.Single(run.Sources); // a note: the layer is still generated
        }

        [Fact]
        public void A_valid_layer_reports_nothing_and_compiles()
        {
            GeneratorRun run = Run(Layer(Valid + ", Stride = 2, Pad = 1")).AssertDidNotThrow();
            Assert.Empty(run.Diagnostics);
            Assert.Equal("Demo.Layer.Conv2d.g.cs", Assert.Single(run.Sources).HintName);
            run.AssertGeneratedCodeCompiles();
        }

        [Fact]
        public void Explicit_minus_one_PadH_means_unset_so_Pad_applies()
        {
            GeneratorRun run = Run(Layer(Valid + ", Pad = 2, PadH = -1, PadW = 1")).AssertDidNotThrow();
            Assert.Empty(run.Diagnostics);
            Assert.Contains("public const int PadTop = 2, PadBottom = 2, PadLeft = 1, PadRight = 1;", run.Sources.Single().SourceText.ToString());
        }

        [Fact]
        public void Shared_padding_too_large_for_both_axes_is_reported_once()
        {
            GeneratorRun run = Run(Layer(Valid + ", Pad = 4"));
            Assert.Single(run.Diagnostics, d => d.Id == "CG0010");
        }

        [Fact]
        public void An_argument_the_compiler_rejects_is_left_to_the_compiler()
        {
            GeneratorRun run = Run(Layer("InChannels = \"three\", OutChannels = 8, K1 = 3, K2 = 3")).AssertDidNotThrow();
            Assert.Empty(run.Diagnostics);
            Assert.Empty(run.Sources);
            Assert.Contains(run.Output.GetDiagnostics(), d => d.Id == "CS0029");
        }

        [Fact]
        public void A_layer_whose_name_is_a_keyword_compiles()
        {
            GeneratorRun run = Run(Layer(Valid, name: "@event")).AssertDidNotThrow();
            Assert.Empty(run.Diagnostics);
            Assert.Equal("Demo.event.Conv2d.g.cs", run.Sources.Single().HintName);
            run.AssertGeneratedCodeCompiles();
        }

        [Fact]
        public void A_layer_nested_in_partial_types_compiles()
        {
            string source = $"using ConvGen;\nnamespace Demo.Models;\npublic partial record Net\n{{\n    internal partial struct Inner\n    {{\n        [Conv2d({Valid})]\n        internal sealed partial class Stem {{ }}\n    }}\n}}\n";
            GeneratorRun run = Run(source).AssertDidNotThrow();
            Assert.Empty(run.Diagnostics);
            Assert.Equal("Demo.Models.Net.Inner.Stem.Conv2d.g.cs", run.Sources.Single().HintName);
            run.AssertGeneratedCodeCompiles();
        }

        [Fact]
        public void Every_descriptor_is_documented_and_released()
        {
            string root = RepositoryPaths.Root;
            string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "docs", "diagnostics.md"));
            string releases = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "src", "Generator", "AnalyzerReleases.Unshipped.md"))
                + System.IO.File.ReadAllText(System.IO.Path.Combine(root, "src", "Generator", "AnalyzerReleases.Shipped.md"));
            Assert.Equal(19, Diagnostics.DiagnosticDescriptors.ById.Count);
            foreach (DiagnosticDescriptor d in Diagnostics.DiagnosticDescriptors.ById.Values.OrderBy(d => d.Id))
            {
                Assert.Contains($"## {d.Id}", docs);
                Assert.Contains($"{d.Id} | ConvGen | {d.DefaultSeverity} | {d.Title}", releases);
                Assert.EndsWith("#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            }
        }
    }
}
