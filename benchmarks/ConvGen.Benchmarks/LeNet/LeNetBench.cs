using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ConvGen.Benchmarks.LeNet
{
    /// <summary>
    /// Runs <see cref="LeNetStep"/> once per thread count, each in a child process of this program started with
    /// DOTNET_PROCESSOR_COUNT set to the thread count: ConvGen's runtime layers parallelise over Environment.ProcessorCount,
    /// so without it the "1-thread" ConvGen step would still use every core outside the convolutions.
    /// </summary>
    public static class LeNetBench
    {
        /// <summary>The argument that makes this program a child measuring one thread count.</summary>
        public const string ChildArgument = "--lenet-child";

        /// <summary>Measures every thread count; prints progress; returns the results (missing ones failed).</summary>
        public static IReadOnlyList<LeNetStepResult> Run(IEnumerable<int> threadCounts)
        {
            var results = new List<LeNetStepResult>();
            foreach (int t in threadCounts)
            {
                Console.WriteLine($"  LeNet-5 training step, {t} thread(s) ...");
                var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                string self = Environment.ProcessPath!;
                psi.FileName = self;
                if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(LeNetBench).Assembly.Location);
                psi.ArgumentList.Add(ChildArgument);
                psi.ArgumentList.Add(t.ToString(CultureInfo.InvariantCulture));
                psi.Environment["DOTNET_PROCESSOR_COUNT"] = t.ToString(CultureInfo.InvariantCulture);
                using var child = Process.Start(psi)!;
                var stderr = new StringBuilder();
                child.ErrorDataReceived += (_, e) => { if (e.Data is { } d && !d.Contains("NNPACK", StringComparison.Ordinal)) stderr.AppendLine(d); };
                child.BeginErrorReadLine();
                string output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                LeNetStepResult? r = output.Split('\n').Select(l => LeNetStepResult.Parse(l.Trim())).LastOrDefault(x => x is not null);
                var breakdown = output.Split('\n').Select(l => LeNetStepResult.ParseBreakdown(l.Trim())).LastOrDefault(x => x is not null);
                if (r is not null && breakdown is not null) r = r with { Breakdown = breakdown };
                if (r is null)
                {
                    Console.WriteLine($"  failed (exit {child.ExitCode}): {output}{stderr}");
                    continue;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    ConvGen {r.ConvGenMedian:F0} images/s, libtorch {r.TorchMedian:F0} images/s; losses {r.ConvGenLastLoss:F4} vs {r.TorchLastLoss:F4}"));
                results.Add(r);
            }
            return results;
        }

        /// <summary>The child's entry: measure, print the result line.</summary>
        public static int Child(int threads)
        {
            LeNetStepResult r = LeNetStep.Measure(threads);
            Console.WriteLine(r.SerializeBreakdown());
            Console.WriteLine(r.Serialize());
            return 0;
        }

        /// <summary>The markdown section.</summary>
        public static string Markdown(IReadOnlyList<LeNetStepResult> results)
        {
            var sb = new StringBuilder();
            var ic = CultureInfo.InvariantCulture;
            sb.AppendLine("| threads | ConvGen images/s | libtorch images/s | ConvGen / libtorch | ConvGen managed bytes/step | losses after 10 steps (ConvGen, libtorch), max diff |");
            sb.AppendLine("|---:|---:|---:|---:|---:|---|");
            foreach (var r in results)
                sb.AppendLine(ic, $"| {r.Threads} | {r.ConvGenMedian:F0} (best {r.ConvGenBest:F0}) | {r.TorchMedian:F0} (best {r.TorchBest:F0}) | {r.ConvGenMedian / r.TorchMedian:F2} | {r.ConvGenBytesPerStep / 1024:F0} KiB | {r.ConvGenLastLoss:F4}, {r.TorchLastLoss:F4} (first {r.FirstLoss:F4}), {r.MaxLossDifference:E1} |");
            if (results.Any(r => r.Breakdown.Count > 0))
            {
                sb.AppendLine();
                sb.AppendLine("ConvGen's step by layer (microseconds per step, timed layer by layer, so a little slower than the step as a whole):");
                sb.AppendLine();
                sb.AppendLine("| part | " + string.Join(" | ", results.Select(r => $"{r.Threads} thread(s)")) + " |");
                sb.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
                foreach (string name in results.First(r => r.Breakdown.Count > 0).Breakdown.Select(b => b.Name))
                    sb.AppendLine($"| {name} | " + string.Join(" | ", results.Select(r =>
                        r.Breakdown.FirstOrDefault(b => b.Name == name) is var (n, us) && n is not null ? us.ToString("F0", ic) : "?")) + " |");
                sb.AppendLine("| total | " + string.Join(" | ", results.Select(r => r.Breakdown.Sum(b => b.Microseconds).ToString("F0", ic))) + " |");
            }
            return sb.ToString();
        }
    }
}
