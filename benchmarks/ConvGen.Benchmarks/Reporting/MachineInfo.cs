using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>What the results were measured on, for the header of benchmarks/results/latest.md.</summary>
    public static class MachineInfo
    {
        /// <summary>CPU model name, family/model/stepping and physical cores per socket from /proc/cpuinfo.</summary>
        public static string CpuModel()
        {
            try
            {
                var lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).ToList();
                string Field(string name) => lines.FirstOrDefault(l => l.Split(':', 2)[0].Trim() == name)?.Split(':', 2)[1].Trim() ?? "?";
                return $"{Field("model name")} (family {Field("cpu family")}, model {Field("model")}, stepping {Field("stepping")}; {Field("cpu cores")} core(s) per socket)";
            }
            catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
        }

        private static string? s_commit;

        /// <summary>
        /// Notes the commit (and whether src/ has uncommitted changes) now, at start-up, when it matches what `dotnet run` just
        /// built: read when the report is written 15 minutes later, it described edits made during the run, not the code measured.
        /// </summary>
        public static string RecordCommit()
            => s_commit ??= $"{Git("rev-parse --short HEAD")}{(Git("status --porcelain -- src").Length > 0 ? " + uncommitted changes under src/" : "")}";

        /// <summary>Markdown bullet list: CPU, cores, vector ISA, OS, .NET, commit, date.</summary>
        public static string Markdown()
        {
            string isa = Vector512.IsHardwareAccelerated ? "Vector512 (AVX-512)" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
            return string.Join(Environment.NewLine,
                $"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical core(s) visible to .NET; kernels JIT to {isa}",
                $"- OS: {RuntimeInformation.OSDescription}",
                $"- .NET: {RuntimeInformation.FrameworkDescription}",
                $"- commit: {RecordCommit()} (as at start-up)",
                $"- date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC") + Environment.NewLine;
        }

        private static string Git(string arguments)
        {
            try
            {
                var psi = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                using var p = Process.Start(psi)!;
                string s = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return p.ExitCode == 0 ? s : "?";
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return "?"; }
        }
    }

    /// <summary>Samples the 1-minute load average every few seconds while the benchmarks run.</summary>
    public sealed class LoadSampler : IDisposable
    {
        private readonly Timer _timer;
        private readonly object _gate = new();
        private double _min = double.MaxValue, _max, _sum;
        private int _count;

        /// <summary>Starts sampling (one sample now, then every <paramref name="periodSeconds"/>).</summary>
        public LoadSampler(int periodSeconds = 10) => _timer = new Timer(_ => Sample(), null, 0, periodSeconds * 1000);

        private void Sample()
        {
            if (MachineLoad.OneMinute() is not { } load) return;
            lock (_gate) { _min = Math.Min(_min, load); _max = Math.Max(_max, load); _sum += load; _count++; }
        }

        /// <summary>"min / mean / max over n samples".</summary>
        public string Summary()
        {
            Sample();
            lock (_gate)
                return _count == 0 ? "?" : string.Create(CultureInfo.InvariantCulture, $"min {_min:F2}, mean {_sum / _count:F2}, max {_max:F2} ({_count} samples)");
        }

        /// <inheritdoc />
        public void Dispose() => _timer.Dispose();
    }
}
