using ConvGen.Benchmarks.Shapes;
using ConvGen.Kernels;

namespace ConvGen.Benchmarks.Engines
{
    /// <summary>Runs <see cref="Im2ColConv2d"/> with its column buffer allocated once.</summary>
    public sealed class Im2ColRunner : IConvRunner
    {
        private readonly BenchShape _shape;
        private readonly ConvGeometry _g;
        private readonly ConvData _d;
        private readonly float[] _columns;

        /// <summary>Sets up buffers for <paramref name="shape"/>.</summary>
        public Im2ColRunner(BenchShape shape)
        {
            _shape = shape;
            _g = shape.Geometry;
            _d = new ConvData(shape);
            var (rows, cols) = Im2ColConv2d.ColumnShape(_g, shape.Height, shape.Width);
            _columns = new float[rows * cols];
        }

        /// <inheritdoc />
        public bool Supports(Pass pass) => true;

        /// <inheritdoc />
        public void Run(Pass pass)
        {
            if (pass != Pass.Backward)
                Im2ColConv2d.Forward(_g, _d.Input, _d.Weight, _d.Bias, _d.Output, _columns, _shape.Batch, _shape.Height, _shape.Width);
            if (pass == Pass.Forward) return;
            _d.ClearGradients();
            Im2ColConv2d.Backward(_g, _d.Input, _d.Weight, _d.GradOutput, _d.GradInput, _d.GradWeight, _d.GradBias, _columns,
                _shape.Batch, _shape.Height, _shape.Width);
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
