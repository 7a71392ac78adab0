using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using ConvGen.Benchmarks.Reporting;

namespace ConvGen.Benchmarks.Bench
{
    /// <summary>
    /// BenchmarkDotNet configuration. Benchmarks run in-process: BenchmarkDotNet's default toolchain would rebuild this
    /// project into a fresh output directory without the patched libLibTorchSharp.so (see tools/ElfWeakVersion), and the
    /// measured-peak columns need the start-up probe's results in the same process.
    /// </summary>
    public static class BenchConfig
    {
        /// <summary>
        /// <paramref name="quick"/>: one warm-up and three ~100 ms iterations per case, terse progress output (a few minutes
        /// for everything). Otherwise BenchmarkDotNet's defaults for statistically solid numbers.
        /// </summary>
        public static IConfig Create(bool quick)
        {
            Job job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
            job = quick
                ? job.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                     .WithIterationTime(TimeInterval.FromMilliseconds(100)).WithId("Quick")
                : job.WithId("Full");
            return ManualConfig.CreateEmpty()
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumnProvider(DefaultColumnProviders.Instance)
                .AddColumn(PerfColumn.GFlops, PerfColumn.PercentOfPeak, PerfColumn.VersusBestPeer)
                .AddLogger(quick ? new ProgressLogger() : ConsoleLogger.Default)
                .AddExporter(MarkdownExporter.GitHub)
                .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared))
                .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(48));
        }
    }
}
