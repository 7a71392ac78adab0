using System;
using System.IO;
using System.Linq;
using ConvGen.Oracle;
using ConvGen.Tools.TorchOracle;
using TorchSharp;

// TorchOracle: computes the conv2d oracle (tests/oracle/conv2d) with libtorch in float64. See README.md.
// usage: TorchOracle [--out DIR]   (default: tests/oracle/conv2d of the repository this tool lives in)

string outDir = args.Length == 2 && args[0] == "--out" ? args[1] : FindRepositoryOracleDirectory();
if (args.Length != 0 && args.Length != 2)
{
    Console.Error.WriteLine("usage: TorchOracle [--out DIR]");
    return 2;
}
Directory.CreateDirectory(outDir);
torch.set_num_threads(1);
string source = $"libtorch {torch.__version__} via TorchSharp, float64, F.pad + F.conv2d + autograd; stored as float32";
var index = new OracleIndex(OracleFiles.CurrentFormat, source, OracleCaseList.All);

int disagreements = 0;
foreach (OracleCaseParameters p in index.Cases)
{
    ConvResult result = TorchConv2d.Run(p);
    double vsNaive = SelfCheck.AgainstNaive(p, result);
    bool ok = vsNaive <= OracleCompare.Tolerance;
    if (!ok) disagreements++;
    Console.WriteLine($"{p.Name,-28} x[{p.Batch},{p.InChannels},{p.Height},{p.Width}] -> y[{p.Batch},{p.OutChannels},{p.OutputHeight},{p.OutputWidth}]"
        + $"  naive vs torch {vsNaive:E1}{(ok ? "" : "  <-- DISAGREES")}");
    OracleWriter.WriteCase(outDir, p, result);
}
OracleWriter.WriteIndex(outDir, index);
foreach (string stale in OracleWriter.DeleteStale(outDir, index))
    Console.WriteLine($"deleted stale {stale}");

long bytes = Directory.GetFiles(outDir, "*.json").Sum(f => new FileInfo(f).Length);
Console.WriteLine($"{index.Cases.Count} cases written to {outDir} ({bytes / 1024.0:F0} KiB).");
if (disagreements > 0)
    Console.WriteLine($"WARNING: NaiveConv2d disagrees with libtorch on {disagreements} case(s); the files hold libtorch's answer.");
return disagreements == 0 ? 0 : 1;

static string FindRepositoryOracleDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "tests", "oracle", "OracleData.cs")))
            return Path.Combine(dir.FullName, "tests", "oracle", "conv2d");
    throw new DirectoryNotFoundException("Run from inside the ConvGen repository or pass --out DIR.");
}
