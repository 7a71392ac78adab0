using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;
using ConvGen.Benchmarks.Bench;
using ConvGen.Benchmarks.Peak;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>The compact table the quick mode prints: one row per case, grouped by shape and pass.</summary>
    public static class MarkdownReport
    {
        /// <summary>Peak figures, machine load, and the results table (in the case list's order) as GitHub markdown.</summary>
        public static string Build(Summary summary, double? loadAtStart, double? loadAtEnd)
        {
            var all = CaseResults.All(summary);
            var order = ConvCases.Selected().Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
            var rows = all.OrderBy(r => order.GetValueOrDefault(r.Case, int.MaxValue)).ToList();
            var sb = new StringBuilder();
            sb.AppendLine("Peak (float32, register-only FMA chains): "
                + string.Join(", ", MeasuredPeak.All.Select(p => $"{p.Threads} thread(s) {p.GFlops:F1} GFLOP/s ({p.Isa})")));
            sb.AppendLine(CultureInfo.InvariantCulture, $"1-minute load average: {loadAtStart?.ToString("F2", CultureInfo.InvariantCulture) ?? "?"} at start, "
                + $"{loadAtEnd?.ToString("F2", CultureInfo.InvariantCulture) ?? "?"} at end (this run adds up to its thread count).");
            sb.AppendLine("vs best peer = time / time of the fastest of ONNX Runtime and libtorch on the same shape, pass and thread count "
                + "(below 1: faster than the best peer). Backward = backward (data+weights): ConvGen's one Backward call (dL/dx, dL/dw, dL/db) "
                + "vs libtorch's full convolution backward (the same three gradients). Backward (weights) = dL/dw and dL/db only: ConvGen's Backward after "
                + "ILayer.SetInputGradientRequired(false) vs libtorch's backward of a graph whose input requires no grad. "
                + "Backward (data) = dL/dx only: ConvGen's Backward with every Parameter.RequiresGrad false vs libtorch's backward of a graph whose weight and bias require no grad. "
                + "GFLOP/s counts 1 pass for Forward, Backward (weights) and Backward (data), 2 for Backward, 3 for ForwardBackward.");
            foreach (int threads in rows.Select(r => r.Case.Threads).Distinct().Order())
            {
                sb.AppendLine();
                string peakNote = MeasuredPeak.GFlops(threads) is { } pk ? string.Create(CultureInfo.InvariantCulture, $" (peak {pk:F1} GFLOP/s)") : "";
                sb.AppendLine($"### {threads} thread{(threads == 1 ? "" : "s")}{peakNote}");
                sb.AppendLine();
                sb.AppendLine("| shape | MFLOP/pass | pass | engine | time | GFLOP/s | % peak | vs best peer | allocated |");
                sb.AppendLine("|---|---:|---|---|---:|---:|---:|---:|---:|");
                foreach (CaseResult r in rows.Where(r => r.Case.Threads == threads))
                {
                    var c = r.Case;
                    string peak = r.PercentOfPeak is { } p ? p.ToString("F1", CultureInfo.InvariantCulture) : "?";
                    string peer = CaseResults.VersusBestPeer(all, r) is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";
                    var wrong = OutputCheck.WrongOutputs(c.Shape.Name, c.Engine)
                        .Where(n => c.Pass switch { Engines.Pass.Forward => n == "y", Engines.Pass.Backward => n != "y", Engines.Pass.BackwardWeights => n is "dw" or "db", Engines.Pass.BackwardData => n == "dx", _ => true }).ToList();
                    string engine = c.Engine == Engines.Engine.Generated ? "**Generated**" : c.Engine.ToString();
                    if (wrong.Count > 0) engine += $" (WRONG {string.Join(",", wrong)})";
                    string pass = c.Pass switch { Engines.Pass.Backward => "Backward (data+weights)", Engines.Pass.BackwardWeights => "Backward (weights)", Engines.Pass.BackwardData => "Backward (data)", _ => c.Pass.ToString() };
                    sb.AppendLine(CultureInfo.InvariantCulture,
                        $"| {c.Shape.Name} | {c.Shape.FlopsPerPass / 1e6:F1} | {pass} | {engine} | {FormatTime(r.MeanNs)} | {r.GFlops:F2} | {peak} | {peer} | {FormatBytes(r.AllocatedBytes)} |");
                }
            }
            int failed = summary.BenchmarksCases.Length - all.Count;
            if (failed > 0) sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{failed} case(s) failed; see the log above.");
            return sb.ToString();
        }

        private static string FormatTime(double ns) => ns switch
        {
            < 1e3 => $"{ns:F0} ns",
            < 1e6 => $"{ns / 1e3:F1} us",
            < 1e9 => $"{ns / 1e6:F2} ms",
            _ => $"{ns / 1e9:F2} s",
        };

        private static string FormatBytes(long? bytes) => bytes switch
        {
            null => "?",
            < 1024 => $"{bytes} B",
            < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
            _ => $"{bytes / (1024.0 * 1024):F1} MiB",
        };
    }
}
