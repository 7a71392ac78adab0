using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Bench
{
    /// <summary>One row of the benchmark: a shape, a pass, an engine and a thread count (the BenchmarkDotNet parameter).</summary>
    /// <param name="Shape">The convolution.</param>
    /// <param name="Pass">Forward, or forward + backward.</param>
    /// <param name="Engine">Who computes it.</param>
    /// <param name="Threads">Threads the engine may use.</param>
    public sealed record ConvCase(BenchShape Shape, Pass Pass, Engine Engine, int Threads)
    {
        /// <summary>FLOPs of one invocation: one pass forward, weights-only or data-only backward, two for backward (dL/dx, dL/dw), three for forward + backward.</summary>
        public double Flops => Shape.FlopsPerPass * Pass switch { Pass.Forward or Pass.BackwardWeights or Pass.BackwardData => 1, Pass.Backward => 2, _ => 3 };

        /// <summary>The rows that are compared with each other: same shape, pass and thread count.</summary>
        public (string Shape, Pass Pass, int Threads) Group => (Shape.Name, Pass, Threads);

        /// <summary>Shown in BenchmarkDotNet's Case column, e.g. <c>lenet_c1/b64 Forward Naive 1t</c>.</summary>
        public override string ToString() => $"{Shape.Name} {Pass} {Engine} {Threads}t";
    }
}
