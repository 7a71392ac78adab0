using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Data;
using ConvGen.Layers;
using ConvGen.Optimizers;
using ConvGen.Training;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class TrainingTests
    {
        private static readonly ImageDataset Train = Mnist.Load(TestData.MnistDirectory, train: true).Slice(0, 3000);
        private static readonly ImageDataset Test = Mnist.Load(TestData.MnistDirectory, train: false).Slice(0, 1000);

        private static Sequential Mlp(int seed)
        {
            var random = new Random(seed);
            return new Sequential(new Flatten(), new Linear(784, 64, random: random), new ReLU(), new Linear(64, 10, random: random));
        }

        private static IReadOnlyList<EpochResult> Fit(int seed, int epochs, IProgress<TrainingProgress>? progress = null)
        {
            var model = Mlp(seed);
            var trainer = new Trainer(model, new Sgd(model.Parameters, 0.05f, momentum: 0.9f));
            return trainer.Fit(Train, Test, new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = seed }, progress);
        }

        [Fact]
        public void Mlp_LearnsDigits()
        {
            var results = Fit(seed: 1, epochs: 3);
            Assert.Equal(3, results.Count);
            Assert.True(results[^1].TrainLoss < results[0].TrainLoss, string.Join(", ", results.Select(r => r.TrainLoss)));
            Assert.True(results[^1].Test!.Accuracy > 0.88, $"test accuracy {results[^1].Test!.Accuracy}");
        }

        [Fact]
        public void SameSeed_SameLossCurve_OtherSeedDiffers()
        {
            double[] Curve(int seed) => Fit(seed, 2).SelectMany(r => new[] { r.TrainLoss, r.Test!.Loss }).ToArray();
            Assert.Equal(Curve(5), Curve(5));
            Assert.NotEqual(Curve(5), Curve(6));
        }

        [Fact]
        public void Progress_ReportsEveryBatch_AndEpochEnds()
        {
            var reports = new List<TrainingProgress>();
            Fit(2, 2, new SyncProgress(reports.Add));
            int batches = (Train.Count + 31) / 32;
            Assert.Equal(2 * (batches + 1), reports.Count);
            var ends = reports.Where(r => r.IsEpochEnd).ToList();
            Assert.Equal(new[] { 1, 2 }, ends.Select(r => r.Epoch));
            Assert.All(ends, r => Assert.NotNull(r.Test));
            Assert.All(reports, r => Assert.True(r.ImagesPerSecond > 0 && r.Loss > 0));
        }

        [Fact]
        public void Cancellation_StopsBetweenBatches()
        {
            var model = Mlp(3);
            var trainer = new Trainer(model, new Sgd(model.Parameters, 0.05f));
            using var cts = new CancellationTokenSource();
            int seen = 0;
            var progress = new SyncProgress(p => { if (++seen == 5) cts.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(Train, Test, new TrainerOptions { Epochs = 5 }, progress, cts.Token));
            Assert.Equal(5, seen);
        }

        [Fact]
        public void Evaluate_CountsArgmaxHits()
        {
            var logits = new Tensor(new float[] { 0, 5, 1, 9, 2, 3 }, 3, 2);
            Assert.Equal(2, Trainer.CountCorrect(logits, [1, 0, 1]));
        }

        private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
        {
            public void Report(TrainingProgress value) => report(value);
        }
    }
}
