using System;
using System.IO;

namespace ConvGen.Runtime.Tests
{
    internal static class TestData
    {
        /// <summary>The bundled MNIST digits copied beside the test assembly.</summary>
        public static string MnistDirectory => Path.Combine(AppContext.BaseDirectory, "mnist");

        public static Tensor Random(int seed, params int[] shape)
        {
            var t = new Tensor(shape);
            Rng.Uniform(new Random(seed), t.AsSpan(), 1.0);
            return t;
        }

        /// <summary>Distinct values spaced at least <paramref name="gap"/> apart, in random order: no ties, no kinks within gap/2.</summary>
        public static Tensor Distinct(int seed, double gap, params int[] shape)
        {
            var t = new Tensor(shape);
            var values = t.AsSpan();
            var order = new int[values.Length];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            new Random(seed).Shuffle(order);
            for (int i = 0; i < values.Length; i++) values[i] = (float)((order[i] - values.Length / 2 + 0.5) * gap);
            return t;
        }

        public static Tensor FromRows(float[,] rows)
        {
            var t = new Tensor(1, 1, rows.GetLength(0), rows.GetLength(1));
            for (int i = 0; i < rows.GetLength(0); i++)
                for (int j = 0; j < rows.GetLength(1); j++) t[0, 0, i, j] = rows[i, j];
            return t;
        }

        public static void Equal(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance = 1e-6)
        {
            Xunit.Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                if (!(Math.Abs(expected[i] - actual[i]) <= tolerance) && !(float.IsNaN(expected[i]) && float.IsNaN(actual[i])))
                    Xunit.Assert.Fail($"Element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance}).");
        }
    }
}
