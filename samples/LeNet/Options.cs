using System;
using System.Globalization;
using System.IO;

namespace ConvGen.Samples.LeNet
{
    /// <summary>Command-line options of the sample.</summary>
    internal sealed record Options(int Epochs, int BatchSize, float LearningRate, int Seed, string DataDirectory, string OutputDirectory)
    {
        public const string Usage = """
            Trains LeNet-5 on MNIST digits with generated convolution kernels.

            Options:
              --epochs N       passes over the training set (default 6)
              --batch-size N   images per mini-batch (default 64)
              --lr X           SGD learning rate, momentum 0.9 (default 0.03)
              --seed N         seed for weights and shuffling (default 1)
              --data DIR       folder with MNIST IDX files (default: the bundled data/mnist digits)
              --out DIR        where the checkpoint and plots go (default: samples/LeNet/out)
            """;

        /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message on bad input.</summary>
        public static Options Parse(string[] args)
        {
            string root = FindRepositoryRoot();
            var options = new Options(6, 64, 0.03f, 1, Path.Combine(root, "data", "mnist"), Path.Combine(root, "samples", "LeNet", "out"));
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                options = args[i] switch
                {
                    "--epochs" => options with { Epochs = Positive(Value(), "--epochs") },
                    "--batch-size" => options with { BatchSize = Positive(Value(), "--batch-size") },
                    "--lr" => options with { LearningRate = float.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) && lr > 0 ? lr : throw new ArgumentException("--lr needs a positive number.") },
                    "--seed" => options with { Seed = int.TryParse(Value(), CultureInfo.InvariantCulture, out int seed) ? seed : throw new ArgumentException("--seed needs an integer.") },
                    "--data" => options with { DataDirectory = Value() },
                    "--out" => options with { OutputDirectory = Value() },
                    _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
                };
            }
            return options;
        }

        private static int Positive(string text, string name)
            => int.TryParse(text, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"{name} needs a positive integer, got '{text}'.");

        /// <summary>The folder holding <c>data/mnist</c>, searched upwards from the working directory and the executable.</summary>
        private static string FindRepositoryRoot()
        {
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (Directory.Exists(Path.Combine(dir.FullName, "data", "mnist"))) return dir.FullName;
            return Directory.GetCurrentDirectory();
        }
    }
}
