using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using System.Threading.Tasks;

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
        public Tensor Forward(Tensor input)
        {
            LayerChecks.Rank(input, 2, nameof(Linear), "[N, In]", nameof(input));
            if (input.Dim(1) != InFeatures)
                throw new ArgumentException($"{nameof(Linear)} expects input of shape [N, {InFeatures}], got {input.ShapeString}.", nameof(input));
            int n = input.Dim(0), inF = InFeatures, outF = OutFeatures;
            var output = new Tensor(n, outF);
            Rows(n, (long)inF * outF, row =>
            {
                ReadOnlySpan<float> x = input.AsSpan().Slice(row * inF, inF);
                ReadOnlySpan<float> w = Weight.AsSpan();
                Span<float> y = output.AsSpan().Slice(row * outF, outF);
                for (int o = 0; o < outF; o++) y[o] = TensorPrimitives.Dot(x, w.Slice(o * inF, inF));
                if (Bias is not null) TensorPrimitives.Add(y, Bias.AsSpan(), y);
            });
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
            var gradInput = new Tensor(n, inF);

            // dX[n, :] = Σ_o g[n, o] · W[o, :]
            Rows(n, (long)inF * outF, row =>
            {
                ReadOnlySpan<float> g = gradOutput.AsSpan().Slice(row * outF, outF);
                ReadOnlySpan<float> w = Weight.AsSpan();
                Span<float> dx = gradInput.AsSpan().Slice(row * inF, inF);
                for (int o = 0; o < outF; o++) TensorPrimitives.MultiplyAdd(w.Slice(o * inF, inF), g[o], dx, dx);
            });

            // dW[o, :] += Σ_n g[n, o] · X[n, :]   (each weight row owned by one thread, so the sum order is fixed)
            Rows(outF, (long)inF * n, o =>
            {
                ReadOnlySpan<float> g = gradOutput.AsSpan();
                ReadOnlySpan<float> x = input.AsSpan();
                Span<float> dw = WeightGrad.AsSpan().Slice(o * inF, inF);
                for (int row = 0; row < n; row++) TensorPrimitives.MultiplyAdd(x.Slice(row * inF, inF), g[row * outF + o], dw, dw);
            });

            // db += Σ_n g[n, :]
            if (BiasGrad is not null)
            {
                Span<float> db = BiasGrad.AsSpan();
                for (int row = 0; row < n; row++) TensorPrimitives.Add(db, gradOutput.AsSpan().Slice(row * outF, outF), db);
            }
            return gradInput;
        }

        private static void Rows(int rows, long workPerRow, Action<int> body)
        {
            int threads = Kernels.ParallelRunner.MaxThreads;
            if (rows > 1 && rows * workPerRow >= MinimumParallelWork && threads > 1)
                Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
            else
                for (int r = 0; r < rows; r++) body(r);
        }
    }
}
