using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Bench
{
    /// <summary>
    /// Before timing anything: every selected engine's output on every selected shape (forward, and the gradients where the
    /// engine has a backward) is compared with <see cref="ConvGen.Kernels.Im2ColConv2d"/>, itself checked against the
    /// libtorch float64 oracle in the tests. A benchmark must not report the speed of a wrong answer unnoticed; this matters
    /// because float32 libtorch 2.10 is wrong for some shapes on AVX-512 machines. Naive is skipped (slow; it is the tests'
    /// reference).
    /// </summary>
    public static class OutputCheck
    {
        /// <summary>Scaled error above which an engine is reported as disagreeing.</summary>
        public const double Tolerance = 1e-3;

        private static readonly Dictionary<(string Shape, Engine Engine), string[]> s_wrong = [];

        /// <summary>The lines the last <see cref="Run"/> printed, one per shape.</summary>
        public static List<string> Lines { get; } = [];

        /// <summary>
        /// What an engine got wrong on a shape in the last <see cref="Run"/> ("y", "dx", "dw", "db"), empty when it agreed or
        /// was not checked. The report marks the affected rows.
        /// </summary>
        public static IReadOnlyList<string> WrongOutputs(string shape, Engine engine)
            => s_wrong.TryGetValue((shape, engine), out var names) ? names : [];

        /// <summary>Prints one line per shape; returns the number of disagreeing engine/shape/thread-count triples.</summary>
        public static int Run()
        {
            int bad = 0;
            foreach (var group in ConvCases.Selected().Where(c => c.Engine != Engine.Naive).GroupBy(c => c.Shape))
            {
                BenchShape shape = group.Key;
                float[] y;
                ConvGradients grads;
                using (var im2col = new Im2ColRunner(shape))
                {
                    y = im2col.ForwardOutput();
                    grads = im2col.BackwardOutputs()!;
                }
                var parts = new List<string>();
                foreach (Engine e in group.Select(c => c.Engine).Distinct().Where(e => e != Engine.Im2Col))
                foreach (int threads in EngineTraits.UsesThreads(e) ? ConvCases.ThreadCounts : [1])
                {
                    using IConvRunner runner = RunnerFactory.Create(new ConvCase(shape, Pass.Forward, e, threads));
                    var errors = new List<(string Name, double Error)> { ("y", ScaledMaxError(runner.ForwardOutput(), y)) };
                    // Twice: the second call checks steady state (scratch reuse, gradients cleared between calls).
                    if (runner.BackwardOutputs() is not null && runner.BackwardOutputs() is { } g)
                        errors.AddRange([("dx", ScaledMaxError(g.Input, grads.Input)), ("dw", ScaledMaxError(g.Weight, grads.Weight)),
                            ("db", ScaledMaxError(g.Bias, grads.Bias))]);
                    var wrong = errors.Where(x => !(x.Error <= Tolerance)).ToList();
                    if (wrong.Count > 0)
                    {
                        bad++;
                        s_wrong[(shape.Name, e)] = [.. s_wrong.GetValueOrDefault((shape.Name, e), []).Union(wrong.Select(x => x.Name))];
                    }
                    string label = EngineTraits.UsesThreads(e) ? $"{e}/{threads}t" : e.ToString();
                    parts.Add($"{label} {errors.Max(x => x.Error):E1}"
                        + (wrong.Count > 0 ? $" DISAGREES ({string.Join(", ", wrong.Select(x => $"{x.Name} {x.Error:E1}"))})" : ""));
                }
                string line = $"{shape.Name,-18} max error vs Im2Col: {string.Join("; ", parts)}";
                Lines.Add(line);
                Console.WriteLine("  " + line);
            }
            return bad;
        }

        /// <summary>max|a - b| / max(1, max|b|), as in tests/oracle; NaN on a length mismatch or NaN values.</summary>
        private static double ScaledMaxError(float[] actual, float[] expected)
        {
            if (actual.Length != expected.Length) return double.NaN;
            double diff = 0, scale = 1;
            for (int i = 0; i < expected.Length; i++)
            {
                double d = Math.Abs((double)actual[i] - expected[i]);
                if (double.IsNaN(d)) return double.NaN;
                diff = Math.Max(diff, d);
                scale = Math.Max(scale, Math.Abs((double)expected[i]));
            }
            return diff / scale;
        }
    }
}
