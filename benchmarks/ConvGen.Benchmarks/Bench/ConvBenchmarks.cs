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

        /// <summary>Pause before each case (see <see cref="Setup"/>).</summary>
        private const int SettleMilliseconds = 300;

        /// <summary>The case being measured.</summary>
        [ParamsSource(nameof(Cases))]
        public ConvCase Case { get; set; } = null!;

        /// <summary>The selected cases (see <see cref="ConvCases"/>).</summary>
        public static IEnumerable<ConvCase> Cases => ConvCases.Selected();

        /// <summary>
        /// Waits for the previous case's threads to go quiet, then creates the runner and runs it once (first-call work such as
        /// ONNX Runtime's weight pre-packing). The pause: the cases run one after another in this process, and a 2-thread
        /// libtorch case left its pool busy into the next case; ConvGen's 1-thread CIFAR stem weight gradient at batch 32,
        /// timed right after libtorch's 2-thread input gradient, took 3.61 ms (1.64x libtorch; 1.24-1.25x in three full
        /// reports), and 2.00 ms (0.59x) with this pause, as when run alone (2.14 ms). Every case gets it, the peers' too.
        /// </summary>
        [GlobalSetup]
        public void Setup()
        {
            System.Threading.Thread.Sleep(SettleMilliseconds);
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
