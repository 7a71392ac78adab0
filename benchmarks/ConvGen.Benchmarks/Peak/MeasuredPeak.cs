using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Benchmarks.Peak
{
    /// <summary>The peak measured at start-up, per thread count, for the "% of peak" column (benchmarks run in-process).</summary>
    public static class MeasuredPeak
    {
        private static readonly Dictionary<int, PeakResult> s_byThreads = [];

        /// <summary>All measurements, by thread count.</summary>
        public static IReadOnlyCollection<PeakResult> All => s_byThreads.Values;

        /// <summary>Measures the peak for each of <paramref name="threadCounts"/> and keeps the results.</summary>
        public static void Measure(IEnumerable<int> threadCounts)
        {
            foreach (int t in threadCounts.Distinct()) s_byThreads[t] = PeakFlopsProbe.Measure(t);
        }

        /// <summary>GFLOP/s at <paramref name="threads"/> threads, or null when not measured.</summary>
        public static double? GFlops(int threads) => s_byThreads.TryGetValue(threads, out var r) ? r.GFlops : null;
    }
}
