using System;
using ConvGen.Benchmarks.Shapes;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Benchmarks.Engines
{
    // Inside the namespace so it wins over ConvGen.Tensor.
    using Tensor = TorchSharp.torch.Tensor;

    /// <summary>
    /// libtorch 2.10 (TorchSharp 0.107) in float32, the precision the speed comparison is about. Forward runs under
    /// <c>no_grad</c> (inference, as ONNX Runtime does); ForwardBackward builds the autograd graph and calls
    /// <c>backward(dL/dy)</c>, which runs libtorch's convolution backward for input, weight and bias; Backward calls
    /// <c>backward(dL/dy, retain_graph: true)</c> on a forward graph built once (the same convolution backward, no forward).
    /// Note: on this AVX-512 machine float32 libtorch returns wrong values for some shapes (see tools/TorchOracle); the
    /// timings are still what a libtorch user gets.
    /// </summary>
    public sealed class TorchSharpRunner : IConvRunner
    {
        private readonly BenchShape _s;
        private readonly Tensor _x, _w, _b, _gy;
        private readonly long[] _stride, _pad, _dilation = [1, 1];
        private Tensor? _y; // the retained forward graph the Backward pass differentiates again and again
        private Tensor? _xConstant, _yWeights; // BackwardWeights: the input as a constant, and the graph built on it
        private Tensor? _wConstant, _bConstant, _yData; // BackwardData: the parameters as constants, and the graph built on them

        /// <summary>Copies the inputs into libtorch tensors and sets libtorch's intra-op thread count to <paramref name="threads"/>.</summary>
        public TorchSharpRunner(BenchShape shape, int threads)
        {
            _s = shape;
            torch.set_num_threads(threads);
            var d = new ConvData(shape);
            _x = tensor(d.Input, [shape.Batch, shape.InChannels, shape.Height, shape.Width], ScalarType.Float32).requires_grad_(true);
            _w = tensor(d.Weight, [shape.OutChannels, shape.InChannels / shape.Groups, shape.Kernel, shape.Kernel], ScalarType.Float32).requires_grad_(true);
            _b = tensor(d.Bias, [shape.OutChannels], ScalarType.Float32).requires_grad_(true);
            _gy = tensor(d.GradOutput, [shape.Batch, shape.OutChannels, shape.OutputHeight, shape.OutputWidth], ScalarType.Float32);
            _stride = [shape.Stride, shape.Stride];
            _pad = [shape.Pad, shape.Pad];
        }

        /// <inheritdoc />
        public bool Supports(Pass pass) => true;

        /// <inheritdoc />
        public void Run(Pass pass)
        {
            if (pass == Pass.Backward && _y is null) _y = Conv(); // outside any dispose scope: kept until Dispose
            if (pass == Pass.BackwardWeights && _yWeights is null)
            {
                _xConstant = _x.detach(); // shares the data, requires no grad: autograd skips dL/dx
                _yWeights = nn.functional.conv2d(_xConstant, _w, _b, _stride, _pad, _dilation, _s.Groups);
            }
            if (pass == Pass.BackwardData && _yData is null)
            {
                _wConstant = _w.detach(); // share the data, require no grad: autograd skips dL/dw and dL/db
                _bConstant = _b.detach();
                _yData = nn.functional.conv2d(_x, _wConstant, _bConstant, _stride, _pad, _dilation, _s.Groups);
            }
            using var scope = NewDisposeScope();
            if (pass == Pass.Forward)
            {
                using var noGrad = no_grad();
                Conv();
                return;
            }
            _x.grad?.zero_();
            _w.grad?.zero_();
            _b.grad?.zero_();
            if (pass == Pass.BackwardData)
            {
                // libtorch's convolution backward for the input only (weight and bias are constants of the graph).
                _yData!.backward([_gy], retain_graph: true);
                return;
            }
            if (pass == Pass.BackwardWeights)
            {
                // libtorch's convolution backward for the weight and bias only (the input is a constant of the graph).
                _yWeights!.backward([_gy], retain_graph: true);
                return;
            }
            if (pass == Pass.Backward)
            {
                // Backward only: libtorch's convolution backward (input, weight and bias gradients) on a graph built once.
                _y!.backward([_gy], retain_graph: true);
                return;
            }
            Conv().backward([_gy]);
        }

        /// <inheritdoc />
        public float[] ForwardOutput()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return Conv().contiguous().data<float>().ToArray();
        }

        /// <inheritdoc />
        public ConvGradients? BackwardOutputs()
        {
            Run(Pass.ForwardBackward);
            return new ConvGradients(Copy(_x.grad!), Copy(_w.grad!), Copy(_b.grad!));
        }

        private static float[] Copy(Tensor t)
        {
            using (t) return t.contiguous().data<float>().ToArray();
        }

        private Tensor Conv() => nn.functional.conv2d(_x, _w, _b, _stride, _pad, _dilation, _s.Groups);

        /// <inheritdoc />
        public void Dispose()
        {
            _x.Dispose();
            _w.Dispose();
            _b.Dispose();
            _gy.Dispose();
            _y?.Dispose();
            _yWeights?.Dispose();
            _xConstant?.Dispose();
            _yData?.Dispose();
            _wConstant?.Dispose();
            _bConstant?.Dispose();
        }
    }
}
