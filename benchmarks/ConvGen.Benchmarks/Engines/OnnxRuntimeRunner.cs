using ConvGen.Benchmarks.Onnx;
using ConvGen.Benchmarks.Shapes;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Benchmarks.Engines
{
    /// <summary>
    /// ONNX Runtime's CPU provider on a one-node Conv model. Input and output are bound once (<see cref="OrtIoBinding"/> over
    /// <see cref="OrtValue"/>s that wrap managed arrays), so a run does no allocation or copying on the caller's side.
    /// Intra-op threads = the benchmark's thread count, inter-op 1, sequential execution, all graph optimisations.
    /// Forward only: ONNX Runtime's inference build has no training.
    /// </summary>
    public sealed class OnnxRuntimeRunner : IConvRunner
    {
        private readonly SessionOptions _options;
        private readonly InferenceSession _session;
        private readonly OrtValue _x, _y;
        private readonly OrtIoBinding _binding;
        private readonly RunOptions _runOptions = new();
        private readonly float[] _output;

        /// <summary>Builds the model and session for <paramref name="shape"/> with <paramref name="threads"/> intra-op threads.</summary>
        public OnnxRuntimeRunner(BenchShape shape, int threads)
        {
            var d = new ConvData(shape);
            _output = d.Output;
            _options = new SessionOptions
            {
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            _session = new InferenceSession(OnnxConvModel.Build(shape, d.Weight, d.Bias), _options);
            _x = OrtValue.CreateTensorValueFromMemory(d.Input, [shape.Batch, shape.InChannels, shape.Height, shape.Width]);
            _y = OrtValue.CreateTensorValueFromMemory(d.Output, [shape.Batch, shape.OutChannels, shape.OutputHeight, shape.OutputWidth]);
            _binding = _session.CreateIoBinding();
            _binding.BindInput(OnnxConvModel.InputName, _x);
            _binding.BindOutput(OnnxConvModel.OutputName, _y);
        }

        /// <inheritdoc />
        public bool Supports(Pass pass) => pass == Pass.Forward;

        /// <inheritdoc />
        public void Run(Pass pass) => _session.RunWithBinding(_runOptions, _binding);

        /// <inheritdoc />
        public float[] ForwardOutput()
        {
            Run(Pass.Forward);
            return (float[])_output.Clone(); // the bound OrtValue wraps this array
        }

        /// <inheritdoc />
        public ConvGradients? BackwardOutputs() => null;

        /// <inheritdoc />
        public void Dispose()
        {
            _binding.Dispose();
            _x.Dispose();
            _y.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
            _options.Dispose();
        }
    }
}
