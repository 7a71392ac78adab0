namespace ConvGen.Benchmarks.Engines
{
    /// <summary>What one benchmark invocation computes.</summary>
    public enum Pass
    {
        /// <summary>y = conv(x, w) + b. One pass of FLOPs.</summary>
        Forward,
        /// <summary>A training step of the layer: forward, then dL/dx, dL/dw and dL/db (gradients cleared first). Three passes of FLOPs.</summary>
        ForwardBackward,
    }
}
