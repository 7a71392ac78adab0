using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConvGen.Benchmarks.Bench;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.LeNet;
using ConvGen.Benchmarks.Peak;
using ConvGen.Benchmarks.Reporting;

// ConvGen.Benchmarks: see ../README.md.
//   --report           everything below in quick mode, written to benchmarks/results/latest.md (THE command to rerun)
//   --quick            short runs of every case, then a markdown table (a few minutes)
//   --lenet            only the LeNet-5 training step, ConvGen vs libtorch, images/s at 1 and 2 threads
//   --alloc            only the allocation count of the generated layers' span overloads
//   --peak             only the peak-FLOPS probe
//   --check            only the output/gradient check of every engine against Im2ColConv2d
//   --interleaved      only ConvGen vs its peers timed in alternation (InterleavedComparison), Forward and Backward
//   --cold             only how much slower each engine's first call is after 30 ms idle than its next calls (ColdCalls)
//   --onnx-one-session with --interleaved: one ONNX Runtime session for all rounds instead of a fresh one per block
//   --shape S          only shapes whose name contains S (repeatable), e.g. --shape lenet --shape pointwise
//   --engine E         only engine E (repeatable): Generated, Im2Col, Naive, OnnxRuntime, LibTorch
//   --pass P           only Forward, Backward, ForwardBackward, BackwardWeights (dL/dw and dL/db only) or BackwardData (dL/dx only)
//   --out FILE         with --report: write there instead of benchmarks/results/latest.md
// Other arguments go to BenchmarkDotNet (full mode).

if (args.Length == 2 && args[0] == LeNetBench.ChildArgument)
    return LeNetBench.Child(int.Parse(args[1], CultureInfo.InvariantCulture));
MachineInfo.RecordCommit();

bool quick = false, peakOnly = false, checkOnly = false, lenetOnly = false, allocOnly = false, interleavedOnly = false, coldOnly = false, report = false;
string? outFile = null;
var rest = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--report": report = quick = true; break;
        case "--peak": peakOnly = true; break;
        case "--check": checkOnly = true; break;
        case "--lenet": lenetOnly = true; break;
        case "--alloc": allocOnly = true; break;
        case "--interleaved": interleavedOnly = true; break;
        case "--cold": coldOnly = true; break;
        case "--onnx-one-session": InterleavedComparison.FreshRunnerPerBlock = false; break;
        case "--out" when i + 1 < args.Length: outFile = args[++i]; break;
        case "--shape" when i + 1 < args.Length: ConvCases.ShapeFilter.Add(args[++i]); break;
        case "--engine" when i + 1 < args.Length: ConvCases.EngineFilter.Add(Enum.Parse<Engine>(args[++i], ignoreCase: true)); break;
        case "--pass" when i + 1 < args.Length: ConvCases.PassFilter = Enum.Parse<Pass>(args[++i], ignoreCase: true); break;
        default: rest.Add(args[i]); break;
    }
}

using var loadSampler = new LoadSampler();
double? loadAtStart = MachineLoad.OneMinute();
if (loadAtStart > 0.5)
    Console.WriteLine($"Warning: 1-minute load average is {loadAtStart:F2}; other work on this machine will skew the results.");

if (lenetOnly)
{
    var lenet = LeNetBench.Run(ConvCases.ThreadCounts);
    Console.WriteLine();
    Console.WriteLine(LeNetBench.Markdown(lenet));
    Console.WriteLine($"1-minute load average during the run: {loadSampler.Summary()}");
    return lenet.Count == ConvCases.ThreadCounts.Count ? 0 : 1;
}
if (interleavedOnly)
{
    Console.WriteLine("ConvGen vs its peers, timed in alternation ...");
    var interleaved = InterleavedComparison.Run();
    Console.WriteLine();
    Console.WriteLine(InterleavedComparison.Markdown(interleaved));
    Console.WriteLine($"1-minute load average during the run: {loadSampler.Summary()}");
    return 0;
}
if (coldOnly)
{
    Console.WriteLine("First call after an idle pause vs the calls after it ...");
    var cold = ColdCalls.Run();
    Console.WriteLine();
    Console.WriteLine(ColdCalls.Markdown(cold));
    Console.WriteLine($"1-minute load average during the run: {loadSampler.Summary()}");
    return 0;
}
if (allocOnly)
{
    Console.WriteLine("Allocated bytes per steady-state call of the generated span overloads ...");
    AllocationProbe.Run();
    return 0;
}

Console.WriteLine("Measuring peak FLOP/s ...");
MeasuredPeak.Measure(ConvCases.ThreadCounts);
foreach (PeakResult p in MeasuredPeak.All)
    Console.WriteLine($"  {p.Threads} thread(s): {p.GFlops:F1} GFLOP/s ({p.Isa})");
if (peakOnly) return 0;

int count = ConvCases.Selected().Count();
Console.WriteLine($"{count} case(s) selected.");
if (count == 0) return 1;

Console.WriteLine("Checking outputs and gradients against Im2ColConv2d ...");
int disagreements = OutputCheck.Run();
if (disagreements > 0)
    Console.WriteLine($"Warning: {disagreements} engine/shape/thread-count check(s) disagree; their timings are for wrong answers.");
if (checkOnly) return disagreements == 0 ? 0 : 1;

IReadOnlyList<AllocationResult> allocations = [];
IReadOnlyList<LeNetStepResult> lenetResults = [];
if (report)
{
    Console.WriteLine("Allocated bytes per steady-state call of the generated span overloads ...");
    allocations = AllocationProbe.Run();
    Console.WriteLine("LeNet-5 training step (batch 64), ConvGen vs libtorch ...");
    lenetResults = LeNetBench.Run(ConvCases.ThreadCounts);
}

var config = BenchConfig.Create(quick);
Summary summary = rest.Count == 0
    ? BenchmarkRunner.Run<ConvBenchmarks>(config)
    : BenchmarkSwitcher.FromTypes([typeof(ConvBenchmarks)]).Run([.. rest], config).Single();

string table = MarkdownReport.Build(summary, loadAtStart, MachineLoad.OneMinute());
IReadOnlyList<InterleavedResult> interleavedResults = [];
if (report)
{
    Console.WriteLine("ConvGen vs its peers, timed in alternation ...");
    interleavedResults = InterleavedComparison.Run();
}
Console.WriteLine();
Console.WriteLine(table);
string path = Path.Combine(summary.ResultsDirectoryPath, quick ? "ConvGen-quick.md" : "ConvGen-full.md");
File.WriteAllText(path, table);
Console.WriteLine($"Written to {path}");

if (report)
{
    var sb = new StringBuilder();
    sb.AppendLine("# ConvGen benchmark results (quick mode)");
    sb.AppendLine();
    sb.AppendLine("Produced by `dotnet run -c Release --project benchmarks/ConvGen.Benchmarks -- --report` (see benchmarks/README.md).");
    sb.AppendLine();
    sb.Append(MachineInfo.Markdown());
    sb.AppendLine($"- 1-minute load average during the run: {loadSampler.Summary()} (the run itself adds up to its thread count)");
    sb.AppendLine();
    sb.AppendLine("## Convolutions");
    sb.AppendLine();
    sb.Append(table);
    sb.AppendLine();
    sb.AppendLine("## ConvGen vs the best peer, timed in alternation");
    sb.AppendLine();
    sb.AppendLine("The same runners after BenchmarkDotNet, in one process: per shape, pass and thread count, 15 rounds in which every engine times a "
        + "~20 ms block of calls (the first engine rotating), so all sample the same moments of the machine's load. Times are medians over the rounds; "
        + "the ratio is the median of the per-round ratios ConvGen / faster peer, with the 25th-75th percentile range (see Reporting/InterleavedComparison.cs).");
    sb.AppendLine();
    sb.Append(InterleavedComparison.Markdown(interleavedResults));
    sb.AppendLine();
    sb.AppendLine("## Correctness pre-check (max |error| / max(1, max|expected|) vs Im2ColConv2d, y and the three gradients, tolerance 1e-3)");
    sb.AppendLine();
    sb.AppendLine("```");
    foreach (string line in OutputCheck.Lines) sb.AppendLine(line);
    sb.AppendLine("```");
    sb.AppendLine();
    sb.AppendLine("## LeNet-5 training step, batch 64 (forward + cross-entropy + backward + SGD momentum 0.9)");
    sb.AppendLine();
    sb.AppendLine("ConvGen: generated C1/C3 + runtime ReLU, MaxPool2d, Flatten, Linear, CrossEntropyLoss, Sgd (as samples/LeNet). libtorch: the same "
        + "network in TorchSharp float32, same initial weights and batch. Each thread count runs in its own process with "
        + "DOTNET_PROCESSOR_COUNT = threads (ParallelRunner.MaxThreads, which the runtime layers' loops use, defaults to Environment.ProcessorCount) and torch.set_num_threads(threads). "
        + "images/s: median of 7 timed blocks (best in brackets).");
    sb.AppendLine();
    sb.Append(LeNetBench.Markdown(lenetResults));
    sb.AppendLine();
    sb.AppendLine("## Allocations of the generated span overloads (bytes per steady-state call)");
    sb.AppendLine();
    sb.AppendLine("Calling thread: GC.GetAllocatedBytesForCurrentThread; all threads: GC.GetTotalAllocatedBytes(precise: true), which sees the "
        + "ParallelRunner worker threads. The table above shows BenchmarkDotNet's MemoryDiagnoser figure for the same calls.");
    sb.AppendLine();
    sb.Append(AllocationProbe.Markdown(allocations));
    string target = outFile ?? Path.Combine(RepoRoot(), "benchmarks", "results", "latest.md");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
    File.WriteAllText(target, sb.ToString());
    Console.WriteLine($"Report written to {Path.GetFullPath(target)}");
}
return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;

// The repository root: the nearest directory holding ConvGen.slnx, from the working directory, then from the binary.
static string RepoRoot()
{
    foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ConvGen.slnx"))) return d.FullName;
    return Directory.GetCurrentDirectory();
}
