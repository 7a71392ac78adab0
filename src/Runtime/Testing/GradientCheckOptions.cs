namespace ConvGen.Testing
{
    /// <summary>Settings for <see cref="GradientCheck.Run"/>.</summary>
    public sealed class GradientCheckOptions
    {
        /// <summary>Perturbation ε of the central difference (default 1e-2, suited to float32 layers).</summary>
        public double Epsilon { get; init; } = 1e-2;

        /// <summary>
        /// Lower bound of the denominator of the relative error <c>|a − n| / max(|a|, |n|, floor)</c> (default 1e-3), so that
        /// gradients that are both nearly zero are judged by their absolute difference instead of blowing up.
        /// </summary>
        public double RelativeFloor { get; init; } = 1e-3;

        /// <summary>Check at most this many randomly chosen elements per tensor (default: all), to bound the cost on big layers.</summary>
        public int MaxElementsPerTensor { get; init; } = int.MaxValue;

        /// <summary>Seed of the loss weights and of the element sample (default 0), so a check is repeatable.</summary>
        public int Seed { get; init; }
    }
}
