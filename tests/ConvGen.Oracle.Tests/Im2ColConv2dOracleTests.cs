using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Oracle.Tests
{
    /// <summary>The im2col + GEMM kernel against libtorch (float64) on every oracle case.</summary>
    public sealed class Im2ColConv2dOracleTests
    {
        /// <summary>Case names for the theories.</summary>
        public static TheoryData<string> Cases => OracleTheoryData.Names();

        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_matches_libtorch(string name)
        {
            OracleCase c = OracleCases.Get(name);
            var y = new float[c.Output.Length];
            Im2ColConv2d.Forward(c.Geometry, c.Input, c.Weight, c.Bias, y, Columns(c), c.Batch, c.Height, c.Width);
            OracleKernelCheck.Matches(c, "output", y, c.Output);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Backward_matches_libtorch(string name)
        {
            OracleCase c = OracleCases.Get(name);
            var gx = new float[c.Input.Length];
            var gw = new float[c.Weight.Length];
            var gb = new float[c.Geometry.OutChannels];
            Im2ColConv2d.Backward(c.Geometry, c.Input, c.Weight, c.GradOutput, gx, gw, gb, Columns(c), c.Batch, c.Height, c.Width);
            OracleKernelCheck.Matches(c, "gradInput", gx, c.GradInput);
            OracleKernelCheck.Matches(c, "gradWeight", gw, c.GradWeight);
            if (c.GradBias is not null) OracleKernelCheck.Matches(c, "gradBias", gb, c.GradBias);
        }

        private static float[] Columns(OracleCase c)
        {
            var (rows, cols) = Im2ColConv2d.ColumnShape(c.Geometry, c.Height, c.Width);
            return new float[rows * cols];
        }
    }
}
