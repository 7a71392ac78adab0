using System.Collections.Generic;

namespace ConvGen
{
    /// <summary>
    /// A differentiable layer. <see cref="Forward"/> remembers what <see cref="Backward"/> needs; <see cref="Backward"/>
    /// returns the gradient with respect to the last forward input and accumulates parameter gradients (PyTorch semantics:
    /// two calls add up, the optimizer zeroes them).
    /// <para>
    /// Buffer ownership: ConvGen's layers (runtime and generated) return tensors they keep and reuse while the shape stays
    /// the same, so a training step in steady state allocates nothing. A tensor returned by <see cref="Forward"/> is valid
    /// until that layer's next <see cref="Forward"/>; one returned by <see cref="Backward"/> until its next
    /// <see cref="Backward"/>. <see cref="Tensor.Clone"/> a result to keep it longer. A layer never writes into the tensor
    /// it was given, and if that tensor shares memory with its own buffer it takes a fresh one.
    /// </para>
    /// </summary>
    public interface ILayer
    {
        /// <summary>Computes the layer's output (valid until this layer's next <see cref="Forward"/>).</summary>
        Tensor Forward(Tensor input);

        /// <summary>Given dLoss/dOutput of the last <see cref="Forward"/>, returns dLoss/dInput (valid until this layer's next <see cref="Backward"/>) and accumulates parameter gradients.</summary>
        Tensor Backward(Tensor gradOutput);

        /// <summary>The learnable parameters (empty for parameter-free layers).</summary>
        IReadOnlyList<Parameter> Parameters { get; }

        /// <summary>Switches between training and evaluation behaviour (no-op for most layers).</summary>
        void SetTraining(bool training) { }
    }
}
