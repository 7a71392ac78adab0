using System;

namespace ConvGen
{
    /// <summary>
    /// The seedable random source layers draw their initial weights from, like <c>torch.manual_seed</c>:
    /// after <see cref="ManualSeed"/> the same construction order gives the same weights.
    /// </summary>
    public static class Rng
    {
        private static Random s_global = new(0);

        /// <summary>The shared generator used by parameterless layer constructors.</summary>
        public static Random Global => s_global;

        /// <summary>Reseeds <see cref="Global"/>.</summary>
        public static void ManualSeed(int seed) => s_global = new Random(seed);

        /// <summary>Fills <paramref name="values"/> uniformly in [-bound, bound).</summary>
        public static void Uniform(Random random, Span<float> values, double bound)
        {
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        }

        /// <summary>
        /// PyTorch's default initialisation for conv and linear layers: kaiming_uniform(a = sqrt(5)) on the weight, which is
        /// uniform in ±1/sqrt(fan_in), and the bias uniform in ±1/sqrt(fan_in).
        /// </summary>
        public static void InitLikePyTorch(Random random, Tensor weight, Tensor? bias, int fanIn)
        {
            double bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0;
            Uniform(random, weight.AsSpan(), bound);
            if (bias is not null) Uniform(random, bias.AsSpan(), bound);
        }
    }
}
