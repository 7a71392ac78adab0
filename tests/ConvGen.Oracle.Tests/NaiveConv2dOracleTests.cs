using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Oracle.Tests
{
    /// <summary>The reference kernel against libtorch (float64) on every oracle case.</summary>
    public sealed class NaiveConv2dOracleTests
    {
        /// <summary>Case names for the theories.</summary>
        public static TheoryData<string> Cases => OracleTheoryData.Names();

        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_matches_libtorch(string name)
        {
            OracleCase c = OracleCases.Get(name);
            var y = new float[c.Output.Length];
            NaiveConv2d.Forward(c.Geometry, c.Input, c.Weight, c.Bias, y, c.Batch, c.Height, c.Width);
            OracleKernelCheck.Matches(c, "output", y, c.Output);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void BackwardInput_matches_libtorch(string name)
        {
            OracleCase c = OracleCases.Get(name);
            var gx = new float[c.Input.Length];
            NaiveConv2d.BackwardInput(c.Geometry, c.GradOutput, c.Weight, gx, c.Batch, c.Height, c.Width);
            OracleKernelCheck.Matches(c, "gradInput", gx, c.GradInput);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void BackwardWeight_matches_libtorch(string name)
        {
            OracleCase c = OracleCases.Get(name);
            var gw = new float[c.Weight.Length];
            var gb = new float[c.Geometry.OutChannels];
            NaiveConv2d.BackwardWeight(c.Geometry, c.Input, c.GradOutput, gw, gb, c.Batch, c.Height, c.Width);
            OracleKernelCheck.Matches(c, "gradWeight", gw, c.GradWeight);
            if (c.GradBias is not null) OracleKernelCheck.Matches(c, "gradBias", gb, c.GradBias);
        }
    }
}
