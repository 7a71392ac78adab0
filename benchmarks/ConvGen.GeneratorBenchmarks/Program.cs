using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>
    /// dotnet run -c Release --project benchmarks/ConvGen.GeneratorBenchmarks -- [bench|lines|jit|all] [BenchmarkDotNet args]
    ///   bench  the generator's time for 100 annotated classes (BenchmarkDotNet)
    ///   lines  emitted lines and characters per layer for each benchmark shape, and the generator's own elapsed time
    ///   jit    the first-call (JIT) cost of the largest generated kernel (ResNet stem), vs the second call
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string mode = args.FirstOrDefault() ?? "all";
            string[] rest = args.Skip(1).ToArray();
            if (mode is "lines" or "all") Lines();
            if (mode is "jit" or "all") Jit();
            if (mode is "profile" or "all") Profile();
            if (mode is "bench" or "all") BenchmarkRunner.Run<GeneratorBenchmarks>(args: rest);
            return 0;
        }

        private static void Lines()
        {
            Console.WriteLine("| layer | [Conv2d] | emitted lines | characters |");
            Console.WriteLine("|---|---|---:|---:|");
            foreach (var (name, shape) in Shapes.All)
            {
                GeneratorDriver driver = Roslyn.Driver().RunGenerators(Roslyn.Compilation(name, $"using ConvGen;\nnamespace Bench;\n[Conv2d({shape})]\npublic partial class {name} {{ }}\n"));
                string text = driver.GetRunResult().Results[0].GeneratedSources.Single().SourceText.ToString();
                Console.WriteLine($"| {name} | {shape} | {text.Count(c => c == '\n')} | {text.Length} |");
            }
            // The generator's own elapsed time as Roslyn measures it, for 100 classes, a few cold runs.
            var compilation = Roslyn.Compilation("Bench100", Shapes.Sources(100));
            for (int run = 0; run < 5; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                GeneratorDriver driver = Roslyn.Driver().RunGenerators(compilation);
                GeneratorDriverRunResult result = driver.GetRunResult();
                Console.WriteLine($"100 classes, cold run {run + 1}: generator {driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds:F1} ms (driver total {stopwatch.Elapsed.TotalMilliseconds:F1} ms), {result.Results[0].GeneratedSources.Sum(s => s.SourceText.Lines.Count)} lines emitted");
            }
        }

        /// <summary>Where the cold time goes: the plan and emit stages timed directly (the rest of a driver run is parsing and Roslyn).</summary>
        private static void Profile()
        {
            GeneratorDriver driver = Roslyn.Driver().RunGenerators(Roslyn.Compilation("Profile", Shapes.Sources(100)));
            var sources = driver.GetRunResult().Results[0].GeneratedSources;
            var specs = Enumerable.Range(0, 100).Select(i => ConvGen.Generator.Planning.KernelPlanner.Plan(SpecOf(i))).ToList();
            for (int round = 0; round < 3; round++)
            {
                var t = Stopwatch.StartNew();
                var plans = Enumerable.Range(0, 100).Select(i => ConvGen.Generator.Planning.KernelPlanner.Plan(SpecOf(i))).ToList();
                double plan = t.Elapsed.TotalMilliseconds;
                t.Restart();
                long chars = plans.Sum(p => (long)ConvGen.Generator.Emit.LayerEmitter.Emit(p).Length);
                double emit = t.Elapsed.TotalMilliseconds;
                Console.WriteLine($"profile round {round + 1}: plan 100 layers {plan:F1} ms, emit 100 layers {emit:F1} ms ({chars / 1e6:F1} M characters)");
            }
            string sample = sources.First(s => s.HintName.Contains("Layer6.")).SourceText.ToString();
            foreach (string name in new[] { "global::System.Runtime.CompilerServices.Unsafe.Add", "TVec.MultiplyAdd", "global::" })
                Console.WriteLine($"  ResNetStem file: '{name}' occurs {CountOf(sample, name)} times ({100.0 * CountOf(sample, name) * name.Length / sample.Length:F0}% of its {sample.Length} characters)");
        }

        private static int CountOf(string text, string what)
        {
            int count = 0;
            for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
            return count;
        }

        /// <summary>The spec the parser makes for shape <paramref name="i"/> (mod the shape count), built directly.</summary>
        private static ConvGen.Generator.Model.LayerSpec SpecOf(int i)
        {
            return SpecCache.GetOrAdd(i % Shapes.All.Length, _ =>
            {
                var compilation = Roslyn.Compilation("One", Shapes.Sources(100)[i / 10]);
                var driver = CSharpGeneratorDriverFactory.Tracked().RunGenerators(compilation);
                var step = driver.GetRunResult().Results[0].TrackedSteps["Specs"];
                return (ConvGen.Generator.Model.LayerSpec)step.SelectMany(s => s.Outputs).Select(o => o.Value).First(v => ((ConvGen.Generator.Model.LayerSpec)v).Type.Name == $"Layer{i % Shapes.All.Length}");
            });
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, ConvGen.Generator.Model.LayerSpec> SpecCache = new();

        private static void Jit()
        {
            var (name, shape) = Shapes.All.Single(s => s.Name == "ResNetStem");
            var phase = Stopwatch.StartNew();
            var compilation = Roslyn.Compilation("JitBench", $"using ConvGen;\nnamespace Bench;\n[Conv2d({shape})]\npublic partial class {name} {{ }}\n");
            Roslyn.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
            Console.WriteLine($"ResNet stem: generator run {phase.Elapsed.TotalMilliseconds:F0} ms (cold process)");
            phase.Restart();
            using var stream = new MemoryStream();
            var emit = output.Emit(stream);
            Console.WriteLine($"ResNet stem: C# compile + IL emit of the generated file {phase.Elapsed.TotalMilliseconds:F0} ms");
            if (!emit.Success) throw new InvalidOperationException(string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            stream.Position = 0;
            Assembly assembly = new AssemblyLoadContext("jit", isCollectible: true).LoadFromStream(stream);
            Type type = assembly.GetType("Bench." + name)!;

            // Methods of the nested kernels, prepared one by one: PrepareMethod JITs each generic instantiation eagerly.
            Type kernels = type.GetNestedType("GeneratedKernels", BindingFlags.NonPublic)!;
            var layer = (ILayer)Activator.CreateInstance(type, new Random(1))!;
            var x = new Tensor(1, 3, 224, 224);
            var timer = Stopwatch.StartNew();
            Tensor y = layer.Forward(x);
            double first = timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            layer.Forward(x);
            double second = timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            Tensor gx = layer.Backward(y);
            double firstBackward = timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            layer.Backward(y);
            double secondBackward = timer.Elapsed.TotalMilliseconds;
            Console.WriteLine($"ResNet stem ({shape}), input [1, 3, 224, 224], tiered JIT {(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "default")}:");
            Console.WriteLine($"  Forward  first call {first:F1} ms, second {second:F1} ms -> JIT + first-touch about {first - second:F1} ms");
            Console.WriteLine($"  Backward first call {firstBackward:F1} ms, second {secondBackward:F1} ms -> about {firstBackward - secondBackward:F1} ms");

            // Per-method JIT time of every kernel method instantiated for the widest accelerated vector, in a fresh load.
            stream.Position = 0;
            Assembly fresh = new AssemblyLoadContext("jit2", isCollectible: true).LoadFromStream(stream);
            Type freshKernels = fresh.GetType("Bench." + name)!.GetNestedType("GeneratedKernels", BindingFlags.NonPublic)!;
            Type vector = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? typeof(ConvGen.Simd.V512)
                : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? typeof(ConvGen.Simd.V256) : typeof(ConvGen.Simd.V128);
            Console.WriteLine($"  PrepareMethod per kernel method (every width-specific tile, generic ones closed over {vector.Name}; an upper bound: one width runs), largest first:");
            // Non-generic methods are the width-specific tiles (_V512, _V256); generic ones are closed over the chosen width.
            var times = freshKernels.GetMethods(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsGenericMethodDefinition || m.GetGenericArguments().Length == 1)
                .Select(m =>
                {
                    MethodInfo closed = m.IsGenericMethodDefinition ? m.MakeGenericMethod(vector) : m;
                    var t = Stopwatch.StartNew();
                    if (m.IsGenericMethodDefinition) RuntimeHelpers.PrepareMethod(closed.MethodHandle, new[] { vector.TypeHandle });
                    else RuntimeHelpers.PrepareMethod(closed.MethodHandle);
                    return (m.Name, Ms: t.Elapsed.TotalMilliseconds);
                }).OrderByDescending(t => t.Ms).ToList();
            foreach (var (method, ms) in times.Take(6)) Console.WriteLine($"    {method,-24} {ms,8:F1} ms");
            Console.WriteLine($"    all {times.Count} kernel methods  {times.Sum(t => t.Ms),8:F1} ms");
            GC.KeepAlive(kernels);
            GC.KeepAlive(gx);
        }
    }
}
