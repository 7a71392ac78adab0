using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the pointwise forward's GEMM for machines without AVX-512 (AVX2 + FMA): tiles of
    /// <see cref="KernelPlanner.PointwiseRows256"/> output channels x <see cref="KernelPlanner.PointwiseVectors256"/> vectors
    /// of 8 pixels, 12 accumulators, per input channel 3 loads and 4 broadcasts for 12 multiply-adds, over weights packed in
    /// blocks of 4 channels. AVX-512's 11-channel blocks would run on AVX2 as 6 x 2 and 5 x 2 parts (8 and 7 loads per 12 and
    /// 10 multiply-adds, and 10 or 8 accumulators in the 5- and 4-channel parts); on the 256 -> 64 layer over 28 x 28 this
    /// tile ran 0.87-0.92x their time (Zen 3, 1 thread, paired windows), with the same sums in the same order.
    /// </summary>
    internal static class PointwiseGemm256Emitter
    {
        private const int Rows = KernelPlanner.PointwiseRows256, Vectors = KernelPlanner.PointwiseVectors256, Lanes = 8;

        /// <summary>Floats of the weights packed for these tiles: [group][block of 4 outputs][input channel][4], short blocks zero-filled.</summary>
        public static int WeightsLength(LayerSpec s) => s.Groups * BlocksPerGroup(s) * Rows * s.InChannelsPerGroup;

        private static int BlocksPerGroup(LayerSpec s) => (s.OutChannelsPerGroup + Rows - 1) / Rows;

        /// <summary>The job's branch for these tiles: its own weights offset per group, then the tile loop.</summary>
        public static void EmitExecuteBranch(SourceWriter w, LayerSpec s)
        {
            w.Open("if (RunsGemm256)");
            w.Line($"ref float weights256 = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), group * {BlocksPerGroup(s) * Rows * s.InChannelsPerGroup});");
            w.Line("Pixels256(ref src, ref weights256, ref bias, ref dst, _pixels, chunk, _chunks);");
            w.Line("return;");
            w.Close();
        }

        public static void Emit(SourceWriter w, LayerSpec s)
        {
            int blocks = BlocksPerGroup(s), rem = s.OutChannelsPerGroup % Rows, span = Vectors * Lanes;
            w.Line($"/// <summary>Pixel run chunk of chunks of one image and group without AVX-512: per {span}-pixel tile, {blocks} block(s) of {Rows} output channels.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void Pixels256(ref float src, ref float weights, ref float bias, ref float dst, int pixels, int chunk, int chunks)");
            ForwardEmitter.EmitPixelTiles(w, span.ToString(), "input columns (InChannels x span floats)", generic: false);
            ForwardEmitter.EmitBlockLoop(w, s, blocks, Rows, rem, Rows * s.InChannelsPerGroup, "tileDst", "plane",
                channels => $"Gemm{channels}x{Vectors}(ref tileSrc, ref blockWeights, ref blockBias, ref blockDst, plane)");
            w.Close();
            w.Close();
            w.Line();
            EmitTile(w, s, Rows);
            if (rem != 0) EmitTile(w, s, rem);
        }

        /// <summary>One tile: accumulators a{channel}_{vector}, started from the bias, summed over input channels in order.</summary>
        private static void EmitTile(SourceWriter w, LayerSpec s, int channels)
        {
            w.Line($"/// <summary>{channels} output channel(s) x {Vectors * Lanes} pixels over {s.InChannelsPerGroup} input channels: per input channel {Vectors} loads, {channels} broadcast(s), {channels * Vectors} multiply-adds.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Gemm{channels}x{Vectors}(ref float src, ref float weights, ref float bias, ref float dst, nuint plane)");
            for (int c = 0; c < channels; c++)
            {
                string start = s.HasBias ? $"CGVector256.Create({Names.Unsafe}.Add(ref bias, {c}))" : "CGFloat256.Zero";
                w.Line($"CGFloat256 a{c}_0 = {start}, {Join(Vectors - 1, v => $"a{c}_{v + 1} = a{c}_0")};");
            }
            w.Open($"for (int c = 0; c < {s.InChannelsPerGroup}; c++)");
            w.Line($"CGFloat256 {Join(Vectors, v => $"x{v} = CGVector256.LoadUnsafe(ref src, {v * Lanes})")};");
            for (int c = 0; c < channels; c++)
                w.Line($"{{ CGFloat256 wv = CGVector256.Create({Names.Unsafe}.Add(ref weights, {c})); {Join(Vectors, v => $"a{c}_{v} = CGVector256.FusedMultiplyAdd(x{v}, wv, a{c}_{v});", " ")} }}");
            w.Line($"src = ref {Names.Unsafe}.Add(ref src, plane);");
            w.Line($"weights = ref {Names.Unsafe}.Add(ref weights, {Rows}); // blocks are packed {Rows} wide, short ones zero-filled");
            w.Close();
            for (int c = 0; c < channels; c++)
            {
                string row = c == 0 ? "ref dst" : $"ref {Names.Unsafe}.Add(ref dst, plane * {c})";
                w.Line(Join(Vectors, v => $"CGVector256.StoreUnsafe(a{c}_{v}, {row}, {v * Lanes});", " "));
            }
            w.Close();
            w.Line();
        }

        private static string Join(int count, System.Func<int, string> item, string separator = ", ")
        {
            var items = new string[count];
            for (int i = 0; i < count; i++) items[i] = item(i);
            return string.Join(separator, items);
        }
    }
}
