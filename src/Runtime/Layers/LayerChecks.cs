using System;

namespace ConvGen.Layers
{
    /// <summary>The argument checks every runtime layer shares, so all of them word their errors the same way.</summary>
    internal static class LayerChecks
    {
        /// <summary>Throws unless <paramref name="tensor"/> has rank <paramref name="rank"/>.</summary>
        public static void Rank(Tensor tensor, int rank, string layer, string layout, string paramName)
        {
            ArgumentNullException.ThrowIfNull(tensor, paramName);
            if (tensor.Rank != rank)
                throw new ArgumentException($"{layer} expects {paramName} of rank {rank} {layout}, got shape {tensor.ShapeString}.", paramName);
        }

        /// <summary>Throws unless <paramref name="tensor"/> has exactly the shape <paramref name="expected"/>.</summary>
        public static void Shape(Tensor tensor, ReadOnlySpan<int> expected, string layer, string paramName)
        {
            ArgumentNullException.ThrowIfNull(tensor, paramName);
            if (!tensor.HasShape(expected))
                throw new ArgumentException($"{layer} expects {paramName} of shape {Tensor.Format(expected)}, got {tensor.ShapeString}.", paramName);
        }

        /// <summary>The exception for <c>Backward</c> called before any <c>Forward</c>.</summary>
        public static InvalidOperationException BackwardBeforeForward(string layer)
            => new($"{layer}.Backward was called before Forward; there is no forward pass to differentiate.");

        /// <summary>Throws unless <paramref name="value"/> is at least <paramref name="minimum"/>.</summary>
        public static void AtLeast(int value, int minimum, string paramName)
        {
            if (value < minimum)
                throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least {minimum}, got {value}.");
        }
    }
}
