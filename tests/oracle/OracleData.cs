using System;

namespace ConvGen.Oracle
{
    /// <summary>The four tensors of an oracle case that are generated rather than stored.</summary>
    public enum OracleTensor
    {
        /// <summary>x, [N, Cin, H, W].</summary>
        Input = 1,
        /// <summary>w, [Cout, Cin/Groups, K1, K2].</summary>
        Weight = 2,
        /// <summary>b, [Cout] (generated even when the case has no bias; then unused).</summary>
        Bias = 3,
        /// <summary>dLoss/dy, [N, Cout, Ho, Wo]: the upstream gradient the backward pass receives.</summary>
        GradOutput = 4,
    }

    /// <summary>
    /// Deterministic inputs shared by the oracle tool (tools/TorchOracle) and every test that checks against its output, so the
    /// expected values can be stored without the inputs. Each tensor is a SplitMix64 stream seeded from the case seed and the
    /// tensor's id; each value is uniform in [-1, 1) on a grid of 2^-23, hence exactly representable as a float32 (and so
    /// identical in the float64 oracle and the float32 kernels).
    /// </summary>
    public static class OracleData
    {
        /// <summary>A new array of <paramref name="length"/> values for <paramref name="tensor"/> of the case seeded <paramref name="caseSeed"/>.</summary>
        public static float[] Generate(ulong caseSeed, OracleTensor tensor, int length)
        {
            var values = new float[length];
            Fill(caseSeed, tensor, values);
            return values;
        }

        /// <summary>Fills <paramref name="destination"/> with the values <see cref="Generate"/> returns.</summary>
        public static void Fill(ulong caseSeed, OracleTensor tensor, Span<float> destination)
        {
            ulong state = caseSeed ^ ((ulong)tensor * 0xD1B54A32D192ED03UL);
            for (int i = 0; i < destination.Length; i++)
            {
                // Top 24 bits of the next SplitMix64 output -> k in [0, 2^24) -> k * 2^-23 - 1 in [-1, 1).
                uint k = (uint)(NextSplitMix64(ref state) >> 40);
                destination[i] = k * (1f / (1 << 23)) - 1f;
            }
        }

        /// <summary>One step of SplitMix64 (Steele, Lea, Flood 2014): advances <paramref name="state"/> and returns a mixed 64-bit value.</summary>
        public static ulong NextSplitMix64(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
