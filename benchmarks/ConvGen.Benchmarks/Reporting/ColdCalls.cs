using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using ConvGen.Benchmarks.Bench;
using ConvGen.Benchmarks.Engines;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>
    /// How much slower an engine's first call is after the machine left it idle (<c>--cold</c>). The interleaved check starts
    /// every ~20 ms block 30 ms after the previous one, so an engine whose first call pays more after a pause reads slower there
    /// than its back-to-back time. This times, per selected shape, pass and thread count, rounds of: a 30 ms pause, then 8
    /// calls timed one by one, engines taking turns; it reports each engine's median first call and median of calls 2-8.
    /// Every case of a group has the same thread count, which the runners set when created (libtorch's is process-wide).
    /// </summary>
    public static class ColdCalls
    {
        private const int Rounds = 15, CallsPerRound = 8;
        private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(30);

        /// <summary>One engine on one case: median first call after the pause, median of the calls after it (microseconds).</summary>
        public sealed record ColdResult(ConvCase Case, double FirstCallUs, double LaterCallsUs);

        /// <summary>Every selected case of ConvGen and its peers (Forward and Backward passes), grouped by shape, pass and threads.</summary>
        public static IReadOnlyList<ColdResult> Run()
        {
            var results = new List<ColdResult>();
            var groups = ConvCases.Selected()
                .Where(c => c.Pass != Pass.ForwardBackward && (c.Engine == Engine.Generated || EngineTraits.IsPeer(c.Engine)))
                .GroupBy(c => c.Group);
            foreach (var group in groups) results.AddRange(Measure(group.OrderBy(c => c.Engine).ToArray()));
            return results;
        }

        private static IEnumerable<ColdResult> Measure(ConvCase[] cases)
        {
            var runners = new IConvRunner[cases.Length];
            try
            {
                for (int e = 0; e < cases.Length; e++)
                {
                    runners[e] = RunnerFactory.Create(cases[e]);
                    for (int i = 0; i < 3; i++) runners[e].Run(cases[e].Pass);
                }
                var first = new double[cases.Length][];
                var later = new double[cases.Length][];
                for (int e = 0; e < cases.Length; e++) { first[e] = new double[Rounds]; later[e] = new double[Rounds]; }
                var calls = new double[CallsPerRound];
                for (int round = 0; round < Rounds; round++)
                for (int k = 0; k < cases.Length; k++)
                {
                    int e = (round + k) % cases.Length;
                    Thread.Sleep(Pause);
                    for (int i = 0; i < CallsPerRound; i++)
                    {
                        long start = Stopwatch.GetTimestamp();
                        runners[e].Run(cases[e].Pass);
                        calls[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    }
                    first[e][round] = calls[0];
                    later[e][round] = Median(calls[1..]);
                }
                var results = new ColdResult[cases.Length];
                for (int e = 0; e < cases.Length; e++) results[e] = new ColdResult(cases[e], Median(first[e]), Median(later[e]));
                foreach (ColdResult r in results)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Case.Shape.Name} {r.Case.Pass} {r.Case.Threads}t {r.Case.Engine}: first call {r.FirstCallUs:F0} us, calls 2-{CallsPerRound} {r.LaterCallsUs:F0} us"));
                return results;
            }
            finally
            {
                foreach (IConvRunner r in runners) r?.Dispose();
            }
        }

        private static double Median(double[] values)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            int n = sorted.Length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        /// <summary>A markdown table of the results: first call, later calls and their ratio per engine.</summary>
        public static string Markdown(IReadOnlyList<ColdResult> results)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"| shape | pass | threads | engine | first call after {Pause.TotalMilliseconds:F0} ms idle | calls 2-{CallsPerRound} (median) | first / later |");
            sb.AppendLine("|---|---|---:|---|---:|---:|---:|");
            foreach (ColdResult r in results)
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Case.Shape.Name} | {r.Case.Pass} | {r.Case.Threads} | {r.Case.Engine} | {InterleavedComparison.Time(r.FirstCallUs)} | {InterleavedComparison.Time(r.LaterCallsUs)} | {r.FirstCallUs / r.LaterCallsUs:F2} |"));
            return sb.ToString();
        }
    }
}
