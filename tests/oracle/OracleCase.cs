using ConvGen.Kernels;

namespace ConvGen.Oracle
{
    /// <summary>
    /// A loaded oracle case: the geometry and input size, the generated inputs, and the expected results computed by libtorch
    /// in float64 (rounded once to float32). The arrays are created once per loaded case and shared by every caller:
    /// treat them as read-only.
    /// </summary>
    public sealed class OracleCase
    {
        internal OracleCase(OracleCaseParameters parameters, float[] output, float[] gradInput, float[] gradWeight, float[]? gradBias)
        {
            Parameters = parameters;
            Output = output;
            GradInput = gradInput;
            GradWeight = gradWeight;
            GradBias = gradBias;
            Input = OracleData.Generate(parameters.Seed, OracleTensor.Input, parameters.InputLength);
            Weight = OracleData.Generate(parameters.Seed, OracleTensor.Weight, parameters.WeightLength);
            Bias = OracleData.Generate(parameters.Seed, OracleTensor.Bias, parameters.OutChannels);
            GradOutput = OracleData.Generate(parameters.Seed, OracleTensor.GradOutput, parameters.OutputLength);
        }

        /// <summary>The index entry.</summary>
        public OracleCaseParameters Parameters { get; }
        /// <summary>Case name (unique).</summary>
        public string Name => Parameters.Name;
        /// <summary>The convolution.</summary>
        public ConvGeometry Geometry => Parameters.Geometry;
        /// <summary>N.</summary>
        public int Batch => Parameters.Batch;
        /// <summary>Input height.</summary>
        public int Height => Parameters.Height;
        /// <summary>Input width.</summary>
        public int Width => Parameters.Width;
        /// <summary>Seed of the generated inputs.</summary>
        public ulong Seed => Parameters.Seed;

        /// <summary>x, [N, Cin, H, W].</summary>
        public float[] Input { get; }
        /// <summary>w, [Cout, Cin/Groups, K1, K2].</summary>
        public float[] Weight { get; }
        /// <summary>b, [Cout]; present even when the case has no bias (then kernels must ignore it).</summary>
        public float[] Bias { get; }
        /// <summary>dLoss/dy, [N, Cout, Ho, Wo].</summary>
        public float[] GradOutput { get; }

        /// <summary>Expected y, [N, Cout, Ho, Wo].</summary>
        public float[] Output { get; }
        /// <summary>Expected dLoss/dx, [N, Cin, H, W].</summary>
        public float[] GradInput { get; }
        /// <summary>Expected dLoss/dw, [Cout, Cin/Groups, K1, K2].</summary>
        public float[] GradWeight { get; }
        /// <summary>Expected dLoss/db, [Cout], or null when the case has no bias.</summary>
        public float[]? GradBias { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
