using System;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Generated;
using ConvGen.Kernels;

namespace ConvGen.Benchmarks.Bench
{
    /// <summary>Creates the runner for a case, after pinning every engine's thread count to the case's.</summary>
    public static class RunnerFactory
    {
        /// <summary>A ready runner; <see cref="ParallelRunner.MaxThreads"/> is set for ConvGen's own kernels.</summary>
        public static IConvRunner Create(ConvCase c)
        {
            ParallelRunner.MaxThreads = c.Threads;
            IConvRunner runner = c.Engine switch
            {
                Engine.Naive => new NaiveRunner(c.Shape),
                Engine.Im2Col => new Im2ColRunner(c.Shape),
                Engine.OnnxRuntime => new OnnxRuntimeRunner(c.Shape, c.Threads),
                Engine.LibTorch => new TorchSharpRunner(c.Shape, c.Threads),
                Engine.Generated => GeneratedKernels.ByLayer[c.Shape.Layer](c.Shape),
                _ => throw new ArgumentOutOfRangeException(nameof(c), c.Engine, "Unknown engine."),
            };
            if (!runner.Supports(c.Pass))
            {
                runner.Dispose();
                throw new NotSupportedException($"{c.Engine} cannot run {c.Pass}.");
            }
            return runner;
        }
    }
}
