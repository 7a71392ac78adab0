using System.Collections.Generic;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the panel forward of strided layers for machines without AVX-512 (KernelPlan.PanelForward): the output plane is
    /// cut into runs of 24 consecutive pixels across row ends; for each run the taps' input is copied from the packed input
    /// into a panel (one 32-float row per input channel and tap, in the weights' order), and the 4 x 24 GEMM tiles of
    /// <see cref="Gemm256TileEmitter"/> reduce over it. The per-row pixel tiles leave lanes idle where rows are not a multiple
    /// of 16 (stride-2 ResNet layer: 28 of 32) and split AVX-512's 12-channel blocks into 6-channel parts (8 loads per 12
    /// multiply-adds); here every lane is useful but the tail tile's and 7 loads feed 12. The sums are the direct kernel's,
    /// in its order (input channel, then tap). While a run's GEMMs execute, the next run's input lines are fetched into L2.
    /// On the stride-2 ResNet layer (64 -> 128, 56 x 56, 1 thread, paired with the row tiles): 0.80-0.86x the time; with
    /// the panel copy alone and no prefetch 0.89-0.91x, the GEMMs over a ready panel 0.77-0.80x. The same layer at other
    /// sizes: 0.92x (30 columns, 94 % of the row tiles' lanes useful), 0.92x (14), 0.90x (7). A shallow one (3 -> 64, 7 x 7)
    /// gains nothing: 1.03x (100 columns), 0.97x (28), 0.94x (14), and 1.21x on the ResNet stem's 112 columns, which fill
    /// the row tiles; so it runs only where rows are not a multiple of 16 (PanelForwardJob.Runs).
    /// </summary>
    internal static class PanelForward256Emitter
    {
        private const int Span = Gemm256TileEmitter.Span, Rows = Gemm256TileEmitter.Rows, Vectors = Gemm256TileEmitter.Vectors;

        /// <summary>Floats per panel row: the run's 24 pixels and room for a segment's last whole vector (see BuildPanel).</summary>
        private const int PanelRow = Gemm256TileEmitter.PanelRow;

        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int reduction = s.InChannelsPerGroup * s.Taps;
            int blocks = Gemm256TileEmitter.BlocksPerGroup(s), rem = s.OutChannelsPerGroup % Rows;
            EmitJob(w, s, blocks, reduction);
            EmitTiles(w, s, blocks, rem, reduction);
            EmitBuildPanel(w, s);
            for (int v = 1; v <= Vectors; v++) EmitSegment(w, plan, v);
            EmitPrefetch(w, plan);
            Gemm256TileEmitter.EmitTile(w, s, $"PanelGemm{Rows}x{Vectors}", Rows, reduction, "panel rows (input channels x taps)");
            if (rem != 0) Gemm256TileEmitter.EmitTile(w, s, $"PanelGemm{rem}x{Vectors}", rem, reduction, "panel rows (input channels x taps)");
        }

        private static void EmitJob(SourceWriter w, LayerSpec s, int blocks, int reduction)
        {
            w.Line("/// <summary>");
            w.Line($"/// Panel work item (AVX2 without AVX-512) = (image, group, run of whole {Span}-pixel tiles along the flattened output plane); the");
            w.Line("/// last item of an image also takes the tail, one tile shifted back to end at the plane's end (tiles only store, so the overlap");
            w.Line("/// is harmless). Reads the packed input (Backward's layout), so it serves training and evaluation alike.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct PanelForwardJob : {Names.Job}");
            w.Line($"private readonly {Names.Layout} _layout;");
            w.Line("private readonly int _chunks;");
            w.Line($"public PanelForwardJob({Names.Layout} layout, int chunks) {{ _layout = layout; _chunks = chunks; }}");
            w.Line();
            w.Line("/// <summary>Whether the panel can run on this machine: AVX2 with FMA and no AVX-512 (whose flat plane keeps those lanes busy).</summary>");
            w.Line($"public static bool IsSupported => {Gemm256TileEmitter.Supported};");
            w.Line();
            w.Line($"/// <summary>Whether it runs for this layout: a plane of at least one tile, whose rows leave the {2 * 8}-pixel row tiles' lanes partly idle.</summary>");
            w.Line($"public static bool Runs(in {Names.Layout} l) => IsSupported && l.OutHeight * l.OutWidth >= {Span} && l.OutWidth % 16 != 0;");
            w.Line();
            w.Line("/// <summary>Tile runs per image and group: enough items for every core to get two, at most one per whole tile.</summary>");
            w.Line($"public static int Chunks(int batch, int pixels) => {ForwardEmitter.ChunksExpression($"pixels / {Span}")};");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int group = rest % Groups, n = rest / Groups;");
            ForwardEmitter.EmitItemPointers(w, s, blocks, Rows * reduction, "_layout.PlaneStride", "_layout.OutHeight * _layout.OutWidth");
            w.Line("PanelTiles(ref src, ref weights, ref bias, ref dst, _layout, chunk, _chunks);");
            w.Close();
            w.Close();
            w.Line();
        }

        private static void EmitTiles(SourceWriter w, LayerSpec s, int blocks, int rem, int reduction)
        {
            w.Line($"/// <summary>Tile run chunk of chunks of one image and group: per tile, the panel, then {blocks} block(s) of {Rows} output channels over it.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void PanelTiles(ref float src, ref float weights, ref float bias, ref float dst, {Names.Layout} l, int chunk, int chunks)");
            w.Line("int pixels = l.OutHeight * l.OutWidth;");
            w.Line($"ref float panel = ref {Names.MemoryMarshal}.GetReference({Names.Kernels}.ThreadScratch.Get({reduction * PanelRow})); // [input channel][tap][{PanelRow}]");
            ForwardEmitter.EmitPixelTiles(w, Span.ToString(), "panel rows", generic: false, cache: Gemm256TileEmitter.PanelCache(reduction), tileSource: false);
            w.Line("BuildPanel(ref src, ref panel, l, at);");
            w.Line("if (p + span < p1) PrefetchRun(ref src, l, global::System.Math.Min(p + span, pixels - span));");
            ForwardEmitter.EmitBlockLoop(w, s, blocks, Rows, rem, Rows * reduction, "tileDst", "plane",
                channels => $"PanelGemm{channels}x{Vectors}(ref panel, ref blockWeights, ref blockBias, ref blockDst, {PanelRow}, plane)");
            w.Close();
            w.Close();
            w.Line();
        }

        private static void EmitBuildPanel(SourceWriter w, LayerSpec s)
        {
            w.Line("/// <summary>");
            w.Line($"/// Copies the taps' input of output pixels [at, at + {Span}) into the panel. The pixels fall in one or more output rows (segments),");
            w.Line("/// each copied in whole vectors: a segment's last vector may run past its end, into the next segment's lanes, which that segment");
            w.Line($"/// writes next, or (the last one) into the row's slack ({PanelRow} floats for {Span} pixels). Packed rows carry slack for the reads.");
            w.Line("/// </summary>");
            w.Line(Names.Hot);
            w.Open($"private static void BuildPanel(ref float src, ref float panel, in {Names.Layout} l, int at)");
            OpenSegmentWalk(w);
            w.Line($"int count = global::System.Math.Min(width - ox, {Span} - done);");
            w.Line($"ref float from = ref {Names.Unsafe}.Add(ref src, (nint)oy * {s.StrideH} * rowStride + ox); // output (oy, ox)'s tap (0, 0), phase 0");
            w.Line($"ref float to = ref {Names.Unsafe}.Add(ref panel, done);");
            w.Line("if (count > 16) PanelSegment3(ref from, ref to, planeStride, rowStride, phaseStride);");
            w.Line("else if (count > 8) PanelSegment2(ref from, ref to, planeStride, rowStride, phaseStride);");
            w.Line("else PanelSegment1(ref from, ref to, planeStride, rowStride, phaseStride);");
            w.Line("done += count;");
            w.Close();
            w.Close();
            w.Line();
        }

        /// <summary>Opens the loop over the segments (one per output row) of the run of pixels [at, at + 24): row oy from column ox, done pixels before it.</summary>
        private static void OpenSegmentWalk(SourceWriter w)
        {
            w.Line("int width = l.OutWidth, oy = at / width, ox = at - oy * width;");
            w.Line("nint planeStride = l.PlaneStride, rowStride = l.RowStride, phaseStride = l.PhaseWidth;");
            w.Open($"for (int done = 0; done < {Span}; oy++, ox = 0)");
        }

        /// <summary>Tap t's offset from tap (0, 0) in the packed input, as the direct tiles read it: row, column phase, column.</summary>
        private static List<string> TapOffsets(KernelPlan plan)
        {
            TapGrid grid = plan.Forward.Taps;
            var offsets = new List<string>();
            for (int i = 0; i < grid.Ky.Count; i++)
            foreach (ColumnTap column in grid.Columns)
                offsets.Add(Offset(grid.RowStart + i * grid.RowStep, column.Phase, column.Offset));
            return offsets;
        }

        /// <summary>The emitted offset of <paramref name="row"/> rows, column phase <paramref name="phase"/> and <paramref name="column"/> floats ("0" for none).</summary>
        private static string Offset(int row, int phase, int column)
        {
            var parts = new List<string>();
            if (row != 0) parts.Add(row == 1 ? "rowStride" : $"{row} * rowStride");
            if (phase != 0) parts.Add(phase == 1 ? "phaseStride" : $"{phase} * phaseStride");
            if (column != 0 || parts.Count == 0) parts.Add(column.ToString());
            return string.Join(" + ", parts);
        }

        private static void EmitSegment(SourceWriter w, KernelPlan plan, int vectors)
        {
            LayerSpec s = plan.Spec;
            List<string> taps = TapOffsets(plan);
            w.Line($"/// <summary>{vectors} vector(s) of one segment for every input channel and tap: panel row (c, t) from input channel c at tap t.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void PanelSegment{vectors}(ref float from, ref float to, nint planeStride, nint rowStride, nint phaseStride)");
            w.Open($"for (int c = 0; c < {s.InChannelsPerGroup}; c++)");
            for (int t = 0; t < taps.Count; t++)
            {
                string load = taps[t] == "0" ? "ref from" : $"ref {Names.Unsafe}.Add(ref from, {taps[t]})";
                w.Line(CodeList.Join(vectors, q => $"CGVector256.StoreUnsafe(CGVector256.LoadUnsafe({load}, {q * 8}), ref to, {t * PanelRow + q * 8});", " ")
                    + (t == 0 ? $" // tap (ky, kx) = ({plan.Forward.Taps.Ky[0]}, {plan.Forward.Taps.Columns[0].Kx})" : ""));
            }
            w.Line($"from = ref {Names.Unsafe}.Add(ref from, planeStride);");
            w.Line($"to = ref {Names.Unsafe}.Add(ref to, {taps.Count * PanelRow});");
            w.Close();
            w.Close();
            w.Line();
        }

        private static void EmitPrefetch(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            TapGrid grid = plan.Forward.Taps;
            var phases = new SortedSet<int>();
            foreach (ColumnTap column in grid.Columns) phases.Add(column.Phase);
            w.Line($"/// <summary>Fetches into L2 the input lines BuildPanel will read for the run at <paramref name=\"at\"/> (the lines holding floats 0 and {Span} of each tap row and phase).</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void PrefetchRun(ref float src, in {Names.Layout} l, int at)");
            OpenSegmentWalk(w);
            w.Line($"ref float from = ref {Names.Unsafe}.Add(ref src, (nint)oy * {s.StrideH} * rowStride + ox);");
            w.Open($"for (int c = 0; c < {s.InChannelsPerGroup}; c++, from = ref {Names.Unsafe}.Add(ref from, planeStride))");
            for (int i = 0; i < grid.Ky.Count; i++)
            foreach (int phase in phases)
            {
                string at = Offset(grid.RowStart + i * grid.RowStep, phase, 0), last = Offset(grid.RowStart + i * grid.RowStep, phase, Span);
                w.Line($"{Names.Kernels}.Prefetch.LineL2(ref from, {at}); {Names.Kernels}.Prefetch.LineL2(ref from, {last});");
            }
            w.Close();
            w.Line($"done += global::System.Math.Min(width - ox, {Span} - done);");
            w.Close();
            w.Close();
            w.Line();
        }
    }
}
