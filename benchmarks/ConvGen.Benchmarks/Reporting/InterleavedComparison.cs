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
    /// <summary>ConvGen against its best peer on one shape, pass and thread count, timed in alternation.</summary>
    /// <param name="Case">The group: shape name, pass, threads.</param>
    /// <param name="GeneratedUs">ConvGen's median time per call over the rounds, microseconds.</param>
    /// <param name="Peer">The peer with the lower median.</param>
    /// <param name="PeerUs">That peer's median time per call, microseconds.</param>
    /// <param name="Ratio">Median over rounds of ConvGen's time / the faster peer's time in the same round.</param>
    /// <param name="RatioLow">25th percentile of the per-round ratios.</param>
    /// <param name="RatioHigh">75th percentile of the per-round ratios.</param>
    public sealed record InterleavedResult((string Shape, Pass Pass, int Threads) Case, double GeneratedUs, Engine Peer, double PeerUs,
        double Ratio, double RatioLow, double RatioHigh);

    /// <summary>
    /// A second opinion on "vs best peer". BenchmarkDotNet measures one case after another, so contention that comes and goes
    /// on this shared 2-vCPU machine (one vCPU ran 15 % slower than the other in back-to-back pinned runs; other tenants'
    /// bursts) lands on whichever engine runs at that moment. Here the engines of one shape, pass and thread count take turns:
    /// each round times a block of calls per engine (in rotating order), so every engine samples the same minutes, and the
    /// ratio is the median of the per-round ratios, reported with its interquartile range.
    /// </summary>
    public static class InterleavedComparison
    {
        private const int Rounds = 15;
        private static readonly TimeSpan BlockTime = TimeSpan.FromMilliseconds(20);

        /// <summary>
        /// Pause before each block: ONNX Runtime's and libtorch's pool threads spin for a while after a call, and a block run
        /// straight after them found its second core taken (ConvGen's 2-thread ResNet 3x3 forward took as long as its
        /// 1-thread one, 1.42 against 1.38 ms, while ONNX Runtime's ran at 0.73 ms).
        /// </summary>
        private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(30);

        /// <summary>
        /// Whether an engine whose pool threads keep spinning (<see cref="EngineTraits.LeavesThreadsSpinning"/>) gets a fresh
        /// runner per block, disposed after it (the default), or one runner for all rounds (<c>--onnx-one-session</c>), which
        /// shows what the fresh sessions protect the next engine from.
        /// </summary>
        public static bool FreshRunnerPerBlock { get; set; } = true;

        /// <summary>Every selected Forward and Backward group that has ConvGen and at least one peer.</summary>
        public static IReadOnlyList<InterleavedResult> Run()
        {
            var results = new List<InterleavedResult>();
            var groups = ConvCases.Selected()
                .Where(c => c.Pass != Pass.ForwardBackward && (c.Engine == Engine.Generated || EngineTraits.IsPeer(c.Engine)))
                .GroupBy(c => c.Group);
            foreach (var group in groups)
            {
                ConvCase[] cases = group.OrderBy(c => c.Engine).ToArray();
                if (!cases.Any(c => c.Engine == Engine.Generated) || !cases.Any(c => EngineTraits.IsPeer(c.Engine))) continue;
                results.Add(Compare(group.Key, cases));
                Console.WriteLine($"  {Format(results[^1])}");
            }
            return results;
        }

        private static InterleavedResult Compare((string Shape, Pass Pass, int Threads) key, ConvCase[] cases)
        {
            var runners = new IConvRunner?[cases.Length];
            try
            {
                for (int e = 0; e < cases.Length; e++) runners[e] = RunnerFactory.Create(cases[e]);
                int[] calls = runners.Select(r => CallsPerBlock(r!, key.Pass)).ToArray();
                var perCall = new double[cases.Length][];
                for (int e = 0; e < cases.Length; e++) perCall[e] = new double[Rounds];
                for (int round = 0; round < Rounds; round++)
                for (int k = 0; k < cases.Length; k++)
                {
                    int e = (round + k) % cases.Length; // rotate who goes first
                    bool spins = FreshRunnerPerBlock && EngineTraits.LeavesThreadsSpinning(cases[e].Engine);
                    // Such an engine gets a fresh runner per block, warmed up like the first, and disposed after it: disposing
                    // the session joins its pool threads, so they cannot spin through the next engine's block.
                    if (spins) ReleaseRunner(runners, e);
                    IConvRunner runner = runners[e] ??= WarmRunner(cases[e], key.Pass);
                    Thread.Sleep(Settle);
                    long start = Stopwatch.GetTimestamp();
                    for (int i = 0; i < calls[e]; i++) runner.Run(key.Pass);
                    perCall[e][round] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls[e];
                    if (spins) ReleaseRunner(runners, e);
                }

                int generated = Array.FindIndex(cases, c => c.Engine == Engine.Generated);
                int[] peers = Enumerable.Range(0, cases.Length).Where(e => EngineTraits.IsPeer(cases[e].Engine)).ToArray();
                int bestPeer = peers.OrderBy(e => Median(perCall[e])).First();
                double[] ratios = Enumerable.Range(0, Rounds).Select(r => perCall[generated][r] / peers.Min(e => perCall[e][r])).ToArray();
                return new InterleavedResult(key, Median(perCall[generated]), cases[bestPeer].Engine, Median(perCall[bestPeer]),
                    Median(ratios), Percentile(ratios, 0.25), Percentile(ratios, 0.75));
            }
            finally
            {
                foreach (IConvRunner? r in runners) r?.Dispose();
            }
        }

        private static IConvRunner WarmRunner(ConvCase c, Pass pass)
        {
            IConvRunner runner = RunnerFactory.Create(c);
            for (int i = 0; i < 3; i++) runner.Run(pass);
            return runner;
        }

        private static void ReleaseRunner(IConvRunner?[] runners, int e)
        {
            runners[e]?.Dispose();
            runners[e] = null;
        }

        /// <summary>Warms the runner up (first calls pack weights, JIT, size scratch) and returns how many calls fill a block.</summary>
        private static int CallsPerBlock(IConvRunner runner, Pass pass)
        {
            for (int i = 0; i < 3; i++) runner.Run(pass);
            long start = Stopwatch.GetTimestamp();
            int calls = 0;
            while (Stopwatch.GetElapsedTime(start) < BlockTime) { runner.Run(pass); calls++; }
            return Math.Max(1, calls);
        }

        private static double Median(double[] values) => Percentile(values, 0.5);

        private static double Percentile(double[] values, double p)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            double at = p * (sorted.Length - 1);
            int lo = (int)Math.Floor(at), hi = (int)Math.Ceiling(at);
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
        }

        private static string Format(InterleavedResult r)
            => string.Create(CultureInfo.InvariantCulture,
                $"{r.Case.Shape} {r.Case.Pass} {r.Case.Threads}t: ConvGen {r.GeneratedUs:F1} us, {r.Peer} {r.PeerUs:F1} us, ratio {r.Ratio:F2} ({r.RatioLow:F2}-{r.RatioHigh:F2})");

        /// <summary>The results as a markdown table.</summary>
        public static string Markdown(IReadOnlyList<InterleavedResult> results)
        {
            var sb = new StringBuilder();
            sb.AppendLine("| shape | pass | threads | ConvGen | best peer | peer | ConvGen / peer: median (25-75 %) |");
            sb.AppendLine("|---|---|---:|---:|---|---:|---:|");
            foreach (var r in results)
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Case.Shape} | {r.Case.Pass} | {r.Case.Threads} | {Time(r.GeneratedUs)} | {r.Peer} | {Time(r.PeerUs)} | {r.Ratio:F2} ({r.RatioLow:F2}-{r.RatioHigh:F2}) |"));
            return sb.ToString();
        }

        /// <summary>A time in microseconds as "1.23 ms" or "456.7 us".</summary>
        internal static string Time(double us)
            => us >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{us / 1000:F2} ms") : string.Create(CultureInfo.InvariantCulture, $"{us:F1} us");
    }
}
