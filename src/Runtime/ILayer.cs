using System.Collections.Generic;

namespace ConvGen
{
    /// <summary>
    /// A differentiable layer. <see cref="Forward"/> remembers what <see cref="Backward"/> needs; <see cref="Backward"/>
    /// returns the gradient with respect to the last forward input and accumulates parameter gradients (PyTorch semantics:
    /// two calls add up, the optimizer zeroes them).
    /// <para>
    /// Every call returns a new tensor unless <see cref="EnableBufferReuse"/> was called: then the layer keeps the tensors
    /// it returns and overwrites them on its next call while the shape stays the same, so a training step in steady state
    /// allocates nothing. <see cref="Layers.Sequential"/> enables it for the tensors that only pass between its own layers.
    /// </para>
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

        /// <summary>
        /// Lets the layer reuse the tensor <see cref="Forward"/> returns (<paramref name="output"/>) and the one
        /// <see cref="Backward"/> returns (<paramref name="inputGradient"/>): each is then valid only until the layer's next
        /// call of the same kind (<see cref="Tensor.Clone"/> it to keep it). A layer never writes into the tensor it was
        /// given, even when that is its own kept buffer. Off by default; a no-op for layers that always allocate.
        /// </summary>
        void EnableBufferReuse(bool output, bool inputGradient) { }

        /// <summary>
        /// Tells the layer whether <see cref="Backward"/> must compute dLoss/dInput (the default). The first layer of a network
        /// needs none, since its input is data (PyTorch skips it for an input that does not require grad); with
        /// <paramref name="required"/> false a layer may skip that work: <see cref="Backward"/> still accumulates the parameter
        /// gradients, but the tensor it returns has the input's shape and holds no gradient (generated convolutions fill it
        /// with zeros). A no-op for layers that compute it anyway.
        /// </summary>
        void SetInputGradientRequired(bool required) { }
    }
}
