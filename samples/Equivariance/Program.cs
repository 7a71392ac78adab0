using System;
using System.Globalization;
using System.IO;
using ConvGen;
using ConvGen.Data;
using ConvGen.Layers;
using ConvGen.Samples.Equivariance;

// Course note: "Convolution by itself has the property equivariance: if a feature is translated a little bit, output values
// move by the same translation. The combination [with pooling] adds some invariance to translation: output values remain
// the same." This sample measures both on a real MNIST digit with a generated convolution (Sobel edge filters).

string root = FindRepositoryRoot();
string dataDirectory = Path.Combine(root, "data", "mnist"), outputDirectory = Path.Combine(root, "samples", "Equivariance", "out");
int index = 0;
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        switch (args[i])
        {
            case "--data": dataDirectory = Value(); break;
            case "--out": outputDirectory = Value(); break;
            case "--index":
                string text = Value();
                index = int.TryParse(text, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n : throw new ArgumentException($"--index needs a non-negative integer, got '{text}'.");
                break;
            case "-h" or "--help":
                Console.WriteLine("Usage: dotnet run -c Release --project samples/Equivariance [--index N] [--data DIR] [--out DIR]");
                Console.WriteLine("  --index N   which test digit (default 0)   --data DIR   MNIST IDX folder (default data/mnist)   --out DIR   PNG folder");
                return 0;
            default: throw new ArgumentException($"Unknown option '{args[i]}'.");
        }
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// One digit from the test split, read with ConvGen's IDX reader, scaled to [0, 1] (background exactly 0).
byte[] pixels, labels;
int count, size;
try
{
    string imagesPath = FindIdx(dataDirectory, "t10k-images-idx3-ubyte"), labelsPath = FindIdx(dataDirectory, "t10k-labels-idx1-ubyte");
    (pixels, count, size, _) = IdxReader.ReadImages(imagesPath);
    labels = IdxReader.ReadLabels(labelsPath);
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot read MNIST from '{dataDirectory}': {e.Message}");
    return 2;
}
if (index >= count)
{
    Console.Error.WriteLine($"--index {index} is out of range: the test split holds {count} digits.");
    return 2;
}
var x = new Tensor(1, 1, size, size);
Mnist.ToFloats(pixels.AsSpan(index * size * size, size * size), x.AsSpan(), normalize: false);

var conv = EdgeFilters.CreateSobel();
var pool = new MaxPool2d(2);
Tensor y = conv.Forward(x);
Tensor pooled = pool.Forward(y);

Console.WriteLine($"MNIST test digit #{index} (label {labels[index]}), {size}x{size}, pixels in [0, 1]");
Console.WriteLine($"conv: generated EdgeFilters, 1 -> 2 channels (Sobel x, Sobel y), 3x3, stride 1, pad 1: {size}x{size} -> "
    + $"{EdgeFilters.OutputHeight(size)}x{EdgeFilters.OutputWidth(size)}; then MaxPool2d(2): -> {pooled.Dim(2)}x{pooled.Dim(3)}");
Console.WriteLine("Compared on positions whose receptive field stays inside the image before and after the shift.");
Console.WriteLine("'active' = positions that are non-zero in either map (the rest is blank background, trivially unchanged).");
Console.WriteLine();
var pool4 = new MaxPool2d(4);
Tensor pooled4 = pool4.Forward(y);
Console.WriteLine("          equivariance of the conv           outputs unchanged in place: all / active                      global max");
Console.WriteLine("shift     max|conv(shift x) - shift(conv x)|  conv              conv+MaxPool2d(2)  conv+MaxPool2d(4)  per channel   pool(2) map moved by (dy/2, dx/2)");
(int Dy, int Dx)[] shifts = [(0, 0), (0, 1), (1, 0), (1, 1), (0, 2), (2, 0), (2, 2), (1, 2), (3, 3), (4, 4)];
foreach (var (dy, dx) in shifts)
{
    Tensor xs = Shifts.Shift(x, dy, dx);
    Tensor ys = conv.Forward(xs);
    Tensor pooledShifted = pool.Forward(ys);
    Comparison equivariance = Shifts.Compare(y, ys, size, 3, 1, 1, dy, dx, dy, dx);
    Comparison convInPlace = Shifts.Compare(y, ys, size, 3, 1, 1, dy, dx, 0, 0);
    Comparison pooledInPlace = Shifts.Compare(pooled, pooledShifted, size, 4, 2, 1, dy, dx, 0, 0);
    Comparison pooled4InPlace = Shifts.Compare(pooled4, pool4.Forward(ys), size, 6, 4, 1, dy, dx, 0, 0);
    bool globalSame = GlobalMax(y, 0) == GlobalMax(ys, 0) && GlobalMax(y, 1) == GlobalMax(ys, 1);
    string moved = dy % 2 == 0 && dx % 2 == 0
        ? $"max error {Shifts.Compare(pooled, pooledShifted, size, 4, 2, 1, dy, dx, dy / 2, dx / 2).MaxError:0.0e+0}"
        : "-";
    Console.WriteLine($"({dy}, {dx})    {equivariance.MaxError,6:0.0e+0} over {equivariance.Count,4} outputs          "
        + $"{convInPlace.UnchangedFraction,5:P0} / {convInPlace.ActiveUnchangedFraction,7:P1}   "
        + $"{pooledInPlace.UnchangedFraction,5:P0} / {pooledInPlace.ActiveUnchangedFraction,7:P1}  "
        + $"{pooled4InPlace.UnchangedFraction,5:P0} / {pooled4InPlace.ActiveUnchangedFraction,7:P1}  "
        + $"{(globalSame ? "unchanged" : "changed"),-12}  {moved}");
}

Directory.CreateDirectory(outputDirectory);
string png = Path.Combine(outputDirectory, "equivariance.png");
Figure.Write(x, conv, pool, [(0, 1), (2, 2)], labels[index], index, png);
Console.WriteLine();
Console.WriteLine($"Figure: {Path.GetFullPath(png)}");
return 0;

static float GlobalMax(Tensor t, int channel)
    => System.Numerics.Tensors.TensorPrimitives.Max(t.AsSpan().Slice(channel * t.Dim(2) * t.Dim(3), t.Dim(2) * t.Dim(3)));

static string FindIdx(string directory, string name)
{
    foreach (string candidate in new[] { name, name + ".gz" })
        if (File.Exists(Path.Combine(directory, candidate))) return Path.Combine(directory, candidate);
    throw new FileNotFoundException($"Neither '{name}' nor '{name}.gz' exists in '{Path.GetFullPath(directory)}'.");
}

static string FindRepositoryRoot()
{
    foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "data", "mnist"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
