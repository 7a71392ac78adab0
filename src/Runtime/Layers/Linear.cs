using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using ConvGen.Kernels;

namespace ConvGen.Layers
{
    /// <summary>
    /// Fully connected layer, <c>y = x Wᵀ + b</c>, with PyTorch's <c>nn.Linear</c> layout: input <c>[N, In]</c>,
    /// weight <c>[Out, In]</c>, bias <c>[Out]</c>, output <c>[N, Out]</c>. Every output is one SIMD dot product of an input
    /// row with a weight row; the backward pass is built from SIMD multiply-adds of whole rows.
    /// </summary>
    public sealed class Linear : ILayer
    {
        // Rows of work below which threads cost more than they save.
        private const long MinimumParallelWork = 1 << 14;

        private readonly Parameter[] _parameters;
        private Tensor? _input;
        private readonly ReusableTensor _outputBuffer = new();
        private readonly ReusableTensor _gradInputBuffer = new();

        /// <summary>
        /// Creates the layer and initialises it like PyTorch (weight and bias uniform in ±1/sqrt(In)) from
        /// <paramref name="random"/>, or from <see cref="Rng.Global"/> when null.
        /// </summary>
        public Linear(int inFeatures, int outFeatures, bool bias = true, Random? random = null)
        {
            LayerChecks.AtLeast(inFeatures, 1, nameof(inFeatures));
            LayerChecks.AtLeast(outFeatures, 1, nameof(outFeatures));
            InFeatures = inFeatures;
            OutFeatures = outFeatures;
            Weight = new Tensor(outFeatures, inFeatures);
            WeightGrad = new Tensor(outFeatures, inFeatures);
            Bias = bias ? new Tensor(outFeatures) : null;
            BiasGrad = bias ? new Tensor(outFeatures) : null;
            Rng.InitLikePyTorch(random ?? Rng.Global, Weight, Bias, inFeatures);
            _parameters = Bias is null
                ? [new Parameter("weight", Weight, WeightGrad)]
                : [new Parameter("weight", Weight, WeightGrad), new Parameter("bias", Bias, BiasGrad!)];
        }

        /// <summary>Input features per example.</summary>
        public int InFeatures { get; }
        /// <summary>Output features per example.</summary>
        public int OutFeatures { get; }
        /// <summary>Weight <c>[Out, In]</c>.</summary>
        public Tensor Weight { get; }
        /// <summary>Bias <c>[Out]</c>, or null when created without one.</summary>
        public Tensor? Bias { get; }
        /// <summary>Accumulated gradient of <see cref="Weight"/>.</summary>
        public Tensor WeightGrad { get; }
        /// <summary>Accumulated gradient of <see cref="Bias"/>.</summary>
        public Tensor? BiasGrad { get; }

        /// <inheritdoc />
        public IReadOnlyList<Parameter> Parameters => _parameters;

        /// <inheritdoc />
        void ILayer.EnableBufferReuse(bool output, bool inputGradient)
        {
            _outputBuffer.Enabled = output;
            _gradInputBuffer.Enabled = inputGradient;
        }

        /// <inheritdoc />
        public Tensor Forward(Tensor input)
        {
            LayerChecks.Rank(input, 2, nameof(Linear), "[N, In]", nameof(input));
            if (input.Dim(1) != InFeatures)
                throw new ArgumentException($"{nameof(Linear)} expects input of shape [N, {InFeatures}], got {input.ShapeString}.", nameof(input));
            int n = input.Dim(0), inF = InFeatures, outF = OutFeatures;
            Tensor output = _outputBuffer.Get([n, outF], input);
            PlaneLoop.For(LinearRows.Blocks(n), (long)inF * outF * LinearRows.RowsPerBlock, new OutputRows(input, Weight, Bias, output), MinimumParallelWork);
            _input = input;
            return output;
        }

        /// <inheritdoc />
        public Tensor Backward(Tensor gradOutput)
        {
            if (_input is null) throw LayerChecks.BackwardBeforeForward(nameof(Linear));
            int n = _input.Dim(0), inF = InFeatures, outF = OutFeatures;
            LayerChecks.Shape(gradOutput, [n, outF], nameof(Linear) + ".Backward", nameof(gradOutput));
            Tensor input = _input;
            Tensor gradInput = _gradInputBuffer.GetZeroed([n, inF], gradOutput);   // the rows below accumulate into it

            PlaneLoop.For(LinearRows.Blocks(n), (long)inF * outF * LinearRows.RowsPerBlock, new InputGradientRows(gradOutput, Weight, gradInput), MinimumParallelWork);
            // Frozen parameters (RequiresGrad false) keep their gradients.
            if (_parameters[0].RequiresGrad)
                PlaneLoop.For(LinearRows.Blocks(outF), (long)inF * n * LinearRows.RowsPerBlock, new WeightGradientRows(gradOutput, input, WeightGrad), MinimumParallelWork);

            // db += Σ_n g[n, :]
            if (BiasGrad is not null && _parameters[1].RequiresGrad)
            {
                Span<float> db = BiasGrad.AsSpan();
                for (int row = 0; row < n; row++) TensorPrimitives.Add(db, gradOutput.AsSpan().Slice(row * outF, outF), db);
            }
            return gradInput;
        }

        /// <summary>
        /// y[n, o] = X[n, :] · W[o, :] + b[o], three input rows per item (the last item takes what is left): each weight row is
        /// read once per three rows (LeNet's 400 -> 120 at batch 64, 1 thread: see LinearRows.DotsOfThree). The rows' results
        /// do not depend on the grouping.
        /// </summary>
        private readonly struct OutputRows(Tensor input, Tensor weight, Tensor? bias, Tensor output) : IKernelJob
        {
            public void Execute(int block, in KernelBuffers _)
            {
                int inF = weight.Dim(1), outF = weight.Dim(0), n = input.Dim(0);
                var (first, end) = LinearRows.BlockRows(block, n);
                ReadOnlySpan<float> x = input.AsSpan(), w = weight.AsSpan();
                Span<float> y = output.AsSpan();
                if (end - first == LinearRows.RowsPerBlock)
                    LinearRows.DotsOfThree(x.Slice(first * inF, inF), x.Slice((first + 1) * inF, inF), x.Slice((first + 2) * inF, inF), w,
                        y.Slice(first * outF, outF), y.Slice((first + 1) * outF, outF), y.Slice((first + 2) * outF, outF), inF, outF);
                else
                    for (int row = first; row < end; row++)
                        LinearRows.Dots(x.Slice(row * inF, inF), w, y.Slice(row * outF, outF), inF, outF);
                if (bias is not null)
                    for (int row = first; row < end; row++) TensorPrimitives.Add(y.Slice(row * outF, outF), bias.AsSpan(), y.Slice(row * outF, outF));
            }
        }

        /// <summary>
        /// dX[n, :] += Σ_o g[n, o] · W[o, :], three rows of dX per item (dX starts zeroed; the last item takes what is left):
        /// each weight row is read once per three rows (LinearRows.AddScaledRowsToThree). The rows' bits do not depend on the grouping.
        /// </summary>
        private readonly struct InputGradientRows(Tensor gradOutput, Tensor weight, Tensor gradInput) : IKernelJob
        {
            public void Execute(int block, in KernelBuffers _)
            {
                int inF = weight.Dim(1), outF = weight.Dim(0), n = gradInput.Dim(0);
                var (first, end) = LinearRows.BlockRows(block, n);
                ReadOnlySpan<float> g = gradOutput.AsSpan(), w = weight.AsSpan();
                Span<float> dx = gradInput.AsSpan();
                if (end - first == LinearRows.RowsPerBlock)
                    LinearRows.AddScaledRowsToThree(w, inF, g.Slice(first * outF, outF), g.Slice((first + 1) * outF, outF), g.Slice((first + 2) * outF, outF), 1, outF,
                        dx.Slice(first * inF, inF), dx.Slice((first + 1) * inF, inF), dx.Slice((first + 2) * inF, inF), inF);
                else
                    for (int row = first; row < end; row++)
                        LinearRows.AddScaledRows(w, inF, g.Slice(row * outF, outF), 1, outF, dx.Slice(row * inF, inF), inF);
            }
        }

        /// <summary>
        /// dW[o, :] += Σ_n g[n, o] · X[n, :], three weight rows per item (the last item takes what is left): each input row is
        /// read once per three weight rows. Each weight row is owned by one item and summed in a fixed order.
        /// </summary>
        private readonly struct WeightGradientRows(Tensor gradOutput, Tensor input, Tensor weightGrad) : IKernelJob
        {
            public void Execute(int block, in KernelBuffers _)
            {
                int inF = weightGrad.Dim(1), outF = weightGrad.Dim(0), n = input.Dim(0);
                var (first, end) = LinearRows.BlockRows(block, outF);
                ReadOnlySpan<float> g = gradOutput.AsSpan(), x = input.AsSpan();
                Span<float> dw = weightGrad.AsSpan();
                if (end - first == LinearRows.RowsPerBlock)
                    LinearRows.AddScaledRowsToThree(x, inF, g.Slice(first), g.Slice(first + 1), g.Slice(first + 2), outF, n,
                        dw.Slice(first * inF, inF), dw.Slice((first + 1) * inF, inF), dw.Slice((first + 2) * inF, inF), inF);
                else
                    for (int o = first; o < end; o++)
                        LinearRows.AddScaledRows(x, inF, g.Slice(o), outF, n, dw.Slice(o * inF, inF), inF);
            }
        }
    }
}
