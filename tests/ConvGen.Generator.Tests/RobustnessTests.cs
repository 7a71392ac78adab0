using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Generator.Parsing;
using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// The generator never throws (a CS8785 is a bug): random and extreme attribute values give diagnostics only, and
    /// whatever source it emits compiles.
    /// </summary>
    public sealed class RobustnessTests
    {
        private static readonly string[] IntProperties =
            { "InChannels", "OutChannels", "K1", "K2", "Stride", "StrideH", "StrideW", "Pad", "PadH", "PadW", "Dilation", "Groups", "Height", "Width" };

        private static readonly int[] Extremes = { int.MinValue, int.MinValue + 1, -65536, -2, -1, 0, 1, 2, 16, 17, 64, 65, 1024, 4096, 4097, 65536, 65537, int.MaxValue - 1, int.MaxValue };

        private static readonly int[] Small = { 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8 };

        /// <summary>One attribute's arguments: mostly small plausible values, a fraction of extremes, random subsets of properties.</summary>
        private static string RandomArguments(Random random)
        {
            var args = new List<string>();
            foreach (string name in IntProperties)
            {
                bool required = name is "InChannels" or "OutChannels" or "K1" or "K2";
                if (!required && random.NextDouble() < 0.6) continue;
                int value = random.NextDouble() < 0.15 ? Extremes[random.Next(Extremes.Length)]
                    : name is "Pad" or "PadH" or "PadW" ? random.Next(-1, 4)
                    : name is "Height" or "Width" ? random.Next(0, 24)
                    : Small[random.Next(Small.Length)];
                args.Add(value == int.MinValue ? $"{name} = int.MinValue" : $"{name} = {value}");
            }
            if (random.NextDouble() < 0.3) args.Add($"PaddingMode = (PaddingMode)({random.Next(-1, 5)})");
            if (random.NextDouble() < 0.2) args.Add($"Padding = (PaddingPreset)({random.Next(-1, 4)})");
            if (random.NextDouble() < 0.3) args.Add($"Bias = {(random.Next(2) == 0 ? "true" : "false")}");
            if (random.NextDouble() < 0.3) args.Add($"FlipKernel = {(random.Next(2) == 0 ? "true" : "false")}");
            return string.Join(", ", args.OrderBy(_ => random.Next()));
        }

        [Theory]
        [InlineData("InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1")]                // the CIFAR stem: direct rows, column weight gradient
        [InlineData("InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5")]                         // LeNet C3: channel vectors both ways
        [InlineData("InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1")]               // Winograd F(4x4, 3x3)
        [InlineData("InChannels = 64, OutChannels = 128, K1 = 3, K2 = 3, Stride = 2, Pad = 1")]  // stride-2 Winograd, channel-vector weight gradient
        [InlineData("InChannels = 3, OutChannels = 64, K1 = 7, K2 = 7, Stride = 2, Pad = 3")]    // the ResNet stem: panel forward
        [InlineData("InChannels = 256, OutChannels = 64, K1 = 1, K2 = 1")]                       // pointwise GEMMs
        [InlineData("InChannels = 8, OutChannels = 8, K1 = 3, K2 = 3, Groups = 8, Pad = 1, PaddingMode = PaddingMode.Reflect")] // depthwise, reflect
        public void Documentation_comments_in_generated_code_are_well_formed(string args)
        {
            // A project that writes an XML doc file parses every /// comment (a user's with warnings as errors fails to build on
            // one: "partial[e<t>]" in a summary once read as an unclosed <t> element). Missing comments (CS1591) are the user's call.
            GeneratorRun run = RunWithDocumentation(Layer(args)).AssertDidNotThrow();
            var problems = run.Output.GetDiagnostics()
                .Where(d => d.Location.SourceTree is { } t && !run.Input.SyntaxTrees.Contains(t))
                .Where(d => d.Id.StartsWith("CS15", StringComparison.Ordinal) || d.Id.StartsWith("CS16", StringComparison.Ordinal) || d.Id.StartsWith("CS17", StringComparison.Ordinal))
                .Where(d => d.Id != "CS1591")
                .ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
            Assert.NotEmpty(run.Sources);
        }

        [Fact]
        public void Random_and_extreme_values_give_only_diagnostics_and_compilable_code()
        {
            var random = new Random(20251101);
            var files = new List<string>();
            var classes = new List<string>();
            for (int file = 0; file < 2; file++)
            {
                var text = new StringBuilder("using ConvGen;\n\nnamespace Fuzz;\n\n");
                for (int i = 0; i < 30; i++)
                {
                    string args = RandomArguments(random);
                    classes.Add(args);
                    text.Append($"[Conv2d({args})]\npublic partial class L{file}_{i} {{ }}\n\n");
                }
                files.Add(text.ToString());
            }

            GeneratorRun run = Run(files.ToArray()).AssertDidNotThrow();
            Assert.All(run.Diagnostics, d => Assert.StartsWith("CG", d.Id));
            Assert.All(run.Diagnostics, d => Assert.NotEqual(Location.None, d.Location));
            // Every class either produced source or was stopped by an error (a warning or note alone never stops it).
            Assert.Equal(classes.Count, run.Sources.Length + CountDistinctClasses(run));
            Assert.InRange(run.Sources.Length, 10, classes.Count - 10); // the mix exercises both outcomes
            run.AssertGeneratedCodeCompiles();
        }

        private static int CountDistinctClasses(GeneratorRun run)
        {
            // Errors of one class all sit inside its attribute's line or on its name: count classes by the attribute's line.
            return run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => (d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line)).Distinct().Count();
        }

        /// <summary>Layers at the limits. The biggest take tens of seconds to compile fully, so those are only parsed (syntax errors).</summary>
        public static TheoryData<string, bool> ExtremeValidLayers() => new()
        {
            { "InChannels = 1, OutChannels = 1, K1 = 64, K2 = 64", false },
            { "InChannels = 3, OutChannels = 5, K1 = 16, K2 = 16, Stride = 16", false },
            { "InChannels = 3, OutChannels = 2, K1 = 3, K2 = 3, StrideH = 16, StrideW = 1, PadH = 4096, PadW = 0", false },
            { "InChannels = 2, OutChannels = 3, K1 = 1, K2 = 64, Dilation = 1024", true },
            { "InChannels = 512, OutChannels = 512, K1 = 3, K2 = 3, Groups = 512, Pad = 1", true },
            { "InChannels = 65536, OutChannels = 1, K1 = 1, K2 = 1", true },
            { "InChannels = 7, OutChannels = 13, K1 = 5, K2 = 2, Padding = PaddingPreset.Same, Dilation = 3, PaddingMode = PaddingMode.Circular, Height = 65536, Width = 3", true },
        };

        [Theory]
        [MemberData(nameof(ExtremeValidLayers))]
        public void Largest_supported_layers_generate_valid_code(string args, bool compile)
        {
            GeneratorRun run = Run(Layer(args)).AssertDidNotThrow();
            Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            GeneratedSourceResult source = Assert.Single(run.Sources);
            Assert.DoesNotContain(source.SyntaxTree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
            if (compile) run.AssertGeneratedCodeCompiles();
        }

        [Fact]
        public void Every_member_the_emitter_declares_is_known_to_the_collision_check()
        {
            GeneratorRun run = Run(Layer("InChannels = 3, OutChannels = 8, K1 = 3, K2 = 3, Stride = 2, Pad = 1")).AssertDidNotThrow();
            INamedTypeSymbol type = run.Output.GetTypeByMetadataName("Demo.Layer")!;
            string[] names = type.GetMembers().Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.PropertyGet or MethodKind.PropertySet })
                .Select(m => m.Name).Distinct().ToArray();
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.Contains(name, Conv2dParser.GeneratedMemberNames));
            // And the emitter declares the two constructors the collision check reserves.
            Assert.Contains(type.InstanceConstructors, c => c.Parameters.Length == 0);
            Assert.Contains(type.InstanceConstructors, c => c.Parameters.Length == 1 && c.Parameters[0].Type.ToDisplayString() == "System.Random");
        }
    }
}
