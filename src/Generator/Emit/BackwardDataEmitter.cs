using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the input-gradient kernel: the transposed convolution, computed as a correlation of the bordered output gradient
    /// with the flipped, channel-transposed kernel. With stride S each (row phase, column phase) of the packed input gradient
    /// sees its own subset of taps, so no zero-dilated copy of the gradient is ever built.
    /// </summary>
    internal static class BackwardDataEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int block = plan.BackwardData.Block, rem = s.InChannelsPerGroup % block;
            int blocks = (s.InChannelsPerGroup + block - 1) / block;
            int variants = plan.BackwardVariants.Count;

            w.Line("/// <summary>");
            w.Line($"/// Input-gradient work item = (image, group, block of {block} input channels, stride variant, chunk of row groups).");
            w.Line("/// Each item writes its own rows of the packed input gradient.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct BackwardDataJob : {Names.Job}");
            w.Line($"private const int Blocks = {blocks}, Variants = {variants};");
            w.Line($"private readonly {Names.Layout} _layout;");
            w.Line("private readonly int _chunks;");
            w.Line($"public BackwardDataJob({Names.Layout} layout, int chunks) {{ _layout = layout; _chunks = chunks; }}");
            w.Line($"public static int Chunks(int batch, int rowGroups) => {ForwardEmitter.ChunksExpression("rowGroups", "batch * Groups * Blocks * Variants")};");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int variant = rest % Variants; rest /= Variants;");
            w.Line("int block = rest % Blocks; rest /= Blocks;");
            w.Line("int group = rest % Groups, n = rest / Groups;");
            w.Line("int q0 = chunk * _layout.RowGroups / _chunks, q1 = (chunk + 1) * _layout.RowGroups / _chunks;");
            w.Line($"int ci0 = group * {s.InChannelsPerGroup} + block * {block};");
            w.Line($"ref float src = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (n * OutChannels + group * {s.OutChannelsPerGroup}) * _layout.GradPlaneStride);");
            w.Line($"ref float weights = ref {Names.MemoryMarshal}.GetReference(buffers.B1);");
            w.Line($"ref float dst = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), (n * InChannels + ci0) * _layout.PlaneStride);");
            w.Line(rem == 0 ? "bool remainder = false;" : "bool remainder = block == Blocks - 1;");
            w.Open("switch (variant)");
            foreach (BackwardVariant v in plan.BackwardVariants)
            {
                int index = v.RowPhase * s.StrideW + v.ColumnPhase;
                int perBlock = block * s.OutChannelsPerGroup * v.Taps.Count;
                w.Line($"case {index}:");
                w.Line($"{{");
                w.Line($"    ref float wv = ref {Names.Unsafe}.Add(ref weights, {v.WeightOffset} + (group * Blocks + block) * {perBlock});");
                foreach (string line in Names.Dispatch($"Variant{index}<{{0}}>(ref src, ref wv, ref dst, _layout, q0, q1, remainder)").Split('\n'))
                    w.Line("    " + line);
                w.Line("    break;");
                w.Line($"}}");
            }
            w.Close();
            w.Close();
            w.Close();
            w.Line();

            foreach (BackwardVariant v in plan.BackwardVariants) EmitVariant(w, plan, v, block, rem);
        }

        private static void EmitTileCall(SourceWriter w, int index, int block, int rem, string call)
        {
            if (rem == 0) w.Line($"V{index}Tile{block}<TVec>{call};");
            else
            {
                w.Line($"if (remainder) V{index}Tile{rem}<TVec>{call};");
                w.Line($"else V{index}Tile{block}<TVec>{call};");
            }
        }

        /// <summary>
        /// Emits qFirst/qEnd (rows, ending at the chunk's q1) and jFirst/jEnd (columns) of the packed input gradient this variant computes.
        /// With zero padding, unpacking drops the border, so only the cells over the input are computed: for a 32-wide CIFAR row that is
        /// one 32-column tile instead of two over the 34 padded columns. Other padding modes fold the border back: all of it is computed.
        /// </summary>
        private static void EmitComputedRange(SourceWriter w, LayerSpec s, BackwardVariant v)
        {
            if (s.PaddingMode != 0)
            {
                w.Line("// Padding folds the border back onto the input (unpacking), so every padded row and column is computed.");
                w.Line("int qFirst = 0, qEnd = q1, jFirst = 0, jEnd = l.PhaseColumns;");
                return;
            }
            // Padded row r = StrideH * q + RowPhase (column c = StrideW * j + ColumnPhase) lies over the input when PadTop <= r < PadTop + Height.
            int qFirst = CeilDiv(s.PadTop - v.RowPhase, s.StrideH), jFirst = CeilDiv(s.PadLeft - v.ColumnPhase, s.StrideW);
            w.Line("// Zero padding: unpacking drops the border, so only rows and columns over the input are computed.");
            w.Line($"int qFirst = {qFirst}, qEnd = global::System.Math.Min(q1, (l.Height + {s.PadTop - v.RowPhase + s.StrideH - 1}) / {s.StrideH});");
            w.Line($"int jFirst = {jFirst}, jEnd = global::System.Math.Min(l.PhaseColumns, (l.Width + {s.PadLeft - v.ColumnPhase + s.StrideW - 1}) / {s.StrideW});");
        }

        /// <summary>ceil(a / b) for b > 0, and 0 for a <= 0.</summary>
        private static int CeilDiv(int a, int b) => a <= 0 ? 0 : (a + b - 1) / b;

        private static void EmitVariant(SourceWriter w, KernelPlan plan, BackwardVariant v, int block, int rem)
        {
            LayerSpec s = plan.Spec;
            int index = v.RowPhase * s.StrideW + v.ColumnPhase;
            int vectors = plan.BackwardData.Vectors;
            string taps = v.Taps.Count == 0 ? "no taps reach it: it is all zeros"
                : $"taps ky in {{{string.Join(", ", v.Taps.Ky)}}} x kx in {{{string.Join(", ", v.Taps.Columns.Select(c => c.Kx))}}}";
            w.Line($"/// <summary>Packed input-gradient rows r = {s.StrideH}q + {v.RowPhase}, column phase {v.ColumnPhase}: {taps}.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Variant{index}<TVec>(ref float src, ref float weights, ref float dst, {Names.Layout} l, int q0, int q1, bool remainder) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line("nuint gradPlane = (nuint)l.GradPlaneStride, gradRow = (nuint)l.GradRowStride, dstStride = (nuint)l.PlaneStride;");
            w.Line($"int step = {vectors} * TVec.Count;");
            EmitComputedRange(w, s, v);
            bool pairs = vectors == 2;
            if (pairs)
            {
                w.Line("// Rows narrower than one vector run as pairs: vector 0 of a tile is row q, vector 1 row q+1 (not two vectors of one row),");
                w.Line("// so twice the lanes do useful work; the packed rows' slack takes the lanes past PhaseColumns.");
                w.Line("bool pairs = jEnd - jFirst <= TVec.Count;");
            }
            // A grid of several tap rows runs only those that reach dY; a one-row grid (the pointwise layer's) always runs its row.
            int rows = v.Taps.Rows;
            bool rowRange = rows > 1;
            string range = rowRange ? ", i0, i1" : "";
            if (rowRange)
            {
                w.Line("// Tap rows that read only dY's zero border above or below it add nothing, so each row's tiles skip them (TapRows);");
                w.Line("// the flat gradient's rows run into one another (a read past a row's end lands on the next), so there every tap row runs.");
                w.Line("bool border = !l.FlatGradient;");
            }
            w.Open("for (int q = global::System.Math.Max(q0, qFirst); q < qEnd; q++)");
            w.Line($"int r = q * {s.StrideH} + {v.RowPhase};");
            w.Line("if (r >= l.PaddedHeight) break;");
            if (pairs) w.Line($"bool pair = pairs && q + 1 < qEnd && r + {s.StrideH} < l.PaddedHeight; // this tile covers rows q and q + 1");
            if (rowRange)
            {
                w.Line($"int i0 = 0, i1 = {rows};");
                w.Line($"if (border) {Names.Kernels}.TapRows.Range(q, {(pairs ? "pair ? 2 : 1" : "1")}, {v.Taps.RowStart}, {v.Taps.RowStep}, {rows}, l.GradTop, l.GradTop + l.OutHeight, out i0, out i1);");
            }
            w.Line($"ref float srcRow = ref {Names.Unsafe}.Add(ref src, (nuint)q * gradRow);");
            w.Line($"ref float dstRow = ref {Names.Unsafe}.Add(ref dst, (nuint)r * (nuint)l.RowStride + (nuint)({v.ColumnPhase} * l.PhaseWidth));");
            if (pairs)
            {
                w.Open("if (pair)");
                EmitTileCall(w, index, block, rem, $"(ref {Names.Unsafe}.Add(ref srcRow, jFirst), ref weights, ref weights, ref {Names.Unsafe}.Add(ref dstRow, jFirst), gradPlane, gradRow, 0, dstStride, gradRow, (nuint)l.RowStride * {s.StrideH}{range})");
                w.Line("q++;");
                w.Line("continue;");
                w.Close();
            }
            w.Line("// Whole vectors up to jEnd: the packed rows carry slack, so the last vector may run past it.");
            w.Open("for (int j = jFirst; j < jEnd; j += step)");
            EmitTileCall(w, index, block, rem, $"(ref {Names.Unsafe}.Add(ref srcRow, j), ref weights, ref weights, ref {Names.Unsafe}.Add(ref dstRow, j), gradPlane, gradRow, 0, dstStride, (nuint)TVec.Count, (nuint)TVec.Count{range})");
            w.Close();
            w.Close();
            w.Close();
            w.Line();
            foreach (int channels in rem == 0 ? new[] { block } : new[] { block, rem })
                TileEmitter.Emit(w, new TileEmitter.TileSpec($"V{index}Tile{channels}", channels, block, vectors, v.Taps,
                    s.OutChannelsPerGroup, "output channel", false, 1, plan.FlatBackwardData, RowRange: rowRange));
        }
    }
}
