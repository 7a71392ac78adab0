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
        /// <summary>
        /// A tile to emit; DirectPadLeft set: it also gets direct bodies, and DirectAvx2 (KernelPlan.ReadsInputInEvaluation256) AVX2 ones.
        /// RowRange: its row bodies take the tap rows [i0, i1) to run (the input gradient skips those that only meet dY's zero border).
        /// </summary>
        public sealed record TileSpec(
            string Name,
            int Block,
            int WeightStride,
            int Vectors,
            TapGrid Grid,
            int ReductionCount,
            string ReductionName,
            bool StartFromBias,
            int Phases,
            bool FlatStore = false,
            int? DirectPadLeft = null,
            bool DirectAvx2 = false,
            bool RowRange = false);

        /// <summary>
        /// Where a body reads and stores: packed rows, the packed flat plane (masked stores), or the caller's input (masked loads)
        /// by rows (Direct) or along its flat plane (FlatDirect: rows Width apart, masked stores).
        /// </summary>
        private enum BodyKind { Rows, Flat, Direct, FlatDirect }

        // srcVector/dstVector: distance between a tile's vectors in the source and destination. Usually one vector width
        // (consecutive columns of one row); for rows narrower than a vector, one row apart (the tile spans two rows).
        private const string Parameters = "ref float src, ref float weights, ref float bias, ref float dst, nuint planeStride, nuint rowStride, nuint phaseStride, nuint dstStride, nuint srcVector, nuint dstVector";
        private const string Arguments = "ref src, ref weights, ref bias, ref dst, planeStride, rowStride, phaseStride, dstStride, srcVector, dstVector";
        // The flat-plane body (FlatStore) reads tap row i at rowOffsets[i] (phase-split planes make rows of one kernel not
        // evenly spaced) and stores its vector j at flat position at + j x 16 of output planes width wide whose input rows are
        // rowStride (ConvLayout.FlatRowStride) apart; dst is then the block's first output plane.
        private const string FlatParameters = ", ref nint rowOffsets, int at, int width";
        // The direct body (DirectPadLeft set) reads the caller's unpadded input: src is the first valid tap row (i0) at the tile's
        // column, tap rows [i0, i1) lie inside the input, and column masks zero the lanes outside [0, width) (see MaskedRowLoad).
        // Its flat twin (FlatDirect) takes the flat parameters instead: rows rowStride = Width apart, per-lane masks from at.
        private const string DirectParameters = ", int i0, int i1, int column, int width";
        // The row-range body (RowRange) runs only tap rows [i0, i1) of its grid; the others read rows known to be zero.
        private const string RowRangeParameters = ", int i0, int i1";

        /// <summary>
        /// Channels one narrow-width tile keeps: x64 AVX2/SSE have 16 vector registers, and 6 channels x 2 vectors of
        /// accumulators + 2 inputs + 1 weight = 15. AVX-512 has 32, so its body keeps the whole block (up to 12 channels).
        /// </summary>
        public const int NarrowBlock = 6;

        public static void Emit(SourceWriter w, TileSpec t)
        {
            var parts = EvenParts.Split(t.Block, NarrowBlock);
            EmitDispatcher(w, t, parts);
            EmitBody(w, t, VectorApi.Intrinsic(512), t.Block, $"{t.Name}_V512");
            if (t.FlatStore) EmitBody(w, t, VectorApi.Intrinsic(512), t.Block, $"{t.Name}_V512Flat", BodyKind.Flat);
            if (t.DirectPadLeft is not null)
            {
                EmitBody(w, t, VectorApi.Intrinsic(512), t.Block, $"{t.Name}_V512Direct", BodyKind.Direct);
                EmitBody(w, t, VectorApi.Intrinsic(512), t.Block, $"{t.Name}_V512FlatDirect", BodyKind.FlatDirect);
            }
            foreach (int size in parts.Select(p => p.Size).Distinct())
            {
                EmitBody(w, t, VectorApi.Intrinsic(256), size, $"{t.Name}_{size}_V256");
                if (t.DirectAvx2)
                    EmitBody(w, t, VectorApi.Intrinsic(256), size, $"{t.Name}_{size}_V256Direct", BodyKind.Direct);
                EmitBody(w, t, VectorApi.Generic, size, $"{t.Name}_{size}_Any");
            }
        }

        /// <summary>
        /// AVX-512 runs the whole block in one intrinsic body; narrower widths run it as consecutive parts of at most
        /// <see cref="NarrowBlock"/> channels: AVX2 in Vector256 intrinsic bodies, Vector128 and scalar in the generic body.
        /// The generic body on Vector256 had the JIT copy every second multiply-add's result (vfmadd213ps into the broadcast
        /// weight's register, then vmovaps to the accumulator) and loop over taps; the intrinsic body is 2 loads, 6 broadcasts
        /// and 12 vfmadd231ps per tap, unrolled (ResNet stem on a Zen 3 core, 1 thread: 4.8-5.5 -> 3.4-3.8 ms).
        /// </summary>
        private static void EmitDispatcher(SourceWriter w, TileSpec t, List<(int Offset, int Size)> parts)
        {
            const string U = Names.Unsafe;
            string range = t.RowRange ? ", i0, i1" : "";
            string Args(int offset) => (offset == 0 ? Arguments
                : $"ref src, ref {U}.Add(ref weights, {offset}), ref {(t.StartFromBias ? $"{U}.Add(ref bias, {offset})" : "bias")}, ref {U}.Add(ref dst, dstStride * {offset}), planeStride, rowStride, phaseStride, dstStride, srcVector, dstVector") + range;
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            w.Open($"private static void {t.Name}<TVec>({Parameters}{(t.RowRange ? RowRangeParameters : "")}) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line($"if (typeof(TVec) == typeof(global::ConvGen.Simd.V512)) {t.Name}_V512({Arguments}{range});");
            w.Open("else if (typeof(TVec) == typeof(global::ConvGen.Simd.V256))");
            foreach (var (offset, size) in parts) w.Line($"{t.Name}_{size}_V256({Args(offset)});");
            w.Close();
            w.Open("else");
            foreach (var (offset, size) in parts) w.Line($"{t.Name}_{size}_Any<TVec>({Args(offset)});");
            w.Close();
            w.Close();
            w.Line();
        }

        /// <summary>
        /// One width's body. Tap rows are always a loop (a looped row measured as fast as a fully unrolled window on every
        /// benchmark shape, at a third to a seventh of the code). The AVX-512 and AVX2 bodies unroll the taps of a row unless
        /// that alone exceeds the unroll bound (<see cref="KernelPlanner.UnrollsRow"/>); the generic body always loops over them.
        /// </summary>
        private static void EmitBody(SourceWriter w, TileSpec spec, VectorApi api, int block, string name, BodyKind kind = BodyKind.Rows)
        {
            bool flat = kind is BodyKind.Flat or BodyKind.FlatDirect, direct = kind == BodyKind.Direct, masked = kind is BodyKind.Direct or BodyKind.FlatDirect;
            bool rowRange = spec.RowRange && kind == BodyKind.Rows;
            TileSpec t = spec with { Block = block };
            int cols = t.Grid.Columns.Count;
            // The generic body loops over a row's taps as well: its IFloatVector calls are inlinees, and the JIT stops inlining
            // them (leaving real calls in the hot loop: 3-10x slower on Vector128) once a body holds a few dozen. Looped, it
            // inlines fully; Vector512 and Vector256 calls are JIT intrinsics.
            bool unrolled = api != VectorApi.Generic && KernelPlanner.UnrollsRow(cols, block, t.Vectors);
            w.Line($"/// <summary>{t.Block} {(t.StartFromBias ? "output" : "input")} channel(s) x {t.Vectors} vector(s); {t.Grid.Count} taps per {t.ReductionName}: {t.Grid.Rows} looped row(s) of {cols} {(unrolled ? "unrolled" : "looped")} tap(s).</summary>");
            if (direct && api.Suffix == "V256")
            {
                // The AVX2 direct rows call this per 16 columns and part, with 14 arguments, over as few as 27 taps (the CIFAR stem):
                // inlined into its row, the calls' cost goes (CIFAR stem batch 1, 1 thread: 0.92-0.94x the time, paired; Vector256
                // operations are JIT intrinsics, so the inliner's budget is not at stake).
                w.Line("// Inlined into its direct row: there the call itself weighed against the few taps it runs.");
                w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization | global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            }
            else
            {
                w.Line("// Not inlined into its caller on purpose: each tile is its own JIT root, so the inliner's budget goes to the vector operations.");
                w.Line(Names.Hot);
            }
            w.Open($"private static void {name}{api.TypeParameters}({Parameters}{(flat ? FlatParameters : direct ? DirectParameters : rowRange ? RowRangeParameters : "")}){api.Constraint}");
            w.Line($"// Accumulators a<channel>_<vector>, started from {(t.StartFromBias ? "the bias" : "zero")}.");
            for (int c = 0; c < t.Block; c++)
            {
                string init = t.StartFromBias ? api.Create($"CGUnsafe.Add(ref bias, {c})") : api.ZeroExpression;
                w.Line($"{api.Type} {string.Join(", ", Enumerable.Range(0, t.Vectors).Select(j => $"a{c}_{j} = {init}"))};");
            }
            if (t.Grid.Count > 0)
            {
                if (masked) EmitColumnMasks(w, t, flat, api);
                if (kind == BodyKind.Rows) w.Line($"nint rowStart = (nint)rowStride * {t.Grid.RowStart}, rowStep = (nint)rowStride * {t.Grid.RowStep};");
                if (direct) w.Line($"nint rowStep = (nint)rowStride * {t.Grid.RowStep};");
                foreach (int phase in t.Grid.Columns.Select(c => c.Phase).Where(p => p > 0).Distinct().OrderBy(p => p))
                    w.Line($"nuint phase{phase} = phaseStride * {phase};");
                w.Line($"{api.Type} wv;");
                w.Open($"for (int r = 0; r < {t.ReductionCount}; r++)");
                if (kind == BodyKind.Rows) w.Line("ref float row = ref CGUnsafe.Add(ref src, rowStart);");
                if (kind == BodyKind.Rows && api.Suffix == "V256" && t.ReductionCount >= KernelPlan.PrefetchChannels) EmitNextPlanePrefetch(w, t);
                if (direct) w.Line("ref float row = ref src;");
                if (rowRange) w.Line("row = ref CGUnsafe.Add(ref row, rowStep * i0);");
                w.Line(direct || rowRange ? $"ref float rowWeights = ref CGUnsafe.Add(ref weights, i0 * {cols * t.WeightStride});" : "ref float rowWeights = ref weights;");
                bool rowLoop = t.Grid.Rows > 1 || direct || rowRange;
                if (rowLoop) w.Open(direct || rowRange ? "for (int i = i0; i < i1; i++)" : $"for (int i = 0; i < {t.Grid.Rows}; i++)");
                if (flat) w.Line($"ref float row = ref CGUnsafe.Add(ref src, {(rowLoop ? "CGUnsafe.Add(ref rowOffsets, i)" : "rowOffsets")});");
                string ky = direct ? "ky = i" : t.Grid.Rows > 1 ? $"ky = {t.Grid.Ky[0]} + {t.Grid.Ky[1] - t.Grid.Ky[0]}*i" : $"ky = {t.Grid.Ky[0]}";
                if (masked)
                    for (int j = 0; j < cols; j++) EmitTap(w, t, api, $"{j * t.WeightStride}", "", $"{ky}, kx = {t.Grid.Columns[j].Kx}", DirectLoad(t, t.Grid.Columns[j], api));
                else if (unrolled)
                    for (int j = 0; j < cols; j++) EmitTap(w, t, api, $"{j * t.WeightStride}", At(t.Grid.Columns[j], $"{t.Grid.Columns[j].Offset}"), $"{ky}, kx = {t.Grid.Columns[j].Kx}");
                else
                    EmitColumnLoops(w, t, api, ky);
                if (rowLoop)
                {
                    if (!flat) w.Line("row = ref CGUnsafe.Add(ref row, rowStep);");
                    w.Line($"rowWeights = ref CGUnsafe.Add(ref rowWeights, {cols * t.WeightStride});");
                    w.Close();
                }
                w.Line($"weights = ref CGUnsafe.Add(ref weights, {t.Grid.Count * t.WeightStride});");
                w.Line("src = ref CGUnsafe.Add(ref src, planeStride);");
                w.Close();
            }
            w.Line("// Each accumulator is stored exactly once: the tile's writes are pure, so overlapping tail tiles are harmless.");
            if (flat)
            {
                EmitFlatStores(w, t, api);
                return;
            }
            for (int c = 0; c < t.Block; c++)
            {
                string dst = c == 0 ? "ref dst" : $"ref CGUnsafe.Add(ref dst, dstStride * {c})";
                for (int j = 0; j < t.Vectors; j++)
                    w.Line(api.Store($"a{c}_{j}", dst.Substring(4), Offset(j, "dstVector")) + ";");
            }
            w.Close();
            w.Line();
        }

        /// <summary>
        /// AVX2 bodies ask for the next input channel's rows while this one's multiply-adds run: every tap row, every stride
        /// phase, the first two cache lines of the tile's span (see ConvGen.Kernels.Prefetch).
        /// </summary>
        private static void EmitNextPlanePrefetch(SourceWriter w, TileSpec t)
        {
            // Offsets from row, not a ref to the next plane: after the last channel that address lies past the buffer, which a
            // prefetch may name but a managed ref must not.
            var phases = t.Grid.Columns.Select(c => c.Phase).Distinct().OrderBy(p => p).ToList();
            for (int i = 0; i < t.Grid.Rows; i++)
                foreach (int phase in phases)
                {
                    string at = "(nint)planeStride" + (i == 0 ? "" : $" + rowStep * {i}") + (phase == 0 ? "" : $" + (nint)phase{phase}");
                    w.Line($"{Names.Kernels}.Prefetch.Line(ref row, {at}); {Names.Kernels}.Prefetch.Line(ref row, {at} + 16);");
                }
        }

        /// <summary>Flat-plane stores: each vector's output runs (end of one row, start of the next) found once, then two masked stores per accumulator.</summary>
        private static void EmitFlatStores(SourceWriter w, TileSpec t, VectorApi api)
        {
            for (int j = 0; j < t.Vectors; j++)
                w.Line($"var store{j} = new {Names.Kernels}.FlatTileStore(at{(j == 0 ? "" : $" + {api.Count} * {j}")}, (int)rowStride, width);");
            for (int c = 0; c < t.Block; c++)
            {
                string dst = c == 0 ? "ref dst" : $"ref CGUnsafe.Add(ref dst, dstStride * {c})";
                w.Line(string.Join(" ", Enumerable.Range(0, t.Vectors).Select(j => $"store{j}.Store(a{c}_{j}, {dst});")));
            }
            w.Close();
            w.Line();
        }

        /// <summary>
        /// A row's taps as loops: the taps of each stride phase form an arithmetic progression in both their packed-weight
        /// index and their offset, so each phase becomes one loop over a single tap body (a lone tap needs no loop).
        /// </summary>
        private static void EmitColumnLoops(SourceWriter w, TileSpec t, VectorApi api, string ky)
        {
            var columns = t.Grid.Columns.Select((c, j) => (Column: c, Index: j)).ToList();
            foreach (var phase in columns.GroupBy(c => c.Column.Phase))
            {
                var taps = phase.ToList();
                if (taps.Count == 1)
                {
                    EmitTap(w, t, api, $"{taps[0].Index * t.WeightStride}", At(taps[0].Column, $"{taps[0].Column.Offset}"), $"{ky}, kx = {taps[0].Column.Kx}");
                    continue;
                }
                int dj = taps.Count > 1 ? taps[1].Index - taps[0].Index : 0;
                int dOffset = taps.Count > 1 ? taps[1].Column.Offset - taps[0].Column.Offset : 0;
                int dKx = taps.Count > 1 ? taps[1].Column.Kx - taps[0].Column.Kx : 0;
                w.Open($"for (int m = 0; m < {taps.Count}; m++)");
                EmitTap(w, t, api, $"({taps[0].Index} + {dj} * m) * {t.WeightStride}", At(taps[0].Column, $"(nuint)({taps[0].Column.Offset} + {dOffset} * m)"),
                    $"{ky}, kx = {taps[0].Column.Kx} + {dKx}*m");
                w.Close();
            }
        }

        private static string At(ColumnTap column, string offset) => column.Phase > 0 ? $"phase{column.Phase} + {offset}" : offset;

        /// <summary>
        /// The direct bodies' column masks, one per masked column offset dx and vector v: the lanes whose input column (output
        /// column + dx) lies in the row, for a row tile at column <c>column</c> or a flat tile at position <c>at</c> of rows
        /// rowStride wide. Computed once per tile; on AVX-512 the JIT keeps them in mask registers. The Vector256 row body keeps
        /// only the masks that can clip (<see cref="Clips"/>): AVX2 has no mask registers, so each costs a vector register.
        /// </summary>
        private static void EmitColumnMasks(SourceWriter w, TileSpec t, bool flat, VectorApi api)
        {
            int lanes = Lanes(api);
            string Mask(int dx, int v) => flat
                ? $"{Names.Kernels}.MaskedRowLoad.FlatColumnMask(at{(v == 0 ? "" : $" + {16 * v}")}, (int)rowStride, {dx})"
                : $"{Names.Kernels}.MaskedRowLoad.ColumnMask{(lanes == 16 ? "" : "256")}(column {(dx + lanes * v < 0 ? "-" : "+")} {System.Math.Abs(dx + lanes * v)}, width)";
            foreach (int dx in MaskedOffsets(t))
            {
                var masks = Enumerable.Range(0, t.Vectors).Where(v => lanes == 16 || Clips(t, dx, v, lanes)).Select(v => $"{MaskName(dx, v)} = {Mask(dx, v)}").ToList();
                if (masks.Count > 0) w.Line($"{api.Type} {string.Join(", ", masks)};");
            }
        }

        private static int Lanes(VectorApi api) => api.Suffix == "V512" ? 16 : 8;

        /// <summary>
        /// Whether vector v's tap at column offset dx can reach past the row in a direct row tile: tiles start at columns
        /// [0, width - span], so only a left offset in the first vectors (8v + dx &lt; 0) or a right one in the last
        /// (8v + 8 + dx &gt; span) can; every other load of that tap is a plain one.
        /// </summary>
        private static bool Clips(TileSpec t, int dx, int v, int lanes) => dx < 0 ? lanes * v + dx < 0 : lanes * (v + 1) + dx > lanes * t.Vectors;

        private static IEnumerable<int> MaskedOffsets(TileSpec t) => t.Grid.Columns.Select(c => ColumnOffset(t, c)).Where(dx => dx != 0).Distinct();

        /// <summary>Where a tap column reads relative to the output column in the unpadded input (stride 1: Offset = kx x DilationW).</summary>
        private static int ColumnOffset(TileSpec t, ColumnTap c) => c.Offset - t.DirectPadLeft!.Value;

        private static string MaskName(int dx, int v) => $"{(dx < 0 ? "left" : "right")}{System.Math.Abs(dx)}_{v}";

        /// <summary>The direct body's load of vector v for one tap column: plain inside the row (dx = 0, or a Vector256 load that cannot clip), masked otherwise.</summary>
        private static System.Func<int, string> DirectLoad(TileSpec t, ColumnTap c, VectorApi api)
        {
            int dx = ColumnOffset(t, c), lanes = Lanes(api);
            string bits = lanes == 16 ? "512" : "256";
            return v => dx == 0 ? $"CGVector{bits}.LoadUnsafe(ref row, {lanes * v})"
                : lanes == 8 && !Clips(t, dx, v, lanes) ? $"CGVector{bits}.LoadUnsafe(ref row, {dx + lanes * v})"
                : $"{Names.Kernels}.MaskedRowLoad.Load(ref row, {dx + lanes * v}, {MaskName(dx, v)})";
        }

        /// <summary>One tap: load the tile's input vectors once, then one broadcast weight and Vectors multiply-adds per channel.</summary>
        private static void EmitTap(SourceWriter w, TileSpec t, VectorApi api, string weightIndex, string at, string label, System.Func<int, string>? load = null)
        {
            load ??= v => api.Load("row", at + (v == 0 ? "" : $" + {Offset(v, "srcVector")}"));
            w.Line($"// tap ({label})");
            w.Line($"{{ {api.Type} {string.Join(", ", Enumerable.Range(0, t.Vectors).Select(v => $"x{v} = {load(v)}"))};");
            bool constant = int.TryParse(weightIndex, out int first);
            if (!constant) w.Line($"  ref float tapWeights = ref CGUnsafe.Add(ref rowWeights, {weightIndex});");
            for (int c = 0; c < t.Block; c++)
            {
                string weight = constant ? $"CGUnsafe.Add(ref rowWeights, {first + c})" : $"CGUnsafe.Add(ref tapWeights, {c})";
                var parts = new List<string> { $"wv = {api.Create(weight)};" };
                for (int v = 0; v < t.Vectors; v++) parts.Add($"a{c}_{v} = {api.MultiplyAdd($"x{v}", "wv", $"a{c}_{v}")};");
                w.Line("  " + string.Join(" ", parts));
            }
            w.Line("}");
        }

        private static string Offset(int vector, string stride) => vector switch { 0 => "0", 1 => stride, _ => $"{stride} * {vector}" };
    }
}
