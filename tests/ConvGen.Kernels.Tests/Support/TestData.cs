using System;
using System.Linq;
using ConvGen.Kernels;

namespace ConvGen.Kernels.Tests.Support
{
    /// <summary>Deterministic test inputs and the error metric every kernel comparison uses.</summary>
    internal static class TestData
    {
        /// <summary>A tensor of the given shape filled uniformly in [-1, 1) from <paramref name="seed"/>.</summary>
        public static Tensor Random(int seed, params int[] shape)
        {
            var t = new Tensor(shape);
            var random = new Random(seed);
            Span<float> span = t.AsSpan();
            for (int i = 0; i < span.Length; i++) span[i] = (float)(random.NextDouble() * 2 - 1);
            return t;
        }

        /// <summary>max |actual - expected| / max(max |expected|, 1e-6): relative to the result's scale, so near-zero entries do not dominate.</summary>
        public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
        {
            if (actual.Length != expected.Length) return double.PositiveInfinity;
            double maxDiff = 0, scale = 1e-6;
            for (int i = 0; i < actual.Length; i++)
            {
                double diff = Math.Abs((double)actual[i] - expected[i]);
                if (double.IsNaN(diff)) return double.PositiveInfinity;
                maxDiff = Math.Max(maxDiff, diff);
                scale = Math.Max(scale, Math.Abs((double)expected[i]));
            }
            return maxDiff / scale;
        }

        /// <summary>
        /// A fresh layer's input gradient (if <paramref name="inputGradient"/>) followed by every parameter gradient, as one array,
        /// after one Forward and Backward of seeded random data on <paramref name="threads"/> threads: for the bit-for-bit checks
        /// across thread counts and with or without the input gradient.
        /// </summary>
        public static float[] Gradients(Func<(ILayer Layer, ConvGeometry Geometry)> create, int batch, int height, int width, int threads, bool inputGradient) => OnThreads(threads, () =>
        {
            var (layer, g) = create();
            layer.SetInputGradientRequired(inputGradient);
            Tensor x = Random(7, batch, g.InChannels, height, width);
            Tensor gx = layer.Backward(Random(9, layer.Forward(x).Shape.ToArray()));
            return (inputGradient ? gx.ToArray() : Array.Empty<float>()).Concat(layer.Parameters.SelectMany(p => p.Grad.ToArray())).ToArray();
        });

        /// <summary>
        /// Runs <paramref name="run"/> with the kernels on <paramref name="threads"/> threads, splitting even the smallest calls,
        /// and restores both settings afterwards.
        /// </summary>
        public static T OnThreads<T>(int threads, Func<T> run)
        {
            int saved = ParallelRunner.MaxThreads;
            long threshold = ParallelRunner.SerialFlopThreshold;
            ParallelRunner.MaxThreads = threads;
            ParallelRunner.SerialFlopThreshold = 0;
            try
            {
                return run();
            }
            finally
            {
                ParallelRunner.MaxThreads = saved;
                ParallelRunner.SerialFlopThreshold = threshold;
            }
        }
    }
}
