using System.Collections.Immutable;
using System.Linq;
using ConvGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.GeneratorBenchmarks
{
    internal static class CSharpGeneratorDriverFactory
    {
        public static GeneratorDriver Tracked()
            => CSharpGeneratorDriver.Create(new[] { new Conv2dGenerator().AsSourceGenerator() }, parseOptions: Roslyn.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>In-memory compilations and a driver for <see cref="Conv2dGenerator"/>.</summary>
    internal static class Roslyn
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
            .CastArray<MetadataReference>()
            .Add(MetadataReference.CreateFromFile(typeof(Conv2dAttribute).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(Tensor).Assembly.Location));

        public static CSharpCompilation Compilation(string name, params string[] sources)
            => CSharpCompilation.Create(name, sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")), References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));

        public static GeneratorDriver Driver()
            => CSharpGeneratorDriver.Create(new[] { new Conv2dGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
    }
}
