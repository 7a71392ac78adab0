using System;
using ConvGen.Training;

namespace ConvGen.Samples.LeNet
{
    /// <summary>
    /// Shows training progress: a live bar redrawn in place on a terminal, and one line per epoch. When output is
    /// redirected (a file, a pipe, CI logs) only the epoch lines are written, so logs stay clean.
    /// </summary>
    internal sealed class ConsoleProgress : IProgress<TrainingProgress>
    {
        private const int BarWidth = 30;
        private readonly bool _live = !Console.IsOutputRedirected;

        public void Report(TrainingProgress p)
        {
            if (p.IsEpochEnd)
            {
                if (_live) Console.Write("\r" + new string(' ', Math.Max(Console.WindowWidth - 1, 0)) + "\r");
                string test = p.Test is null ? "" : $"  test loss {p.Test.Loss:F4}  test accuracy {p.Test.Accuracy:P2}";
                Console.WriteLine($"epoch {p.Epoch}/{p.Epochs}  train loss {p.Loss:F4}  train accuracy {p.Accuracy:P2}{test}  {p.ImagesPerSecond:N0} images/s");
                return;
            }
            if (!_live) return;
            int filled = p.Batch * BarWidth / p.Batches;
            Console.Write($"\repoch {p.Epoch}/{p.Epochs} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {p.Batch}/{p.Batches}  loss {p.Loss:F4}  acc {p.Accuracy:P1}  {p.ImagesPerSecond:N0} img/s ");
        }
    }
}
