using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace ConvGen.Optimizers
{
    /// <summary>
    /// Adam with PyTorch's <c>torch.optim.Adam</c> update (weight decay as an L2 term, not AdamW), at step <c>t</c>:
    /// <code>
    /// g = g + weightDecay · p
    /// m = β1 · m + (1 − β1) · g
    /// v = β2 · v + (1 − β2) · g²
    /// p = p − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
    /// </code>
    /// Each parameter counts its own t, the steps it took part in, as PyTorch does: a parameter frozen for a while
    /// (<see cref="Parameter.RequiresGrad"/> false) resumes with the bias correction of its own updates.
    /// </summary>
    public sealed class Adam : Optimizer
    {
        private readonly int[] _steps;
        private readonly float[][] _m;
        private readonly float[][] _v;
        private readonly float[][] _scratch;

        /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
        public Adam(IReadOnlyList<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
            float epsilon = 1e-8f, float weightDecay = 0) : base(parameters, learningRate)
        {
            if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
            if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
            if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be non-negative.");
            if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be non-negative.");
            Beta1 = beta1;
            Beta2 = beta2;
            Epsilon = epsilon;
            WeightDecay = weightDecay;
            _steps = new int[parameters.Count];
            _m = new float[parameters.Count][];
            _v = new float[parameters.Count][];
            _scratch = new float[parameters.Count][];
            for (int i = 0; i < parameters.Count; i++)
            {
                int n = parameters[i].Value.Length;
                _m[i] = new float[n];
                _v[i] = new float[n];
                _scratch[i] = new float[n];
            }
        }

        /// <summary>Decay rate of the first-moment (mean) estimate.</summary>
        public float Beta1 { get; }
        /// <summary>Decay rate of the second-moment (uncentred variance) estimate.</summary>
        public float Beta2 { get; }
        /// <summary>Added to the denominator for numerical stability.</summary>
        public float Epsilon { get; }
        /// <summary>L2 penalty added to the gradient as <c>weightDecay · p</c>.</summary>
        public float WeightDecay { get; }

        /// <inheritdoc />
        protected override void Update(int index, Parameter parameter)
        {
            Span<float> p = parameter.Value.AsSpan();
            Span<float> m = _m[index], v = _v[index], tmp = _scratch[index];
            ReadOnlySpan<float> g = parameter.Grad.AsSpan();
            if (WeightDecay != 0)
            {
                TensorPrimitives.MultiplyAdd(p, WeightDecay, g, tmp);
                g = tmp;
            }
            TensorPrimitives.Lerp(m, g, 1 - Beta1, m);                  // m = m + (1 − β1)(g − m)
            TensorPrimitives.Multiply(v, Beta2, v);
            // tmp may alias g (weight decay), so square into it only after the last read of g.
            TensorPrimitives.Multiply(g, g, tmp);
            TensorPrimitives.MultiplyAdd(tmp, 1 - Beta2, v, v);         // v = β2 v + (1 − β2) g²

            int t = ++_steps[index];
            double biasCorrection1 = 1 - Math.Pow(Beta1, t);
            double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, t));
            float stepSize = (float)(LearningRate / biasCorrection1);
            TensorPrimitives.Sqrt(v, tmp);
            TensorPrimitives.Divide(tmp, (float)biasCorrection2Sqrt, tmp);
            TensorPrimitives.Add(tmp, Epsilon, tmp);                    // denom = sqrt(v) / sqrt(1 − β2^t) + ε
            TensorPrimitives.Divide(m, tmp, tmp);
            TensorPrimitives.MultiplyAdd(tmp, -stepSize, p, p);
        }
    }
}
