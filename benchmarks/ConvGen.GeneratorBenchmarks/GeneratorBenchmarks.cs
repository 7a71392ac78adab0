using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>
    /// The generator's own time for a compilation with 100 annotated classes: a cold run (new driver: parse, plan and emit
    /// all 100 layers), and a warm run after an edit that touches no layer (what the IDE pays per keystroke).
    /// </summary>
    [MemoryDiagnoser]
    public class GeneratorBenchmarks
    {
        private CSharpCompilation _compilation = null!;
        private CSharpCompilation _edited = null!;
        private GeneratorDriver _warm = null!;

        [Params(100)]
        public int Classes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _compilation = Roslyn.Compilation("Bench", Shapes.Sources(Classes));
            _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Bench; public class Unrelated { }", Roslyn.ParseOptions, path: "Unrelated.cs"));
            _warm = Roslyn.Driver().RunGenerators(_compilation);
        }

        [Benchmark(Baseline = true, Description = "cold: 100 layers parsed, planned, emitted")]
        public GeneratorDriver Cold() => Roslyn.Driver().RunGenerators(_compilation);

        [Benchmark(Description = "warm: unrelated edit, everything cached")]
        public GeneratorDriver WarmUnrelatedEdit() => _warm.RunGenerators(_edited);
    }
}
