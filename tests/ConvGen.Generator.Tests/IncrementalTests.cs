using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// The pipeline is incremental: edits that do not touch a [Conv2d] leave every tracked step Cached or Unchanged and emit
    /// nothing new; changing one attribute regenerates that class alone; step outputs hold only values.
    /// </summary>
    public sealed class IncrementalTests
    {
        private static readonly string[] Steps = CacheAssert.StepNames;

        private const string A = "using ConvGen;\n\nnamespace Demo;\n\n[Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2)]\npublic partial class A { }\n";
        private const string B = "using ConvGen;\n\nnamespace Demo;\n\n[Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5, Pad = 5)]\npublic partial class B { }\n";
        private const string Other = "namespace Demo;\n\npublic static class Helpers { public static int Twice(int x) => 2 * x; }\n";

        private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
        {
            CSharpCompilation compilation = Compilation(A, B, Other);
            GeneratorDriver driver = Driver(trackSteps: true).RunGenerators(compilation);
            GeneratorRunResult first = driver.GetRunResult().Results.Single();
            Assert.Null(first.Exception);
            Assert.Equal(2, first.GeneratedSources.Length);
            Assert.Single(first.Diagnostics); // B's CG0010 warning, so the diagnostics branch carries something
            CacheAssert.HoldsOnlyValues(first);
            return (driver, compilation);
        }

        private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
        {
            SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath));
        }

        private static GeneratorRunResult Rerun(GeneratorDriver driver, Compilation edited)
        {
            GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            CacheAssert.HoldsOnlyValues(result);
            return result;
        }

        private static void AssertNothingRan(GeneratorRunResult result)
        {
            foreach (string step in Steps)
                Assert.All(CacheAssert.Reasons(result, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {r}"));
            Assert.All(CacheAssert.OutputReasons(result), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }

        [Fact]
        public void A_new_class_in_a_new_file_changes_nothing()
        {
            var (driver, compilation) = FirstRun();
            GeneratorRunResult result = Rerun(driver, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public class Added { }", GeneratorHarness.ParseOptions, path: "Added.cs")));
            AssertNothingRan(result);
            Assert.Equal(2, result.GeneratedSources.Length);
        }

        [Fact]
        public void Editing_an_unrelated_file_changes_nothing()
        {
            var (driver, compilation) = FirstRun();
            AssertNothingRan(Rerun(driver, Replace(compilation, 2, Other + "// a comment\npublic class More { }\n")));
        }

        [Fact]
        public void A_comment_after_the_layer_changes_nothing()
        {
            var (driver, compilation) = FirstRun();
            AssertNothingRan(Rerun(driver, Replace(compilation, 0, A + "\n// a comment at the end\n")));
        }

        [Fact]
        public void Moving_a_layer_down_a_line_re_parses_it_but_never_re_emits()
        {
            // The parse result holds the attribute's location, so it changes; the location-free spec does not.
            var (driver, compilation) = FirstRun();
            GeneratorRunResult result = Rerun(driver, Replace(compilation, 0, "// a new first line\n" + A));
            Assert.Contains(IncrementalStepRunReason.Modified, CacheAssert.Reasons(result, TrackingNames.Parse));
            Assert.All(CacheAssert.Reasons(result, TrackingNames.Specs), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Specs was {r}"));
            Assert.All(CacheAssert.Reasons(result, TrackingNames.Plans), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Plans was {r}"));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, CacheAssert.OutputReasons(result).Where(r => r != IncrementalStepRunReason.Unchanged));
        }

        [Fact]
        public void Changing_one_attribute_regenerates_exactly_that_class()
        {
            var (driver, compilation) = FirstRun();
            GeneratorRunResult result = Rerun(driver, Replace(compilation, 0, A.Replace("OutChannels = 6", "OutChannels = 8")));
            // One spec and one plan modified (A's), the other cached (B's).
            Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified }.OrderBy(r => r), CacheAssert.Reasons(result, TrackingNames.Plans).OrderBy(r => r));
            Assert.Equal(1, CacheAssert.Reasons(result, TrackingNames.Specs).Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Contains("public const int OutChannels = 8;", result.GeneratedSources.Single(s => s.HintName == "Demo.A.Conv2d.g.cs").SourceText.ToString());
            Assert.Equal(2, result.GeneratedSources.Length);
        }

        [Fact]
        public void Fixing_a_diagnostic_only_touches_the_diagnostics_branch_of_that_class()
        {
            var (driver, compilation) = FirstRun();
            // B's Pad = 5 warning goes away with Pad = 2, and B's spec changes with it; A stays cached throughout.
            GeneratorRunResult result = Rerun(driver, Replace(compilation, 1, B.Replace("Pad = 5", "Pad = 2")));
            Assert.Empty(result.Diagnostics);
            Assert.Equal(1, CacheAssert.Reasons(result, TrackingNames.Diagnostics).Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(1, CacheAssert.Reasons(result, TrackingNames.Plans).Count(r => r == IncrementalStepRunReason.Cached));
        }
    }
}
