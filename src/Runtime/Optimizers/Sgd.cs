using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Optimizers
{
    /// <summary>
    /// Stochastic gradient descent with PyTorch's <c>torch.optim.SGD</c> update, per parameter <c>p</c> with gradient <c>g</c>:
    /// <code>
    /// d = g + weightDecay · p
    /// if momentum ≠ 0:
    ///     b = d                                  (first step)
    ///     b = momentum · b + (1 − dampening) · d  (later steps)
    ///     d = nesterov ? d + momentum · b : b
    /// p = p − lr · d
    /// </code>
    /// </summary>
    public sealed class Sgd : Optimizer
    {
        private readonly float[]?[] _momentumBuffers;
        private readonly float[][] _scratch;

        /// <summary>Creates the optimizer. Nesterov momentum needs <paramref name="momentum"/> &gt; 0 and zero <paramref name="dampening"/>, as in PyTorch.</summary>
        public Sgd(IReadOnlyList<Parameter> parameters, float learningRate, float momentum = 0, float dampening = 0,
            float weightDecay = 0, bool nesterov = false) : base(parameters, learningRate)
        {
            if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be non-negative.");
            if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be non-negative.");
            if (nesterov && (momentum <= 0 || dampening != 0))
                throw new ArgumentException("Nesterov momentum requires a positive momentum and zero dampening.", nameof(nesterov));
            Momentum = momentum;
            Dampening = dampening;
            WeightDecay = weightDecay;
            Nesterov = nesterov;
            _momentumBuffers = new float[]?[parameters.Count];
            _scratch = new float[parameters.Count][];
            for (int i = 0; i < parameters.Count; i++) _scratch[i] = new float[parameters[i].Value.Length];
        }

        /// <summary>Momentum factor (0: plain SGD).</summary>
        public float Momentum { get; }
        /// <summary>Dampening of the gradient's contribution to the momentum buffer.</summary>
        public float Dampening { get; }
        /// <summary>L2 penalty added to the gradient as <c>weightDecay · p</c>.</summary>
        public float WeightDecay { get; }
        /// <summary>Whether the Nesterov variant is used.</summary>
        public bool Nesterov { get; }

        /// <inheritdoc />
        protected override void Update(int index, Parameter parameter)
        {
            Span<float> p = parameter.Value.AsSpan();
            ReadOnlySpan<float> d = parameter.Grad.AsSpan();
            if (WeightDecay != 0)
            {
                Span<float> decayed = _scratch[index];
                TensorPrimitives.MultiplyAdd(p, WeightDecay, parameter.Grad.AsSpan(), decayed);   // g + wd · p
                d = decayed;
            }
            if (Momentum != 0)
            {
                float[]? buffer = _momentumBuffers[index];
                if (buffer is null)
                {
                    buffer = d.ToArray();
                    _momentumBuffers[index] = buffer;
                }
                else
                {
                    TensorPrimitives.Multiply(buffer, Momentum, buffer);
                    TensorPrimitives.MultiplyAdd(d, 1 - Dampening, buffer, buffer);
                }
                if (Nesterov)
                {
                    Span<float> look = _scratch[index];
                    TensorPrimitives.MultiplyAdd(buffer, Momentum, d, look);                       // d + momentum · b
                    d = look;
                }
                else
                {
                    d = buffer;
                }
            }
            TensorPrimitives.MultiplyAdd(d, -LearningRate, p, p);
        }
    }
}
