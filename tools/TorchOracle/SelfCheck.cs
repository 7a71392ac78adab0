using System;
using ConvGen.Kernels;
using ConvGen.Oracle;

namespace ConvGen.Tools.TorchOracle
{
    /// <summary>
    /// Compares the libtorch answer with ConvGen's own reference kernel before it is written, so a semantic mismatch (padding
    /// order, flip direction, group layout) is seen when the oracle is generated rather than later as a failing test.
    /// </summary>
    public static class SelfCheck
    {
        /// <summary>The largest <see cref="OracleCompare.ScaledMaxError"/> over y, dx, dw and db between libtorch and <see cref="NaiveConv2d"/>.</summary>
        public static double AgainstNaive(OracleCaseParameters p, ConvResult torch)
        {
            ConvGeometry g = p.Geometry;
            float[] x = OracleData.Generate(p.Seed, OracleTensor.Input, p.InputLength);
            float[] w = OracleData.Generate(p.Seed, OracleTensor.Weight, p.WeightLength);
            float[] b = OracleData.Generate(p.Seed, OracleTensor.Bias, p.OutChannels);
            float[] gy = OracleData.Generate(p.Seed, OracleTensor.GradOutput, p.OutputLength);
            var y = new float[p.OutputLength];
            var gx = new float[p.InputLength];
            var gw = new float[p.WeightLength];
            var gb = new float[p.OutChannels];
            NaiveConv2d.Forward(g, x, w, b, y, p.Batch, p.Height, p.Width);
            NaiveConv2d.BackwardInput(g, gy, w, gx, p.Batch, p.Height, p.Width);
            NaiveConv2d.BackwardWeight(g, x, gy, gw, gb, p.Batch, p.Height, p.Width);
            double error = Math.Max(Error(y, torch.Output), Math.Max(Error(gx, torch.GradInput), Error(gw, torch.GradWeight)));
            return torch.GradBias is null ? error : Math.Max(error, Error(gb, torch.GradBias));
        }

        private static double Error(float[] actual, double[] expected)
            => OracleCompare.ScaledMaxError(actual, Array.ConvertAll(expected, v => (float)v));
    }
}
