using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the pointwise forward's GEMM for machines without AVX-512 (AVX2 + FMA): the 4 x 24 tiles of
    /// <see cref="Gemm256TileEmitter"/> straight over the caller's input planes. AVX-512's 11-channel blocks would run on AVX2
    /// as 6 x 2 and 5 x 2 parts (8 and 7 loads per 12 and 10 multiply-adds, and 10 or 8 accumulators in the 5- and 4-channel
    /// parts); on the 256 -> 64 layer over 28 x 28 these tiles ran 0.87-0.92x their time (Zen 3, 1 thread, paired windows),
    /// with the same sums in the same order.
    /// </summary>
    internal static class PointwiseGemm256Emitter
    {
        private const int Rows = Gemm256TileEmitter.Rows;

        /// <summary>The job's branch for these tiles: its own weights offset per group, then the tile loop.</summary>
        public static void EmitExecuteBranch(SourceWriter w, LayerSpec s)
        {
            w.Open("if (RunsGemm256)");
            w.Line($"ref float weights256 = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), group * {Gemm256TileEmitter.BlocksPerGroup(s) * Rows * s.InChannelsPerGroup});");
            w.Line("Pixels256(ref src, ref weights256, ref bias, ref dst, _pixels, chunk, _chunks);");
            w.Line("return;");
            w.Close();
        }

        public static void Emit(SourceWriter w, LayerSpec s)
        {
            int blocks = Gemm256TileEmitter.BlocksPerGroup(s), rem = s.OutChannelsPerGroup % Rows;
            w.Line($"/// <summary>Pixel run chunk of chunks of one image and group without AVX-512: per {Gemm256TileEmitter.Span}-pixel tile, {blocks} block(s) of {Rows} output channels.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void Pixels256(ref float src, ref float weights, ref float bias, ref float dst, int pixels, int chunk, int chunks)");
            ForwardEmitter.EmitPixelTiles(w, Gemm256TileEmitter.Span.ToString(), "input columns (InChannels x span floats)", generic: false);
            ForwardEmitter.EmitBlockLoop(w, s, blocks, Rows, rem, Rows * s.InChannelsPerGroup, "tileDst", "plane",
                channels => $"Gemm{channels}x{Gemm256TileEmitter.Vectors}(ref tileSrc, ref blockWeights, ref blockBias, ref blockDst, plane, plane)");
            w.Close();
            w.Close();
            w.Line();
            Gemm256TileEmitter.EmitTile(w, s, $"Gemm{Rows}x{Gemm256TileEmitter.Vectors}", Rows, s.InChannelsPerGroup, "input channels (one plane apart)");
            if (rem != 0) Gemm256TileEmitter.EmitTile(w, s, $"Gemm{rem}x{Gemm256TileEmitter.Vectors}", rem, s.InChannelsPerGroup, "input channels (one plane apart)");
        }
    }
}
