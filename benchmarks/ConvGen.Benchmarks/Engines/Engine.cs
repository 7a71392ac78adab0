namespace ConvGen.Benchmarks.Engines
{
    /// <summary>Who computes the convolution.</summary>
    public enum Engine
    {
        /// <summary>ConvGen's generated, shape-specialised kernel (registered in <c>Generated/GeneratedKernels.cs</c>).</summary>
        Generated,
        /// <summary><see cref="ConvGen.Kernels.Im2ColConv2d"/>: im2col + the runtime's GEMM, shape at run time.</summary>
        Im2Col,
        /// <summary><see cref="ConvGen.Kernels.NaiveConv2d"/>: the direct reference loop nest.</summary>
        Naive,
        /// <summary>ONNX Runtime 1.31 CPU execution provider, one Conv node (forward only).</summary>
        OnnxRuntime,
        /// <summary>libtorch 2.10 through TorchSharp, float32.</summary>
        LibTorch,
    }

    /// <summary>Facts about engines the benchmark case list depends on.</summary>
    public static class EngineTraits
    {
        /// <summary>External libraries ConvGen is compared with ("vs best peer").</summary>
        public static bool IsPeer(Engine e) => e is Engine.OnnxRuntime or Engine.LibTorch;

        /// <summary>
        /// Whether a thread count changes anything. NaiveConv2d and Im2ColConv2d run on the calling thread today, so they are
        /// measured once, at 1 thread.
        /// </summary>
        public static bool UsesThreads(Engine e) => e is Engine.Generated or Engine.OnnxRuntime or Engine.LibTorch;

        /// <summary>
        /// Whether the engine's pool threads go on spinning long after its calls return: ONNX Runtime's intra-op threads do
        /// (measured: ConvGen's 2-thread pointwise forward took 179 us per call in blocks timed after ONNX Runtime's, 108 us
        /// even 300 ms after them, against 72 us after libtorch's), so an engine timed next would share a core with them.
        /// </summary>
        public static bool LeavesThreadsSpinning(Engine e) => e == Engine.OnnxRuntime;
    }
}
