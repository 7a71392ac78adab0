using System.Collections.Generic;

namespace ConvGen
{
    /// <summary>
    /// A differentiable layer. <see cref="Forward"/> remembers what <see cref="Backward"/> needs; <see cref="Backward"/>
    /// returns the gradient with respect to the last forward input and accumulates parameter gradients (PyTorch semantics:
    /// two calls add up, the optimizer zeroes them).
    /// </summary>
    public interface ILayer
    {
        /// <summary>Computes the layer's output.</summary>
        Tensor Forward(Tensor input);

        /// <summary>Given dLoss/dOutput of the last <see cref="Forward"/>, returns dLoss/dInput and accumulates parameter gradients.</summary>
        Tensor Backward(Tensor gradOutput);

        /// <summary>The learnable parameters (empty for parameter-free layers).</summary>
        IReadOnlyList<Parameter> Parameters { get; }

        /// <summary>Switches between training and evaluation behaviour (no-op for most layers).</summary>
        void SetTraining(bool training) { }
    }
}
