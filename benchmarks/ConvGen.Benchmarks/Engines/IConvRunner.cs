using System;

namespace ConvGen.Benchmarks.Engines
{
    /// <summary>The three gradients of a ForwardBackward pass.</summary>
    /// <param name="Input">dL/dx.</param>
    /// <param name="Weight">dL/dw.</param>
    /// <param name="Bias">dL/db.</param>
    public sealed record ConvGradients(float[] Input, float[] Weight, float[] Bias);

    /// <summary>
    /// One engine set up for one shape and thread count, with every buffer allocated up front, so that <see cref="Run"/>
    /// measures the convolution and nothing else.
    /// </summary>
    public interface IConvRunner : IDisposable
    {
        /// <summary>Whether this runner can compute <paramref name="pass"/>.</summary>
        bool Supports(Pass pass);

        /// <summary>Computes <paramref name="pass"/> once.</summary>
        void Run(Pass pass);

        /// <summary>Runs a forward pass and returns a copy of y (for the pre-benchmark check, not for timing).</summary>
        float[] ForwardOutput();

        /// <summary>Runs forward + backward and returns copies of dL/dx, dL/dw, dL/db, or null without backward support.</summary>
        ConvGradients? BackwardOutputs();
    }
}
