namespace ConvGen.Benchmarks.Engines
{
    /// <summary>What one benchmark invocation computes.</summary>
    public enum Pass
    {
        /// <summary>y = conv(x, w) + b. One pass of FLOPs.</summary>
        Forward,
        /// <summary>
        /// Backward (data + weights) of the last forward: dL/dx, dL/dw and dL/db in one call, gradients cleared first. Two
        /// passes of FLOPs. ConvGen's generated Backward computes all three at once (no separate data/weight entry points), so
        /// it is compared with libtorch's full convolution backward (autograd on a retained graph, all three gradients).
        /// </summary>
        Backward,
        /// <summary>A training step of the layer: forward, then dL/dx, dL/dw and dL/db (gradients cleared first). Three passes of FLOPs.</summary>
        ForwardBackward,
        /// <summary>
        /// Backward of the weights only: dL/dw and dL/db of the last forward, no dL/dx (the first layer of a network, whose
        /// input needs no gradient). One pass of FLOPs. ConvGen: Backward after ILayer.SetInputGradientRequired(false);
        /// libtorch: backward of a graph whose input does not require grad.
        /// </summary>
        BackwardWeights,
        /// <summary>
        /// Backward of the data only: dL/dx of the last forward, no dL/dw or dL/db (frozen parameters, as in fine-tuning).
        /// One pass of FLOPs. ConvGen: Backward with every Parameter.RequiresGrad false; libtorch: backward of a graph whose
        /// weight and bias require no grad.
        /// </summary>
        BackwardData,
    }
}
