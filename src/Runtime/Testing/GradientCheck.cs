using System;
using System.Collections.Generic;

namespace ConvGen.Testing
{
    /// <summary>
    /// Checks a layer's <see cref="ILayer.Backward"/> against central finite differences. Use it on your own layers:
    /// <code>
    /// var result = GradientCheck.Run(myLayer, input);
    /// Assert.True(result.MaxRelativeError &lt; 1e-3, result.ToString());
    /// </code>
    /// The scalar checked is <c>L = Σ output ⊙ R</c> for a fixed random tensor <c>R</c>, so <c>dL/dOutput = R</c> exercises
    /// every output with a different weight. For each checked element <c>v</c> of the input and of every parameter the
    /// numerical derivative is <c>(L(v + ε) − L(v − ε)) / (v⁺ − v⁻)</c>, where <c>v⁺</c>, <c>v⁻</c> are the float32 values
    /// actually stored and the losses are summed in double precision, so float rounding of the perturbation does not bias
    /// the result. The analytic gradient comes from one <c>Forward</c> and one <c>Backward</c>.
    /// </summary>
    /// <remarks>
    /// Layers compute in float32, so expect relative errors around 1e-4 to 1e-3 for smooth layers with
    /// <see cref="GradientCheckOptions.Epsilon"/> = 1e-2. Non-smooth layers (ReLU, max pooling) only agree when no input lies
    /// within ε of a kink or a tie: choose such inputs. The layer is left as found: its parameter values and accumulated
    /// gradients are restored afterwards (the input tensor too).
    /// </remarks>
    public static class GradientCheck
    {
        /// <summary>Checks the input gradient and every parameter gradient of <paramref name="layer"/> at <paramref name="input"/>.</summary>
        public static GradientCheckResult Run(ILayer layer, Tensor input, GradientCheckOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(layer);
            ArgumentNullException.ThrowIfNull(input);
            options ??= new GradientCheckOptions();
            if (!(options.Epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.Epsilon, "Epsilon must be positive.");
            var random = new Random(options.Seed);
            IReadOnlyList<Parameter> parameters = layer.Parameters;

            // Keep the layer's accumulated gradients so the check leaves no trace.
            var savedGrads = new float[parameters.Count][];
            for (int i = 0; i < parameters.Count; i++)
            {
                savedGrads[i] = parameters[i].Grad.ToArray();
                parameters[i].ZeroGrad();
            }

            try
            {
                Tensor output = layer.Forward(input);
                var lossWeights = new Tensor(output.Shape.ToArray());
                Rng.Uniform(random, lossWeights.AsSpan(), 1.0);
                Tensor analyticInput = layer.Backward(lossWeights.Clone()).Clone();
                if (!analyticInput.HasShape(input.Shape))
                    throw new InvalidOperationException($"Backward returned a gradient of shape {analyticInput.ShapeString} for an input of shape {input.ShapeString}.");
                var analyticParams = new float[parameters.Count][];
                for (int i = 0; i < parameters.Count; i++) analyticParams[i] = parameters[i].Grad.ToArray();

                double Loss()
                {
                    ReadOnlySpan<float> y = layer.Forward(input).AsSpan();
                    ReadOnlySpan<float> r = lossWeights.AsSpan();
                    if (y.Length != r.Length) throw new InvalidOperationException("The layer's output size changed between forward passes.");
                    double sum = 0;
                    for (int k = 0; k < y.Length; k++) sum += (double)y[k] * r[k];
                    return sum;
                }

                GradientError inputError = Compare(input, analyticInput.AsSpan(), Loss, options, random);
                var paramErrors = new Dictionary<string, GradientError>(StringComparer.Ordinal);
                for (int i = 0; i < parameters.Count; i++)
                    paramErrors[parameters[i].Name] = Compare(parameters[i].Value, analyticParams[i], Loss, options, random);
                return new GradientCheckResult(inputError, paramErrors);
            }
            finally
            {
                for (int i = 0; i < parameters.Count; i++) savedGrads[i].CopyTo(parameters[i].Grad.AsSpan());
            }
        }

        private static GradientError Compare(Tensor tensor, ReadOnlySpan<float> analytic, Func<double> loss, GradientCheckOptions options, Random random)
        {
            Span<float> values = tensor.AsSpan();
            int[] positions = Positions(values.Length, options.MaxElementsPerTensor, random);
            double maxAbs = 0, maxRel = 0;
            int worst = -1;
            foreach (int k in positions)
            {
                float original = values[k];
                float plus = (float)(original + options.Epsilon), minus = (float)(original - options.Epsilon);
                values[k] = plus;
                double lossPlus = loss();
                values[k] = minus;
                double lossMinus = loss();
                values[k] = original;
                double numeric = (lossPlus - lossMinus) / ((double)plus - minus);
                double abs = Math.Abs(numeric - analytic[k]);
                double rel = abs / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(analytic[k])), options.RelativeFloor);
                if (abs > maxAbs) maxAbs = abs;
                if (rel > maxRel || worst < 0) { maxRel = Math.Max(maxRel, rel); worst = k; }
            }
            return new GradientError(maxAbs, maxRel, positions.Length, worst);
        }

        private static int[] Positions(int length, int max, Random random)
        {
            if (length <= max)
            {
                var all = new int[length];
                for (int i = 0; i < length; i++) all[i] = i;
                return all;
            }
            var picked = new int[length];
            for (int i = 0; i < length; i++) picked[i] = i;
            random.Shuffle(picked);
            return picked.AsSpan(0, max).ToArray();
        }
    }
}
