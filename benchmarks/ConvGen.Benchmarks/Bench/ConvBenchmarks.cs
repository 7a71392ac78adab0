using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using ConvGen.Benchmarks.Engines;

namespace ConvGen.Benchmarks.Bench
{
    /// <summary>
    /// The one BenchmarkDotNet class: a single benchmark method parameterised by <see cref="ConvCase"/>, so the case list
    /// holds only meaningful combinations. Setup (buffers, sessions, weight upload) happens in <see cref="Setup"/>, outside
    /// the measurement.
    /// </summary>
    public class ConvBenchmarks
    {
        private IConvRunner? _runner;

        /// <summary>The case being measured.</summary>
        [ParamsSource(nameof(Cases))]
        public ConvCase Case { get; set; } = null!;

        /// <summary>The selected cases (see <see cref="ConvCases"/>).</summary>
        public static IEnumerable<ConvCase> Cases => ConvCases.Selected();

        /// <summary>Creates the runner and runs it once (first-call work such as ONNX Runtime's weight pre-packing).</summary>
        [GlobalSetup]
        public void Setup()
        {
            _runner = RunnerFactory.Create(Case);
            _runner.Run(Case.Pass);
        }

        /// <summary>One forward, or one forward + backward, of the case.</summary>
        [Benchmark]
        public void Conv() => _runner!.Run(Case.Pass);

        /// <summary>Releases native sessions and tensors.</summary>
        [GlobalCleanup]
        public void Cleanup() => _runner?.Dispose();
    }
}
