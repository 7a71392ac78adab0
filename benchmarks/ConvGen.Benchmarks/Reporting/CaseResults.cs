using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConvGen.Benchmarks.Bench;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Peak;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>One measured case with the derived figures the report shows.</summary>
    /// <param name="Case">What ran.</param>
    /// <param name="MeanNs">Mean time per invocation, nanoseconds.</param>
    /// <param name="AllocatedBytes">Managed bytes allocated per invocation (MemoryDiagnoser), if measured.</param>
    public sealed record CaseResult(ConvCase Case, double MeanNs, long? AllocatedBytes)
    {
        /// <summary>Achieved GFLOP/s.</summary>
        public double GFlops => Case.Flops / MeanNs;

        /// <summary>Percentage of the measured peak at the same thread count.</summary>
        public double? PercentOfPeak => MeasuredPeak.GFlops(Case.Threads) is { } peak ? 100 * GFlops / peak : null;
    }

    /// <summary>Extracts <see cref="CaseResult"/>s from a BenchmarkDotNet summary and relates them to each other.</summary>
    public static class CaseResults
    {
        /// <summary>The case a BenchmarkDotNet benchmark case ran.</summary>
        public static ConvCase CaseOf(BenchmarkCase benchmarkCase) => (ConvCase)benchmarkCase.Parameters[nameof(ConvBenchmarks.Case)];

        /// <summary>The result of one benchmark case, or null if it failed.</summary>
        public static CaseResult? Of(Summary summary, BenchmarkCase benchmarkCase)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats) return null;
            return new CaseResult(CaseOf(benchmarkCase), stats.Mean, report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase));
        }

        /// <summary>Every successful result, in case-list order.</summary>
        public static IReadOnlyList<CaseResult> All(Summary summary)
            => summary.BenchmarksCases.Select(b => Of(summary, b)).OfType<CaseResult>().ToList();

        /// <summary>
        /// Time relative to the fastest peer (ONNX Runtime, libtorch) on the same shape, pass and thread count:
        /// 2.0 = twice as slow as the best peer, 0.5 = twice as fast. Null when no peer ran that group.
        /// </summary>
        public static double? VersusBestPeer(IReadOnlyList<CaseResult> all, CaseResult r)
        {
            var peers = all.Where(o => o.Case.Group == r.Case.Group && EngineTraits.IsPeer(o.Case.Engine)).ToList();
            // Single-threaded engines are compared with the peers at 1 thread.
            return peers.Count == 0 ? null : r.MeanNs / peers.Min(p => p.MeanNs);
        }
    }
}
