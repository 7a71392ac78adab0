using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Generated;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Bench
{
    /// <summary>
    /// The benchmark case list: every shape x pass x engine x thread count that makes sense (ONNX Runtime has no backward;
    /// single-threaded engines run once; generated kernels only for registered layers), narrowed by command-line filters.
    /// </summary>
    public static class ConvCases
    {
        /// <summary>Thread counts measured (this machine has 2 cores).</summary>
        public static IReadOnlyList<int> ThreadCounts { get; } = [1, 2];

        /// <summary>If non-empty, only shapes whose name contains one of these.</summary>
        public static List<string> ShapeFilter { get; } = [];

        /// <summary>If non-empty, only these engines.</summary>
        public static List<Engine> EngineFilter { get; } = [];

        /// <summary>If set, only this pass.</summary>
        public static Pass? PassFilter { get; set; }

        /// <summary>Every selected case, in report order.</summary>
        public static IEnumerable<ConvCase> Selected()
        {
            foreach (BenchShape shape in BenchShapes.All)
            {
                if (ShapeFilter.Count > 0 && !ShapeFilter.Any(f => shape.Name.Contains(f, StringComparison.OrdinalIgnoreCase))) continue;
                foreach (Pass pass in Enum.GetValues<Pass>())
                {
                    if (PassFilter is { } only && pass != only) continue;
                    foreach (Engine engine in Enum.GetValues<Engine>())
                    {
                        if (EngineFilter.Count > 0 && !EngineFilter.Contains(engine)) continue;
                        if (!Applies(shape, pass, engine)) continue;
                        foreach (int threads in EngineTraits.UsesThreads(engine) ? ThreadCounts : [1])
                            yield return new ConvCase(shape, pass, engine, threads);
                    }
                }
            }
        }

        private static bool Applies(BenchShape shape, Pass pass, Engine engine) => engine switch
        {
            Engine.OnnxRuntime => pass == Pass.Forward,
            // Weights or data only: the engines the targets compare (ConvGen and libtorch).
            _ when pass is Pass.BackwardWeights or Pass.BackwardData => engine is Engine.Generated or Engine.LibTorch && (engine != Engine.Generated || GeneratedKernels.ByLayer.ContainsKey(shape.Layer)),
            // The reference loop nest is slow and measured in ForwardBackward already.
            Engine.Naive => pass != Pass.Backward,
            Engine.Generated => GeneratedKernels.ByLayer.ContainsKey(shape.Layer),
            _ => true,
        };
    }
}
