using System;
using System.IO;
using System.Numerics.Tensors;

namespace ConvGen.Data
{
    /// <summary>
    /// Loads MNIST from a folder holding the standard file names (<c>train-images-idx3-ubyte</c>,
    /// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each optionally with
    /// <c>.gz</c>): the full 70,000-digit set, or the 10,000 digits bundled in the repository's <c>data/mnist</c>.
    /// Images become <c>[N, 1, 28, 28]</c> floats in [0, 1], optionally normalised with the training set's mean and standard
    /// deviation as torchvision's MNIST examples do.
    /// </summary>
    public static class Mnist
    {
        /// <summary>Mean pixel of the MNIST training set (after scaling to [0, 1]).</summary>
        public const float Mean = 0.1307f;
        /// <summary>Standard deviation of the MNIST training set's pixels.</summary>
        public const float Std = 0.3081f;

        /// <summary>Loads the training (<paramref name="train"/> true) or test split from <paramref name="directory"/>.</summary>
        public static ImageDataset Load(string directory, bool train, bool normalize = true)
        {
            string prefix = train ? "train" : "t10k";
            return Load(FindFile(directory, $"{prefix}-images-idx3-ubyte"), FindFile(directory, $"{prefix}-labels-idx1-ubyte"), normalize);
        }

        /// <summary>Loads one pair of IDX files.</summary>
        public static ImageDataset Load(string imagesPath, string labelsPath, bool normalize = true)
        {
            var (pixels, count, rows, columns) = IdxReader.ReadImages(imagesPath);
            byte[] labelBytes = IdxReader.ReadLabels(labelsPath);
            if (labelBytes.Length != count)
                throw new InvalidDataException($"'{imagesPath}' holds {count} images but '{labelsPath}' holds {labelBytes.Length} labels.");
            var labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                if (labelBytes[i] > 9) throw new InvalidDataException($"'{labelsPath}' has label {labelBytes[i]} at position {i}; MNIST labels are 0-9.");
                labels[i] = labelBytes[i];
            }
            var images = new Tensor(count, 1, rows, columns);
            ToFloats(pixels, images.AsSpan(), normalize);
            return new ImageDataset(images, labels);
        }

        /// <summary>Scales bytes to [0, 1] and, when <paramref name="normalize"/> is set, to <c>(x − Mean) / Std</c>.</summary>
        public static void ToFloats(ReadOnlySpan<byte> pixels, Span<float> destination, bool normalize)
        {
            if (destination.Length != pixels.Length)
                throw new ArgumentException($"Destination holds {destination.Length} floats for {pixels.Length} pixels.", nameof(destination));
            TensorPrimitives.ConvertTruncating<byte, float>(pixels, destination);
            TensorPrimitives.Divide(destination, 255f, destination);
            if (normalize)
            {
                TensorPrimitives.Subtract(destination, Mean, destination);
                TensorPrimitives.Divide(destination, Std, destination);
            }
        }

        private static string FindFile(string directory, string name)
        {
            foreach (string candidate in new[] { name, name + ".gz" })
            {
                string path = Path.Combine(directory, candidate);
                if (File.Exists(path)) return path;
            }
            throw new FileNotFoundException($"Neither '{name}' nor '{name}.gz' exists in '{Path.GetFullPath(directory)}'.", Path.Combine(directory, name));
        }
    }
}
