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
            PlaneLoop.For(n, (long)inF * outF, new OutputRows(input, Weight, Bias, output), MinimumParallelWork);
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

            PlaneLoop.For(n, (long)inF * outF, new InputGradientRows(gradOutput, Weight, gradInput), MinimumParallelWork);
            // Frozen parameters (RequiresGrad false) keep their gradients.
            if (_parameters[0].RequiresGrad)
                PlaneLoop.For(outF, (long)inF * n, new WeightGradientRows(gradOutput, input, WeightGrad), MinimumParallelWork);

            // db += Σ_n g[n, :]
            if (BiasGrad is not null && _parameters[1].RequiresGrad)
            {
                Span<float> db = BiasGrad.AsSpan();
                for (int row = 0; row < n; row++) TensorPrimitives.Add(db, gradOutput.AsSpan().Slice(row * outF, outF), db);
            }
            return gradInput;
        }

        /// <summary>y[n, o] = X[n, :] · W[o, :] + b[o], one input row per item.</summary>
        private readonly struct OutputRows(Tensor input, Tensor weight, Tensor? bias, Tensor output) : IKernelJob
        {
            public void Execute(int row, in KernelBuffers _)
            {
                int inF = weight.Dim(1), outF = weight.Dim(0);
                ReadOnlySpan<float> x = input.AsSpan().Slice(row * inF, inF);
                ReadOnlySpan<float> w = weight.AsSpan();
                Span<float> y = output.AsSpan().Slice(row * outF, outF);
                LinearRows.Dots(x, w, y, inF, outF);
                if (bias is not null) TensorPrimitives.Add(y, bias.AsSpan(), y);
            }
        }

        /// <summary>dX[n, :] += Σ_o g[n, o] · W[o, :], one row of dX per item (dX starts zeroed).</summary>
        private readonly struct InputGradientRows(Tensor gradOutput, Tensor weight, Tensor gradInput) : IKernelJob
        {
            public void Execute(int row, in KernelBuffers _)
            {
                int inF = weight.Dim(1), outF = weight.Dim(0);
                ReadOnlySpan<float> g = gradOutput.AsSpan().Slice(row * outF, outF);
                ReadOnlySpan<float> w = weight.AsSpan();
                Span<float> dx = gradInput.AsSpan().Slice(row * inF, inF);
                LinearRows.AddScaledRows(w, inF, g, 1, outF, dx, inF);
            }
        }

        /// <summary>dW[o, :] += Σ_n g[n, o] · X[n, :]; each weight row is owned by one item, so the sum order is fixed.</summary>
        private readonly struct WeightGradientRows(Tensor gradOutput, Tensor input, Tensor weightGrad) : IKernelJob
        {
            public void Execute(int o, in KernelBuffers _)
            {
                int inF = weightGrad.Dim(1), outF = weightGrad.Dim(0), n = input.Dim(0);
                ReadOnlySpan<float> g = gradOutput.AsSpan();
                ReadOnlySpan<float> x = input.AsSpan();
                Span<float> dw = weightGrad.AsSpan().Slice(o * inF, inF);
                LinearRows.AddScaledRows(x, inF, g.Slice(o), outF, n, dw, inF);
            }
        }
    }
}
