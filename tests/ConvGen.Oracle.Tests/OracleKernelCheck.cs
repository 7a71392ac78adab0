using ConvGen.Oracle;
using Xunit;

namespace ConvGen.Oracle.Tests
{
    /// <summary>Assertion helper: one tensor against its oracle value, with a message that says where it is worst.</summary>
    internal static class OracleKernelCheck
    {
        public static void Matches(OracleCase c, string what, float[] actual, float[] expected)
        {
            double error = OracleCompare.ScaledMaxError(actual, expected);
            if (error <= OracleCompare.Tolerance) return;
            int i = OracleCompare.WorstIndex(actual, expected);
            Assert.Fail($"{c.Name}: {what} error {error:E2} > {OracleCompare.Tolerance:E0} (max|a-b| / max(1, max|b|)); "
                + $"worst at flat index {i}: actual {actual[i]}, expected {expected[i]}.");
        }
    }
}
