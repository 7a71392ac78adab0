using System;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Engines
{
    /// <summary>Inputs (uniform in [-1, 1), fixed seed) and output/gradient buffers for one shape, shared by the ConvGen runners.</summary>
    public sealed class ConvData
    {
        /// <summary>Allocates and fills every buffer for <paramref name="shape"/>.</summary>
        public ConvData(BenchShape shape)
        {
            var random = new Random(12345);
            Input = Fill(random, shape.InputLength);
            Weight = Fill(random, shape.WeightLength);
            Bias = Fill(random, shape.OutChannels);
            GradOutput = Fill(random, shape.OutputLength);
            Output = new float[shape.OutputLength];
            GradInput = new float[shape.InputLength];
            GradWeight = new float[shape.WeightLength];
            GradBias = new float[shape.OutChannels];
        }

        /// <summary>x.</summary>
        public float[] Input { get; }
        /// <summary>w.</summary>
        public float[] Weight { get; }
        /// <summary>b.</summary>
        public float[] Bias { get; }
        /// <summary>dL/dy.</summary>
        public float[] GradOutput { get; }
        /// <summary>y.</summary>
        public float[] Output { get; }
        /// <summary>dL/dx.</summary>
        public float[] GradInput { get; }
        /// <summary>dL/dw.</summary>
        public float[] GradWeight { get; }
        /// <summary>dL/db.</summary>
        public float[] GradBias { get; }

        /// <summary>Copies of the three gradient buffers.</summary>
        public ConvGradients CopyGradients() => new((float[])GradInput.Clone(), (float[])GradWeight.Clone(), (float[])GradBias.Clone());

        /// <summary>Zeroes the gradients (the ConvGen kernels add into them, as PyTorch accumulates).</summary>
        public void ClearGradients()
        {
            Array.Clear(GradInput);
            Array.Clear(GradWeight);
            Array.Clear(GradBias);
        }

        /// <summary>Values uniform in [-1, 1).</summary>
        public static float[] Fill(Random random, int length)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
            return values;
        }
    }
}
