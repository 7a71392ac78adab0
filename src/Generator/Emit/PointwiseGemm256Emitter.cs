using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the pointwise forward's GEMM for machines without AVX-512 (AVX2 + FMA): the 4 x 24 tiles of
    /// <see cref="Gemm256TileEmitter"/> over each tile's input columns. AVX-512's 11-channel blocks would run on AVX2 as
    /// 6 x 2 and 5 x 2 parts (8 and 7 loads per 12 and 10 multiply-adds, and 10 or 8 accumulators in the 5- and 4-channel
    /// parts); on the 256 -> 64 layer over 28 x 28 these tiles ran 0.87-0.92x their time (Zen 3, 1 thread, paired windows),
    /// with the same sums in the same order. As in the strided panel forward (PanelForward256Emitter), a tile's columns are
    /// first copied into a contiguous panel and the next tile's lines fetched into L2 while the blocks' GEMMs run: 0.91-0.92x
    /// the time of the tiles reading the planes (3 KB apart) directly, in a prototype (1 thread, paired, 3 runs).
    /// </summary>
    internal static class PointwiseGemm256Emitter
    {
        private const int Rows = Gemm256TileEmitter.Rows;
        /// <summary>
        /// Floats per panel row: the tile's 24 pixels, no slack (the strided panel's segment copies need it; this copy does not).
        /// Rows stay 32-byte aligned, and 256 channels' panel takes 24 KB instead of 32, so it fits a 32 KB L1 beside a 4 KB
        /// weight block: on the 256 -> 64 layer 1.02-1.03x faster than 32-float rows at 1 thread and 1.05x at 2 (Zen 3,
        /// paired, same results).
        /// </summary>
        private const int PanelRow = Gemm256TileEmitter.Span;

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
            w.Line($"ref float panel = ref {Names.MemoryMarshal}.GetReference({Names.Kernels}.ThreadScratch.Get({s.InChannelsPerGroup * PanelRow})); // [input channel][{PanelRow}]");
            ForwardEmitter.EmitPixelTiles(w, Gemm256TileEmitter.Span.ToString(), "panel rows", generic: false, cache: Gemm256TileEmitter.PanelCache(s.InChannelsPerGroup, PanelRow));
            w.Line("CopyPanel(ref tileSrc, ref panel, plane);");
            w.Line("if (p + span < p1) PrefetchTile(ref src, global::System.Math.Min(p + span, pixels - span), plane);");
            ForwardEmitter.EmitBlockLoop(w, s, blocks, Rows, rem, Rows * s.InChannelsPerGroup, "tileDst", "plane",
                channels => $"Gemm{channels}x{Gemm256TileEmitter.Vectors}(ref panel, ref blockWeights, ref blockBias, ref blockDst, {PanelRow}, plane)");
            w.Close();
            w.Close();
            w.Line();
            w.Line($"/// <summary>A tile's {Gemm256TileEmitter.Span} pixels of every input plane into consecutive {PanelRow}-float panel rows (the GEMM then reads one contiguous block).</summary>");
            w.Line(Names.Hot);
            w.Open("private static void CopyPanel(ref float from, ref float to, nuint plane)");
            w.Open($"for (int c = 0; c < {s.InChannelsPerGroup}; c++)");
            w.Line(CodeList.Join(Gemm256TileEmitter.Vectors, v => $"CGVector256.StoreUnsafe(CGVector256.LoadUnsafe(ref from, {v * 8}), ref to, {v * 8});", " "));
            w.Line($"from = ref {Names.Unsafe}.Add(ref from, plane);");
            w.Line($"to = ref {Names.Unsafe}.Add(ref to, {PanelRow});");
            w.Close();
            w.Close();
            w.Line();
            w.Line("/// <summary>Fetches into L2 the input lines of the tile at <paramref name=\"at\"/> (its first and last float in every plane) while the current tile's GEMMs run.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void PrefetchTile(ref float src, int at, nuint plane)");
            w.Line($"ref float from = ref {Names.Unsafe}.Add(ref src, at);");
            w.Open($"for (int c = 0; c < {s.InChannelsPerGroup}; c++, from = ref {Names.Unsafe}.Add(ref from, plane))");
            w.Line($"{Names.Kernels}.Prefetch.LineL2(ref from, 0); {Names.Kernels}.Prefetch.LineL2(ref from, {Gemm256TileEmitter.Span - 1});");
            w.Close();
            w.Close();
            w.Line();
            Gemm256TileEmitter.EmitTile(w, s, $"Gemm{Rows}x{Gemm256TileEmitter.Vectors}", Rows, s.InChannelsPerGroup, "input channels (panel rows)");
            if (rem != 0) Gemm256TileEmitter.EmitTile(w, s, $"Gemm{rem}x{Gemm256TileEmitter.Vectors}", rem, s.InChannelsPerGroup, "input channels (panel rows)");
        }
    }
}
