using ConvGen.Benchmarks.Shapes;
using ConvGen.Kernels;

namespace ConvGen.Benchmarks.Engines
{
    /// <summary>Runs <see cref="NaiveConv2d"/>, the reference loop nest.</summary>
    public sealed class NaiveRunner(BenchShape shape) : IConvRunner
    {
        private readonly ConvGeometry _g = shape.Geometry;
        private readonly ConvData _d = new(shape);

        /// <inheritdoc />
        public bool Supports(Pass pass) => true;

        /// <inheritdoc />
        public void Run(Pass pass)
        {
            if (pass != Pass.Backward)
                NaiveConv2d.Forward(_g, _d.Input, _d.Weight, _d.Bias, _d.Output, shape.Batch, shape.Height, shape.Width);
            if (pass == Pass.Forward) return;
            _d.ClearGradients();
            NaiveConv2d.BackwardInput(_g, _d.GradOutput, _d.Weight, _d.GradInput, shape.Batch, shape.Height, shape.Width);
            NaiveConv2d.BackwardWeight(_g, _d.Input, _d.GradOutput, _d.GradWeight, _d.GradBias, shape.Batch, shape.Height, shape.Width);
        }

        /// <inheritdoc />
        public float[] ForwardOutput()
        {
            Run(Pass.Forward);
            return (float[])_d.Output.Clone();
        }

        /// <inheritdoc />
        public ConvGradients? BackwardOutputs()
        {
            Run(Pass.ForwardBackward);
            return _d.CopyGradients();
        }

        /// <inheritdoc />
        public void Dispose() { }
    }
}
