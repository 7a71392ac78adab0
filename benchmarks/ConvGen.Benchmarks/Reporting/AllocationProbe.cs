using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using ConvGen.Benchmarks.Bench;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Generated;
using ConvGen.Benchmarks.Shapes;
using ConvGen.Kernels;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>Managed bytes per steady-state call of a generated layer's span overloads.</summary>
    /// <param name="Shape">The layer and batch.</param>
    /// <param name="Threads">ParallelRunner.MaxThreads.</param>
    /// <param name="ForwardCallingThread">Forward: bytes allocated on the calling thread per call.</param>
    /// <param name="ForwardAllThreads">Forward: bytes allocated by the whole process per call (includes worker threads).</param>
    /// <param name="BackwardCallingThread">Backward (data + weights), calling thread.</param>
    /// <param name="BackwardAllThreads">Backward (data + weights), whole process.</param>
    public sealed record AllocationResult(BenchShape Shape, int Threads, double ForwardCallingThread, double ForwardAllThreads,
        double BackwardCallingThread, double BackwardAllThreads);

    /// <summary>
    /// Counts allocations of the generated layers' <c>Forward(ReadOnlySpan, Span, ...)</c> and <c>Backward(ReadOnlySpan,
    /// Span)</c> directly with <see cref="GC.GetAllocatedBytesForCurrentThread"/> and
    /// <see cref="GC.GetTotalAllocatedBytes(bool)"/> around steady-state calls (after warm-up and tiering), so worker-thread
    /// allocations (Parallel.For) are seen too. The runner's own work between the calls (clearing the gradients) allocates nothing.
    /// </summary>
    public static class AllocationProbe
    {
        /// <summary>Every selected generated shape at every thread count.</summary>
        public static IReadOnlyList<AllocationResult> Run()
        {
            var shapes = ConvCases.Selected().Where(c => c.Engine == Engine.Generated).Select(c => c.Shape).Distinct().ToList();
            var results = new List<AllocationResult>();
            foreach (BenchShape shape in shapes)
                foreach (int threads in ConvCases.ThreadCounts)
                {
                    using IConvRunner runner = RunnerFactory.Create(new ConvCase(shape, Pass.Forward, Engine.Generated, threads));
                    var (ft, fa) = Measure(runner, Pass.Forward);
                    var (bt, ba) = Measure(runner, Pass.Backward);
                    var r = new AllocationResult(shape, threads, ft, fa, bt, ba);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {shape.Name,-18} {threads}t  forward {ft:F0} B (calling thread) / {fa:F0} B (all threads);  backward {bt:F0} / {ba:F0} B"));
                    results.Add(r);
                }
            return results;
        }

        private static (double CallingThread, double AllThreads) Measure(IConvRunner runner, Pass pass)
        {
            // Warm up past tier-0 and OSR: time- and count-bounded.
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 60 || (clock.ElapsedMilliseconds < 300 && i < 2000); i++) runner.Run(pass);
            System.Threading.Thread.Sleep(150); // let the tiering thread finish its queue
            for (int i = 0; i < 5; i++) runner.Run(pass);
            const int calls = 20;
            long thread0 = GC.GetAllocatedBytesForCurrentThread(), total0 = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < calls; i++) runner.Run(pass);
            long thread1 = GC.GetAllocatedBytesForCurrentThread(), total1 = GC.GetTotalAllocatedBytes(precise: true);
            return ((thread1 - thread0) / (double)calls, (total1 - total0) / (double)calls);
        }

        /// <summary>The markdown section.</summary>
        public static string Markdown(IReadOnlyList<AllocationResult> results)
        {
            var sb = new StringBuilder();
            var ic = CultureInfo.InvariantCulture;
            sb.AppendLine("| shape | threads | Forward: calling thread | Forward: all threads | Backward: calling thread | Backward: all threads |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var r in results)
                sb.AppendLine(ic, $"| {r.Shape.Name} | {r.Threads} | {r.ForwardCallingThread:F0} B | {r.ForwardAllThreads:F0} B | {r.BackwardCallingThread:F0} B | {r.BackwardAllThreads:F0} B |");
            return sb.ToString();
        }
    }
}
