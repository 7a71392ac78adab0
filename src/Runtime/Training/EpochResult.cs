using System;

namespace ConvGen.Training
{
    /// <summary>Summary of one finished epoch.</summary>
    /// <param name="Epoch">Epoch number, from 1.</param>
    /// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
    /// <param name="TrainAccuracy">Training accuracy over the epoch, in [0, 1].</param>
    /// <param name="ImagesPerSecond">Training throughput (excluding evaluation).</param>
    /// <param name="Duration">Wall time of the epoch's training (excluding evaluation).</param>
    /// <param name="Test">Test-set evaluation after the epoch, or null without a test set.</param>
    public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double ImagesPerSecond, TimeSpan Duration, Evaluation? Test);
}
