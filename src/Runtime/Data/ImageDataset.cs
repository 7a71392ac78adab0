using System;

namespace ConvGen.Data
{
    /// <summary>Labelled images held in memory: <see cref="Images"/> is <c>[N, C, H, W]</c>, <see cref="Labels"/> has N class indices.</summary>
    public sealed class ImageDataset
    {
        /// <summary>Wraps images and labels (no copy); the label count must equal the first image dimension.</summary>
        public ImageDataset(Tensor images, int[] labels)
        {
            ArgumentNullException.ThrowIfNull(images);
            ArgumentNullException.ThrowIfNull(labels);
            if (images.Rank != 4)
                throw new ArgumentException($"Images must have rank 4 [N, C, H, W], got shape {images.ShapeString}.", nameof(images));
            if (labels.Length != images.Dim(0))
                throw new ArgumentException($"{labels.Length} labels for images of shape {images.ShapeString} (expected {images.Dim(0)}).", nameof(labels));
            Images = images;
            Labels = labels;
        }

        /// <summary>All images, <c>[N, C, H, W]</c>.</summary>
        public Tensor Images { get; }

        /// <summary>The class of each image.</summary>
        public int[] Labels { get; }

        /// <summary>Number of examples N.</summary>
        public int Count => Labels.Length;

        /// <summary>Shape of one example, <c>[C, H, W]</c>.</summary>
        public int[] ExampleShape => [Images.Dim(1), Images.Dim(2), Images.Dim(3)];

        /// <summary>A copy of examples <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
        public ImageDataset Slice(int start, int count)
        {
            if (start < 0 || count < 0 || start > Count - count)
                throw new ArgumentOutOfRangeException(nameof(count), $"Slice [{start}, {start} + {count}) is outside the {Count} examples.");
            int size = Images.Length / Math.Max(Count, 1);
            var images = Tensor.FromSpan(Images.AsSpan().Slice(start * size, count * size), [count, .. ExampleShape]);
            return new ImageDataset(images, Labels.AsSpan(start, count).ToArray());
        }

        /// <summary>Gathers the examples at <paramref name="indices"/> into one batch.</summary>
        public Batch Gather(ReadOnlySpan<int> indices)
        {
            int size = Images.Length / Math.Max(Count, 1);
            var images = new Tensor([indices.Length, .. ExampleShape]);
            var labels = new int[indices.Length];
            ReadOnlySpan<float> src = Images.AsSpan();
            Span<float> dst = images.AsSpan();
            for (int i = 0; i < indices.Length; i++)
            {
                int k = indices[i];
                if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), k, $"Index {k} is outside the {Count} examples.");
                src.Slice(k * size, size).CopyTo(dst.Slice(i * size, size));
                labels[i] = Labels[k];
            }
            return new Batch(images, labels);
        }
    }
}
