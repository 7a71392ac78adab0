using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ConvGen.Generator.Tests.Support
{
    /// <summary>Runs <see cref="Conv2dGenerator"/> on in-memory sources, compiles what it emits, and loads it to run.</summary>
    internal static class GeneratorHarness
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All.CastArray<MetadataReference>()
            .Add(MetadataReference.CreateFromFile(typeof(Conv2dAttribute).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(Tensor).Assembly.Location));

        private static readonly CSharpCompilationOptions Options = new(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release);

        /// <summary>A file declaring one annotated class <c>Demo.Layer</c> (or <paramref name="name"/>) with the given attribute arguments.</summary>
        public static string Layer(string arguments, string name = "Layer", string body = "")
            => $"using ConvGen;\n\nnamespace Demo;\n\n[Conv2d({arguments})]\npublic partial class {name}\n{{\n{body}}}\n";

        public static CSharpCompilation Compilation(params string[] sources) => Compilation(ParseOptions, sources);

        private static CSharpCompilation Compilation(CSharpParseOptions parse, string[] sources)
            => CSharpCompilation.Create("ConvGenTest" + Guid.NewGuid().ToString("N"),
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Source{i}.cs")), References, Options);

        public static GeneratorDriver Driver(bool trackSteps = false) => Driver(ParseOptions, trackSteps);

        private static GeneratorDriver Driver(CSharpParseOptions parse, bool trackSteps)
            => CSharpGeneratorDriver.Create(new[] { new Conv2dGenerator().AsSourceGenerator() }, parseOptions: parse,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        public static GeneratorRun Run(params string[] sources) => Run(ParseOptions, sources);

        /// <summary><see cref="Run"/> with documentation comments parsed and checked, as in a project that generates an XML doc file.</summary>
        public static GeneratorRun RunWithDocumentation(params string[] sources)
            => Run(ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose), sources);

        private static GeneratorRun Run(CSharpParseOptions parse, string[] sources)
        {
            CSharpCompilation input = Compilation(parse, sources);
            GeneratorDriver driver = Driver(parse, trackSteps: false).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
            return new GeneratorRun(input, output, driver.GetRunResult());
        }
    }

    /// <summary>One generator run: its input and output compilations and what the generator produced.</summary>
    internal sealed class GeneratorRun
    {
        public GeneratorRun(Compilation input, Compilation output, GeneratorDriverRunResult result)
        {
            Input = input;
            Output = output;
            Result = result.Results.Single();
        }

        public Compilation Input { get; }
        public Compilation Output { get; }
        public GeneratorRunResult Result { get; }
        public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;
        public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

        /// <summary>The generator must report problems as diagnostics, never by throwing (which the compiler reports as CS8785).</summary>
        public GeneratorRun AssertDidNotThrow()
        {
            Assert.True(Result.Exception is null, $"The generator threw: {Result.Exception}");
            Assert.DoesNotContain(Output.GetDiagnostics(), d => d.Id is "CS8785" or "CS8784");
            return this;
        }

        /// <summary>Errors of the compilation with the generated files added, excluding those in the user's own sources.</summary>
        public IReadOnlyList<Diagnostic> GeneratedCodeErrors()
            => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && !Input.SyntaxTrees.Contains(t)).ToList();

        public void AssertGeneratedCodeCompiles()
        {
            IReadOnlyList<Diagnostic> errors = GeneratedCodeErrors();
            if (errors.Count == 0) return;
            var text = new StringBuilder();
            foreach (IGrouping<SyntaxTree?, Diagnostic> file in errors.GroupBy(e => e.Location.SourceTree))
            {
                text.AppendLine($"{file.Key!.FilePath}:");
                foreach (Diagnostic d in file.Take(10)) text.AppendLine("  " + d);
                text.AppendLine(Numbered(file.Key.ToString()));
            }
            Assert.Fail("The generated code does not compile:\n" + text);
        }

        /// <summary>Emits the output compilation and loads it into a collectible context; ConvGen.Runtime is shared with the tests.</summary>
        public Assembly Load()
        {
            using var stream = new MemoryStream();
            var emit = Output.Emit(stream);
            if (!emit.Success)
                Assert.Fail("Emit failed:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20))
                    + "\n" + string.Join("\n\n", Sources.Select(s => s.HintName + ":\n" + Numbered(s.SourceText.ToString()))));
            stream.Position = 0;
            return new AssemblyLoadContext(Output.AssemblyName, isCollectible: true).LoadFromStream(stream);
        }

        public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

        /// <summary>Source with 1-based line numbers, for failure messages.</summary>
        public static string Numbered(string source)
            => string.Join("\n", source.Split('\n').Select((line, i) => $"{i + 1,5}  {line}"));
    }

    internal static class SourceSpans
    {
        /// <summary>The 0-based line/column span of the first occurrence of <paramref name="text"/> in <paramref name="source"/>.</summary>
        public static LinePositionSpan Of(string source, string text, int occurrence = 0)
        {
            int start = -1;
            for (int i = 0; i <= occurrence; i++)
            {
                start = source.IndexOf(text, start + 1, StringComparison.Ordinal);
                Assert.True(start >= 0, $"'{text}' not found in the test source");
            }
            SourceText sourceText = SourceText.From(source);
            return sourceText.Lines.GetLinePositionSpan(new TextSpan(start, text.Length));
        }
    }
}
