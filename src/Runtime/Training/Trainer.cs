using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;
using ConvGen.Data;
using ConvGen.Losses;
using ConvGen.Optimizers;

namespace ConvGen.Training
{
    /// <summary>
    /// The classic mini-batch loop for classifiers: for each batch, zero the gradients, run forward, compute the loss,
    /// run backward and let the optimizer step; after each epoch, evaluate on the test set.
    /// </summary>
    /// <remarks>
    /// Progress goes to an <see cref="IProgress{T}"/> on the training thread. <see cref="Progress{T}"/> would post the
    /// reports to the thread pool out of order in a console app; implement <see cref="IProgress{T}"/> directly for a
    /// synchronous display.
    /// </remarks>
    public sealed class Trainer
    {
        /// <summary>Creates a trainer; <paramref name="loss"/> defaults to <see cref="CrossEntropyLoss"/>.</summary>
        public Trainer(ILayer model, Optimizer optimizer, IClassificationLoss? loss = null)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(optimizer);
            Model = model;
            Optimizer = optimizer;
            Loss = loss ?? new CrossEntropyLoss();
        }

        /// <summary>The model trained.</summary>
        public ILayer Model { get; }
        /// <summary>The optimizer updating the model's parameters.</summary>
        public Optimizer Optimizer { get; }
        /// <summary>The loss minimised.</summary>
        public IClassificationLoss Loss { get; }

        /// <summary>
        /// Trains for <see cref="TrainerOptions.Epochs"/> epochs and returns one summary per epoch. Cancelling
        /// <paramref name="cancellationToken"/> stops between batches with <see cref="OperationCanceledException"/>.
        /// While it runs, the model is told it need not compute its input gradient (<see cref="ILayer.SetInputGradientRequired"/>);
        /// afterwards it is required again.
        /// </summary>
        public IReadOnlyList<EpochResult> Fit(ImageDataset train, ImageDataset? test, TrainerOptions? options = null,
            IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(train);
            options ??= new TrainerOptions();
            if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be at least 1.");
            var loader = new DataLoader(train, options.BatchSize, shuffle: true, seed: options.Seed);
            var results = new List<EpochResult>(options.Epochs);
            var total = Stopwatch.StartNew();

            // The input gradient of the first layer is thrown away here (the input is data), so the model may skip it.
            Model.SetInputGradientRequired(false);
            try
            {
                for (int epoch = 1; epoch <= options.Epochs; epoch++)
                {
                    Model.SetTraining(true);
                    var clock = Stopwatch.StartNew();
                    double lossSum = 0;
                    int correct = 0, seen = 0, batch = 0;
                    foreach (Batch b in loader.Epoch())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Optimizer.ZeroGrad();
                        Tensor logits = Model.Forward(b.Images);
                        float loss = Loss.Forward(logits, b.Labels);
                        Model.Backward(Loss.Backward());
                        Optimizer.Step();

                        lossSum += loss * b.Count;
                        correct += CountCorrect(logits, b.Labels);
                        seen += b.Count;
                        batch++;
                        progress?.Report(new TrainingProgress(epoch, options.Epochs, batch, loader.BatchCount, lossSum / seen,
                            (double)correct / seen, seen / clock.Elapsed.TotalSeconds, total.Elapsed, null, false));
                    }
                    clock.Stop();
                    double imagesPerSecond = seen / clock.Elapsed.TotalSeconds;
                    Evaluation? evaluation = test is null ? null : Evaluate(test, options.EvaluationBatchSize, cancellationToken);
                    var result = new EpochResult(epoch, lossSum / seen, (double)correct / seen, imagesPerSecond, clock.Elapsed, evaluation);
                    results.Add(result);
                    progress?.Report(new TrainingProgress(epoch, options.Epochs, batch, loader.BatchCount, result.TrainLoss,
                        result.TrainAccuracy, imagesPerSecond, total.Elapsed, evaluation, true));
                }
            }
            finally
            {
                Model.SetInputGradientRequired(true);
            }
            Model.SetTraining(true);
            return results;
        }

        /// <summary>Loss and accuracy of the model on <paramref name="data"/>, in evaluation mode and without touching gradients.</summary>
        public Evaluation Evaluate(ImageDataset data, int batchSize = 500, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(data);
            var loader = new DataLoader(data, batchSize, shuffle: false);
            Model.SetTraining(false);
            try
            {
                double lossSum = 0;
                int correct = 0;
                foreach (Batch b in loader.Epoch())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Tensor logits = Model.Forward(b.Images);
                    lossSum += Loss.Forward(logits, b.Labels) * b.Count;
                    correct += CountCorrect(logits, b.Labels);
                }
                int count = Math.Max(data.Count, 1);
                return new Evaluation(lossSum / count, (double)correct / count, correct, data.Count);
            }
            finally
            {
                Model.SetTraining(true);
            }
        }

        /// <summary>How many rows of <paramref name="logits"/> <c>[N, C]</c> have their maximum at the label.</summary>
        public static int CountCorrect(Tensor logits, ReadOnlySpan<int> labels)
        {
            ArgumentNullException.ThrowIfNull(logits);
            if (logits.Rank != 2 || logits.Dim(0) != labels.Length)
                throw new ArgumentException($"Expected logits of shape [{labels.Length}, C], got {logits.ShapeString}.", nameof(logits));
            int c = logits.Dim(1), correct = 0;
            for (int i = 0; i < labels.Length; i++)
                if (TensorPrimitives.IndexOfMax(logits.AsSpan().Slice(i * c, c)) == labels[i]) correct++;
            return correct;
        }
    }
}
