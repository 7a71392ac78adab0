using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using ConvGen;
using ConvGen.Checkpoints;
using ConvGen.Data;
using ConvGen.Optimizers;
using ConvGen.Samples.LeNet;
using ConvGen.Training;

Options options;
try
{
    if (Array.Exists(args, a => a is "-h" or "--help")) { Console.WriteLine(Options.Usage); return 0; }
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var total = Stopwatch.StartNew();
ImageDataset train, test;
try
{
    train = Mnist.Load(options.DataDirectory, train: true);
    test = Mnist.Load(options.DataDirectory, train: false);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot load MNIST: {e.Message}");
    return 2;
}
Console.WriteLine($"MNIST from {Path.GetFullPath(options.DataDirectory)}: {train.Count} training and {test.Count} test images");

Rng.ManualSeed(options.Seed);
var model = LeNet5.Create();
long parameterCount = 0;
foreach (var p in model.Parameters) parameterCount += p.Value.Length;
Console.WriteLine($"LeNet-5: {parameterCount:N0} parameters; SGD lr {options.LearningRate} momentum 0.9; batch {options.BatchSize}; {options.Epochs} epochs");

// Ctrl+C stops after the current batch; the model trained so far is still saved.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var trainer = new Trainer(model, new Sgd(model.Parameters, options.LearningRate, momentum: 0.9f));
IReadOnlyList<EpochResult> epochs;
try
{
    epochs = trainer.Fit(train, test, new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed },
        new ConsoleProgress(), cancel.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine();
    Console.WriteLine("Cancelled.");
    return 1;
}

Directory.CreateDirectory(options.OutputDirectory);
string checkpoint = Path.Combine(options.OutputDirectory, "lenet5.safetensors");
SafeTensors.Save(checkpoint, model.Parameters, new Dictionary<string, string>
{
    ["model"] = "LeNet-5",
    ["epochs"] = options.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["test_accuracy"] = epochs[^1].Test!.Accuracy.ToString("F4", System.Globalization.CultureInfo.InvariantCulture),
});
Plots.Loss(epochs, Path.Combine(options.OutputDirectory, "loss.png"));
Plots.Accuracy(epochs, Path.Combine(options.OutputDirectory, "accuracy.png"));
Plots.Filters(((C1)model[0]).Weight, Path.Combine(options.OutputDirectory, "c1-filters.png"));

Console.WriteLine($"Final test accuracy: {epochs[^1].Test!.Accuracy:P2} ({epochs[^1].Test!.Correct}/{epochs[^1].Test!.Count})");
Console.WriteLine($"Saved {checkpoint} and plots (loss.png, accuracy.png, c1-filters.png) in {Path.GetFullPath(options.OutputDirectory)}");
Console.WriteLine($"Total time {total.Elapsed.TotalSeconds:F1} s");
return 0;
