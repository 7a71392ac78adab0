using System;

namespace ConvGen.Oracle
{
    /// <summary>
    /// The error metric every oracle check uses: max_i |actual_i - expected_i| / max(1, max_i |expected_i|). It is an absolute
    /// error for tensors of magnitude up to 1 and a relative one above, so a few near-zero outputs (inevitable with random
    /// signs) cannot inflate it, while large sums are judged relative to their scale.
    /// </summary>
    public static class OracleCompare
    {
        /// <summary>The tolerance the float32 kernels are held to.</summary>
        public const double Tolerance = 1e-4;

        /// <summary>The metric above (NaN when any difference is NaN); throws when the lengths differ.</summary>
        public static double ScaledMaxError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
        {
            if (actual.Length != expected.Length)
                throw new ArgumentException($"Length mismatch: actual {actual.Length}, expected {expected.Length}.");
            double maxDiff = 0, scale = 1;
            for (int i = 0; i < actual.Length; i++)
            {
                double diff = Math.Abs((double)actual[i] - expected[i]);
                if (double.IsNaN(diff)) return double.NaN; // fails every "<= tolerance" check
                maxDiff = Math.Max(maxDiff, diff);
                scale = Math.Max(scale, Math.Abs((double)expected[i]));
            }
            return maxDiff / scale;
        }

        /// <summary>Index of the largest |actual - expected|, for failure messages.</summary>
        public static int WorstIndex(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
        {
            int worst = 0;
            double max = -1;
            for (int i = 0; i < actual.Length; i++)
            {
                double diff = Math.Abs((double)actual[i] - expected[i]);
                if (double.IsNaN(diff)) return i;
                if (diff > max) { max = diff; worst = i; }
            }
            return worst;
        }
    }
}
