using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits a register-blocked tile: <c>block</c> output channels x <c>vectors</c> vectors of one output row, accumulated in
    /// registers over every reduction channel and every tap, then stored once. Forward and backward-data share it; they differ
    /// only in the source layout, the tap grid and how accumulators start.
    /// </summary>
    internal static class TileEmitter
    {
        public sealed record TileSpec(
            string Name,
            int Block,
            int WeightStride,
            int Vectors,
            TapGrid Grid,
            bool Unrolled,
            int ReductionCount,
            string ReductionName,
            bool StartFromBias,
            int Phases);

        // srcVector/dstVector: distance between a tile's vectors in the source and destination. Usually one vector width
        // (consecutive columns of one row); for rows narrower than a vector, one row apart (the tile spans two rows).
        private const string Parameters = "ref float src, ref float weights, ref float bias, ref float dst, nuint planeStride, nuint rowStride, nuint phaseStride, nuint dstStride, nuint srcVector, nuint dstVector";
        private const string Arguments = "ref src, ref weights, ref bias, ref dst, planeStride, rowStride, phaseStride, dstStride, srcVector, dstVector";

        /// <summary>
        /// Channels one narrow-width tile keeps: x64 AVX2/SSE have 16 vector registers, and 6 channels x 2 vectors of
        /// accumulators + 2 inputs + 1 weight = 15. AVX-512 has 32, so its body keeps the whole block (up to 12 channels).
        /// </summary>
        public const int NarrowBlock = 6;

        public static void Emit(SourceWriter w, TileSpec t)
        {
            var parts = new List<(int Offset, int Size)>();
            for (int o = 0; o < t.Block; o += NarrowBlock) parts.Add((o, System.Math.Min(NarrowBlock, t.Block - o)));
            EmitDispatcher(w, t, parts);
            EmitBody(w, t, VectorApi.Intrinsic(512), t.Block, $"{t.Name}_V512");
            foreach (int size in parts.Select(p => p.Size).Distinct())
            {
                EmitBody(w, t, VectorApi.Intrinsic(256), size, $"{t.Name}_{size}_V256");
                EmitBody(w, t, VectorApi.Generic, size, $"{t.Name}_{size}_Any", unrollRows: false);
            }
        }

        /// <summary>AVX-512 runs the whole block in one body; narrower widths run it as consecutive parts of at most <see cref="NarrowBlock"/> channels.</summary>
        private static void EmitDispatcher(SourceWriter w, TileSpec t, List<(int Offset, int Size)> parts)
        {
            const string U = Names.Unsafe;
            string Args(int offset) => offset == 0 ? Arguments
                : $"ref src, ref {U}.Add(ref weights, {offset}), ref {(t.StartFromBias ? $"{U}.Add(ref bias, {offset})" : "bias")}, ref {U}.Add(ref dst, dstStride * {offset}), planeStride, rowStride, phaseStride, dstStride, srcVector, dstVector";
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            w.Open($"private static void {t.Name}<TVec>({Parameters}) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line($"if (typeof(TVec) == typeof(global::ConvGen.Simd.V512)) {t.Name}_V512({Arguments});");
            w.Open("else if (typeof(TVec) == typeof(global::ConvGen.Simd.V256))");
            foreach (var (offset, size) in parts) w.Line($"{t.Name}_{size}_V256({Args(offset)});");
            w.Close();
            w.Open("else");
            foreach (var (offset, size) in parts) w.Line($"{t.Name}_{size}_Any<TVec>({Args(offset)});");
            w.Close();
            w.Close();
            w.Line();
        }

        /// <param name="unrollRows">False for the portable (Vector128/scalar) body: it loops over tap rows to keep the file small.</param>
        private static void EmitBody(SourceWriter w, TileSpec spec, VectorApi api, int block, string name, bool unrollRows = true)
        {
            TileSpec t = spec with { Block = block, Unrolled = (unrollRows || spec.Grid.Rows <= 1) && spec.Grid.Count * block * spec.Vectors <= KernelPlanner.UnrollBound };
            int cols = t.Grid.Columns.Count;
            w.Line($"/// <summary>{t.Block} {(t.StartFromBias ? "output" : "input")} channel(s) x {t.Vectors} vector(s) of one row; {t.Grid.Count} taps per {t.ReductionName}, {(t.Unrolled ? "all unrolled" : "rows looped, columns unrolled")}.</summary>");
            w.Line("// Not inlined into its caller on purpose: each tile is its own JIT root, so the inliner's budget goes to the vector operations.");
            w.Line(Names.Hot);
            w.Open($"private static void {name}{api.TypeParameters}({Parameters}){api.Constraint}");
            w.Line($"// Accumulators a<channel>_<vector>, started from {(t.StartFromBias ? "the bias" : "zero")}.");
            for (int c = 0; c < t.Block; c++)
            {
                string init = t.StartFromBias ? api.Create($"CGUnsafe.Add(ref bias, {c})") : api.ZeroExpression;
                w.Line($"{api.Type} {string.Join(", ", Enumerable.Range(0, t.Vectors).Select(j => $"a{c}_{j} = {init}"))};");
            }
            if (t.Grid.Count > 0)
            {
                w.Line($"nint rowStart = (nint)rowStride * {t.Grid.RowStart}, rowStep = (nint)rowStride * {t.Grid.RowStep};");
                foreach (int phase in t.Grid.Columns.Select(c => c.Phase).Where(p => p > 0).Distinct().OrderBy(p => p))
                    w.Line($"nuint phase{phase} = phaseStride * {phase};");
                w.Line($"{api.Type} wv;");
                w.Open($"for (int r = 0; r < {t.ReductionCount}; r++)");
                w.Line("ref float row = ref CGUnsafe.Add(ref src, rowStart);");
                if (t.Unrolled)
                {
                    for (int i = 0; i < t.Grid.Rows; i++)
                    {
                        EmitRow(w, t, api, i * cols, $"ky = {t.Grid.Ky[i]}");
                        if (i < t.Grid.Rows - 1) w.Line("row = ref CGUnsafe.Add(ref row, rowStep);");
                    }
                    w.Line($"weights = ref CGUnsafe.Add(ref weights, {t.Grid.Count * t.WeightStride});");
                }
                else
                {
                    w.Open($"for (int i = 0; i < {t.Grid.Rows}; i++)");
                    EmitRow(w, t, api, 0, $"ky = {t.Grid.Ky[0]} + {(t.Grid.Rows > 1 ? t.Grid.Ky[1] - t.Grid.Ky[0] : 0)}*i");
                    w.Line("row = ref CGUnsafe.Add(ref row, rowStep);");
                    w.Line($"weights = ref CGUnsafe.Add(ref weights, {cols * t.WeightStride});");
                    w.Close();
                }
                w.Line("src = ref CGUnsafe.Add(ref src, planeStride);");
                w.Close();
            }
            w.Line("// Each accumulator is stored exactly once: the tile's writes are pure, so overlapping tail tiles are harmless.");
            for (int c = 0; c < t.Block; c++)
            {
                string dst = c == 0 ? "ref dst" : $"ref CGUnsafe.Add(ref dst, dstStride * {c})";
                for (int j = 0; j < t.Vectors; j++)
                    w.Line(api.Store($"a{c}_{j}", dst.Substring(4), Offset(j, "dstVector")) + ";");
            }
            w.Close();
            w.Line();
        }

        private static void EmitRow(SourceWriter w, TileSpec t, VectorApi api, int weightBase, string rowLabel)
        {
            for (int j = 0; j < t.Grid.Columns.Count; j++)
            {
                ColumnTap col = t.Grid.Columns[j];
                string at = col.Phase > 0 ? $"phase{col.Phase} + {col.Offset}" : $"{col.Offset}";
                w.Line($"// tap ({rowLabel}, kx = {col.Kx}): phase {col.Phase}, offset {col.Offset}");
                w.Line($"{{ {api.Type} {string.Join(", ", Enumerable.Range(0, t.Vectors).Select(v => $"x{v} = {api.Load("row", at + (v == 0 ? "" : $" + {Offset(v, "srcVector")}"))}"))};");
                for (int c = 0; c < t.Block; c++)
                {
                    var parts = new List<string> { $"wv = {api.Create($"CGUnsafe.Add(ref weights, {(weightBase + j) * t.WeightStride + c})")};" };
                    for (int v = 0; v < t.Vectors; v++) parts.Add($"a{c}_{v} = {api.MultiplyAdd($"x{v}", "wv", $"a{c}_{v}")};");
                    w.Line("  " + string.Join(" ", parts));
                }
                w.Line("}");
            }
        }

        private static string Offset(int vector, string stride) => vector switch { 0 => "0", 1 => stride, _ => $"{stride} * {vector}" };
    }
}
