namespace ConvGen.Generator.Emit
{
    /// <summary>Fully qualified names used in emitted code, so user code can never shadow them.</summary>
    internal static class Names
    {
        public const string Unsafe = "CGUnsafe"; // file-level alias emitted by LayerEmitter
        public const string MemoryMarshal = "CGMemoryMarshal";
        public const string Tensor = "global::ConvGen.Tensor";
        public const string Parameter = "global::ConvGen.Parameter";
        public const string Kernels = "global::ConvGen.Kernels";
        public const string Layout = "global::ConvGen.Kernels.ConvLayout";
        public const string Buffers = "global::ConvGen.Kernels.KernelBuffers";
        public const string Job = "global::ConvGen.Kernels.IKernelJob";
        public const string Runner = "global::ConvGen.Kernels.ParallelRunner";
        public const string Packing = "global::ConvGen.Kernels.ConvPacking";
        public const string PartialSums = "global::ConvGen.Kernels.PartialSums";
        public const string FloatVector = "global::ConvGen.Simd.IFloatVector";
        public const string Span = "global::System.Span<float>";
        public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";

        /// <summary>
        /// Marks a kernel method for full optimisation on its first call. Without it a call that runs for milliseconds starts in
        /// unoptimised tier-0 code, where every vector wrapper is a real call, and may never reach tier 1 in short runs.
        /// </summary>
        public const string Hot = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

        /// <summary>The width dispatch every job runs once per work item: widest accelerated vector first, scalar last.</summary>
        public static string Dispatch(string call) =>
            $"if (global::ConvGen.Simd.V512.IsSupported) {string.Format(call, "global::ConvGen.Simd.V512")};\n" +
            $"else if (global::ConvGen.Simd.V256.IsSupported) {string.Format(call, "global::ConvGen.Simd.V256")};\n" +
            $"else if (global::ConvGen.Simd.V128.IsSupported) {string.Format(call, "global::ConvGen.Simd.V128")};\n" +
            $"else {string.Format(call, "global::ConvGen.Simd.VScalar")};";
    }
}
