using System;

namespace ConvGen.Training
{
    /// <summary>What the <see cref="Trainer"/> reports after every batch, and once more at the end of each epoch.</summary>
    /// <param name="Epoch">Current epoch, from 1.</param>
    /// <param name="Epochs">Total epochs of the run.</param>
    /// <param name="Batch">Batches finished in this epoch.</param>
    /// <param name="Batches">Batches per epoch.</param>
    /// <param name="Loss">Mean training loss over the batches of this epoch so far.</param>
    /// <param name="Accuracy">Training accuracy over this epoch so far, in [0, 1].</param>
    /// <param name="ImagesPerSecond">Training throughput in this epoch so far (forward, backward and update).</param>
    /// <param name="Elapsed">Time since training started.</param>
    /// <param name="Test">The epoch's test evaluation, set only on the end-of-epoch report when a test set was given.</param>
    /// <param name="IsEpochEnd">True on the one report after the epoch (and its evaluation) finished.</param>
    public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy,
        double ImagesPerSecond, TimeSpan Elapsed, Evaluation? Test, bool IsEpochEnd);
}
