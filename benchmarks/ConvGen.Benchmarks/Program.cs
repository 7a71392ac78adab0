using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConvGen.Benchmarks.Bench;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Peak;
using ConvGen.Benchmarks.Reporting;

// ConvGen.Benchmarks: see ../README.md.
//   --quick            short runs of every case, then a markdown table (a few minutes)
//   --peak             only the peak-FLOPS probe
//   --shape S          only shapes whose name contains S (repeatable), e.g. --shape lenet --shape pointwise
//   --engine E         only engine E (repeatable): Generated, Im2Col, Naive, OnnxRuntime, LibTorch
//   --pass P           only Forward or ForwardBackward
//   --check            only the output/gradient check of every engine against Im2ColConv2d
// Other arguments go to BenchmarkDotNet (full mode).

bool quick = false, peakOnly = false, checkOnly = false;
var rest = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--peak": peakOnly = true; break;
        case "--check": checkOnly = true; break;
        case "--shape" when i + 1 < args.Length: ConvCases.ShapeFilter.Add(args[++i]); break;
        case "--engine" when i + 1 < args.Length: ConvCases.EngineFilter.Add(Enum.Parse<Engine>(args[++i], ignoreCase: true)); break;
        case "--pass" when i + 1 < args.Length: ConvCases.PassFilter = Enum.Parse<Pass>(args[++i], ignoreCase: true); break;
        default: rest.Add(args[i]); break;
    }
}

double? loadAtStart = MachineLoad.OneMinute();
if (loadAtStart > 0.5)
    Console.WriteLine($"Warning: 1-minute load average is {loadAtStart:F2}; other work on this machine will skew the results.");
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
    Console.WriteLine($"Warning: {disagreements} engine/shape pair(s) disagree; their timings are for wrong answers.");
if (checkOnly) return disagreements == 0 ? 0 : 1;

var config = BenchConfig.Create(quick);
Summary summary = rest.Count == 0
    ? BenchmarkRunner.Run<ConvBenchmarks>(config)
    : BenchmarkSwitcher.FromTypes([typeof(ConvBenchmarks)]).Run([.. rest], config).Single();

string table = MarkdownReport.Build(summary, loadAtStart, MachineLoad.OneMinute());
Console.WriteLine();
Console.WriteLine(table);
string path = Path.Combine(summary.ResultsDirectoryPath, quick ? "ConvGen-quick.md" : "ConvGen-full.md");
File.WriteAllText(path, table);
Console.WriteLine($"Written to {path}");
return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
