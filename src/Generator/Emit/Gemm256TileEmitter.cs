using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the AVX2 GEMM tile the 1x1 forward (PointwiseGemm256Emitter) and the panel forward (PanelForward256Emitter)
    /// share: <see cref="KernelPlanner.PointwiseRows256"/> output channels x <see cref="KernelPlanner.PointwiseVectors256"/>
    /// vectors of 8 pixels, 12 accumulators started from the bias and summed over the reduction in order, per step 3 loads
    /// and 4 broadcasts for 12 multiply-adds, over weights packed 4 wide (ConvPacking.PackForwardWeights with block 4; a
    /// short block is zero-filled, so its tiles still step 4 floats).
    /// </summary>
    internal static class Gemm256TileEmitter
    {
        public const int Rows = KernelPlanner.PointwiseRows256, Vectors = KernelPlanner.PointwiseVectors256, Lanes = 8;

        /// <summary>Pixels per tile.</summary>
        public const int Span = Vectors * Lanes;

        /// <summary>Blocks of <see cref="Rows"/> output channels per group.</summary>
        public static int BlocksPerGroup(LayerSpec s) => (s.OutChannelsPerGroup + Rows - 1) / Rows;

        /// <summary>Floats of the weights packed for these tiles: [group][block of 4 outputs][reduction][4].</summary>
        public static int WeightsLength(LayerSpec s) => s.Groups * BlocksPerGroup(s) * Rows * s.InChannelsPerGroup * s.Taps;

        /// <summary>
        /// <c>{name}(ref src, ref weights, ref bias, ref dst, nuint srcStep, nuint dstStride)</c>: <paramref name="channels"/>
        /// output rows of dst (dstStride apart) x 24 pixels = bias + the sum over <paramref name="reduction"/> steps of a
        /// weight times src's 24 floats, src advancing srcStep floats per step.
        /// </summary>
        public static void EmitTile(SourceWriter w, LayerSpec s, string name, int channels, int reduction, string what)
        {
            w.Line($"/// <summary>{channels} output channel(s) x {Span} pixels over {reduction} {what}: per step {Vectors} loads, {channels} broadcast(s), {channels * Vectors} multiply-adds.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void {name}(ref float src, ref float weights, ref float bias, ref float dst, nuint srcStep, nuint dstStride)");
            for (int c = 0; c < channels; c++)
            {
                string start = s.HasBias ? $"CGVector256.Create({Names.Unsafe}.Add(ref bias, {c}))" : "CGFloat256.Zero";
                w.Line($"CGFloat256 a{c}_0 = {start}, {CodeList.Join(Vectors - 1, v => $"a{c}_{v + 1} = a{c}_0")};");
            }
            w.Open($"for (int k = 0; k < {reduction}; k++)");
            w.Line($"CGFloat256 {CodeList.Join(Vectors, v => $"x{v} = CGVector256.LoadUnsafe(ref src, {v * Lanes})")};");
            for (int c = 0; c < channels; c++)
                w.Line($"{{ CGFloat256 wv = CGVector256.Create({Names.Unsafe}.Add(ref weights, {c})); {CodeList.Join(Vectors, v => $"a{c}_{v} = CGVector256.FusedMultiplyAdd(x{v}, wv, a{c}_{v});", " ")} }}");
            w.Line($"src = ref {Names.Unsafe}.Add(ref src, srcStep);");
            w.Line($"weights = ref {Names.Unsafe}.Add(ref weights, {Rows}); // blocks are packed {Rows} wide, short ones zero-filled");
            w.Close();
            for (int c = 0; c < channels; c++)
            {
                string row = c == 0 ? "ref dst" : $"ref {Names.Unsafe}.Add(ref dst, dstStride * {c})";
                w.Line(CodeList.Join(Vectors, v => $"CGVector256.StoreUnsafe(a{c}_{v}, {row}, {v * Lanes});", " "));
            }
            w.Close();
            w.Line();
        }

        /// <summary>Floats per panel row of the strided panel forward (PanelForward256Emitter): a tile's 24 pixels, rounded up to whole cache lines.</summary>
        public const int PanelRow = 32;

        /// <summary>Where a panel of <paramref name="rows"/> rows of <paramref name="rowFloats"/> stays while the blocks' tiles read it (for the emitted comment).</summary>
        public static string PanelCache(int rows, int rowFloats = PanelRow) => rows * rowFloats * sizeof(float) <= 16384 ? "L1" : "L2";

        /// <summary>The emitted test for whether these tiles run: AVX2 with FMA and no AVX-512 (a JIT-time constant).</summary>
        public const string Supported = "!global::ConvGen.Simd.V512.IsSupported && global::ConvGen.Simd.V256.IsSupported";
    }
}
