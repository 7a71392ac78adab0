using System;
using System.Collections.Generic;

namespace ConvGen.Data
{
    /// <summary>
    /// Splits a dataset into mini-batches, reshuffled every epoch when <c>shuffle</c> is on. The shuffles come from one
    /// <see cref="Random"/> seeded once, so the n-th call to <see cref="Epoch"/> yields the same batches for the same seed.
    /// The last batch is smaller when the size does not divide, unless <c>dropLast</c> is set.
    /// </summary>
    public sealed class DataLoader
    {
        private readonly Random _random;
        private readonly int[] _order;

        /// <summary>Creates a loader over <paramref name="dataset"/>.</summary>
        public DataLoader(ImageDataset dataset, int batchSize, bool shuffle = true, int seed = 0, bool dropLast = false)
        {
            ArgumentNullException.ThrowIfNull(dataset);
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
            Dataset = dataset;
            BatchSize = batchSize;
            Shuffle = shuffle;
            DropLast = dropLast;
            _random = new Random(seed);
            _order = new int[dataset.Count];
        }

        /// <summary>The examples batched.</summary>
        public ImageDataset Dataset { get; }
        /// <summary>Examples per batch.</summary>
        public int BatchSize { get; }
        /// <summary>Whether each epoch visits the examples in a new random order.</summary>
        public bool Shuffle { get; }
        /// <summary>Whether an incomplete last batch is skipped.</summary>
        public bool DropLast { get; }

        /// <summary>Batches per epoch.</summary>
        public int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

        /// <summary>The batches of the next epoch (the order is drawn when enumeration starts).</summary>
        public IEnumerable<Batch> Epoch()
        {
            for (int i = 0; i < _order.Length; i++) _order[i] = i;
            if (Shuffle) _random.Shuffle(_order);
            int[] order = (int[])_order.Clone();
            return Batches(order);
        }

        private IEnumerable<Batch> Batches(int[] order)
        {
            for (int b = 0; b < BatchCount; b++)
            {
                int start = b * BatchSize, count = Math.Min(BatchSize, order.Length - start);
                yield return Dataset.Gather(order.AsSpan(start, count));
            }
        }
    }
}
