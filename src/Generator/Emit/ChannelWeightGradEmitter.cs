using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the channel-vector weight gradient (AVX2 without AVX-512, where output rows are narrower than two vectors): a vector
    /// holds 8 output channels of one pixel instead of 8 pixels of one channel, so rows of any width fill every lane (LeNet C3's
    /// rows of 10 used 10 of 16 lanes in the pixel-vector kernel). dY is first transposed to pixel-major [n, pixel, channel]
    /// (ConvPacking.TransposeGradOutputJob); then for one input channel and one kernel row, each output pixel loads the dY
    /// vectors of 16 output channels once and broadcasts each of the K2 input pixels its taps read into 2 accumulators:
    /// K2 x 2 accumulators, 2 + K2 loads per 2 K2 multiply-adds, summed over every image and pixel in registers.
    /// </summary>
    internal static class ChannelWeightGradEmitter
    {
        private const int Lanes = KernelPlanner.ChannelWeightGradVector;

        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int blocks = s.OutChannels / (2 * Lanes);
            w.Line("/// <summary>");
            w.Line($"/// Channel-vector weight-gradient work item = (input channel, kernel row): for each block of {2 * Lanes} output channels, {s.K2} taps x 2");
            w.Line("/// vectors of accumulators over every image and output pixel, then added into WeightGrad. Items own disjoint weights and");
            w.Line("/// sum in one fixed order: the same bits on any thread count.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct ChannelWeightGradJob : {Names.Job}");
            w.Line("/// <summary>Work items: input channels x kernel rows.</summary>");
            w.Line($"public const int Items = InChannels * {s.K1};");
            w.Line("private readonly int _batch, _outHeight, _outWidth, _rowStride, _planeStride;");
            w.Line($"public ChannelWeightGradJob(in {Names.Layout} layout, int batch)");
            w.Line("    { _batch = batch; _outHeight = layout.OutHeight; _outWidth = layout.OutWidth; _rowStride = layout.RowStride; _planeStride = layout.PlaneStride; }");
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// Whether it runs for this packed input: AVX2 without AVX-512 (whose flat-plane kernel keeps its lanes busy), rows of the");
            w.Line($"/// packed layout (not flat planes), and output rows narrower than two vectors of {Lanes}, where pixel vectors waste lanes.");
            w.Line("/// </summary>");
            w.Line($"public static bool Runs(in {Names.Layout} layout) => global::ConvGen.Simd.V256.IsSupported && !{Names.Kernels}.FlatTileStore.IsSupported && !layout.FlatPlanes && layout.OutWidth < {2 * Lanes};");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line($"int ci = index / {s.K1}, ky = index % {s.K1};");
            w.Line($"ref float x = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), ci * _planeStride + ky * _rowStride);");
            w.Line($"ref float gt = ref {Names.MemoryMarshal}.GetReference(buffers.B1);");
            w.Line($"ref float gw = ref {Names.MemoryMarshal}.GetReference(buffers.B2);");
            w.Line($"global::System.Span<float> lanes = stackalloc float[{Lanes}];");
            w.Open($"for (int block = 0; block < {blocks}; block++)");
            w.Line($"ChannelWeights_V256(ref x, ref {Names.Unsafe}.Add(ref gt, block * {2 * Lanes}), ref gw, ref lanes[0], block * {2 * Lanes}, ci, ky, _batch, _outHeight, _outWidth, (nuint)_rowStride, (nuint)_planeStride);");
            w.Close();
            w.Close();
            w.Close();
            w.Line();
            EmitBody(w, plan);
        }

        private static void EmitBody(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int taps = s.K2;
            w.Line($"/// <summary>One block of {2 * Lanes} output channels: {taps} taps x 2 vectors of accumulators, then dW[co0 + lane, ci, ky, kx] += lane sums.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void ChannelWeights_V256(ref float x, ref float gt, ref float gw, ref float lanes, int co0, int ci, int ky, int batch, int outHeight, int outWidth, nuint rowStride, nuint plane)");
            w.Line("nuint imageX = InChannels * plane, pixelG = OutChannels, imageG = (nuint)(outHeight * outWidth) * pixelG;");
            for (int t = 0; t < taps; t++) w.Line($"CGFloat256 a{t}_0 = CGFloat256.Zero, a{t}_1 = CGFloat256.Zero;");
            w.Open("for (int n = 0; n < batch; n++)");
            w.Open("for (int oy = 0; oy < outHeight; oy++)");
            w.Line($"ref float xRow = ref {Names.Unsafe}.Add(ref x, imageX * (nuint)n + rowStride * (nuint)oy);");
            w.Line($"ref float gRow = ref {Names.Unsafe}.Add(ref gt, imageG * (nuint)n + (nuint)(oy * outWidth) * pixelG);");
            w.Open("for (nuint ox = 0; ox < (nuint)outWidth; ox++)");
            w.Line($"CGFloat256 g0 = CGVector256.LoadUnsafe(ref gRow, ox * pixelG), g1 = CGVector256.LoadUnsafe(ref gRow, ox * pixelG + {Lanes});");
            for (int t = 0; t < taps; t++)
                w.Line($"{{ CGFloat256 xv = CGVector256.Create({Names.Unsafe}.Add(ref xRow, ox + {t})); a{t}_0 = CGVector256.FusedMultiplyAdd(xv, g0, a{t}_0); a{t}_1 = CGVector256.FusedMultiplyAdd(xv, g1, a{t}_1); }}");
            w.Close();
            w.Close();
            w.Close();
            w.Line("// Lane l of a<kx>_<v> is output channel co0 + 8v + l: through a stack row into WeightGrad [co, ci, ky, kx] (only this item writes these).");
            w.Line($"nuint perChannel = InChannels * {s.Taps}, at = (nuint)(ci * {s.Taps});");
            for (int t = 0; t < taps; t++)
            for (int v = 0; v < 2; v++)
            {
                string element = s.FlipKernel ? $"({s.K1 - 1} - ky) * {s.K2} + {s.K2 - 1 - t}" : $"ky * {s.K2} + {t}";
                w.Line($"CGVector256.StoreUnsafe(a{t}_{v}, ref lanes);");
                w.Line($"for (int l = 0; l < {Lanes}; l++) {Names.Unsafe}.Add(ref gw, (nuint)(co0 + {v * Lanes} + l) * perChannel + at + (nuint)({element})) += {Names.Unsafe}.Add(ref lanes, l);");
            }
            w.Close();
            w.Line();
        }
    }
}
