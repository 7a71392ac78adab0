namespace ConvGen.Training
{
    /// <summary>Settings of a <see cref="Trainer.Fit"/> run.</summary>
    public sealed class TrainerOptions
    {
        /// <summary>Passes over the training set (default 3).</summary>
        public int Epochs { get; init; } = 3;

        /// <summary>Examples per mini-batch (default 64).</summary>
        public int BatchSize { get; init; } = 64;

        /// <summary>Seed of the per-epoch shuffling (default 0); with the same initial weights the run is repeatable.</summary>
        public int Seed { get; init; }

        /// <summary>Batch size used for evaluation, which needs no gradients (default 500).</summary>
        public int EvaluationBatchSize { get; init; } = 500;
    }
}
