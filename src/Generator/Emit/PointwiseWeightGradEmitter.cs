using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the pointwise layer's weight gradient for machines without AVX-512 (whose flat-plane weight gradient needs its masks):
    /// dW[co, ci] += sum over images n and pixels p of dY[n, co, p] * X[n, ci, p], a matrix product whose reduction runs along the
    /// flattened planes of both operands, dY as passed and X as the training forward kept it (flat planes: plain NCHW). A work item
    /// is one tile of <see cref="KernelPlanner.PointwiseWeightRows"/> output x <see cref="KernelPlanner.PointwiseWeightColumns"/>
    /// input channels: its sums stay in registers over every image and are then added into WeightGrad. Items own disjoint weights
    /// and each sums in one fixed order, so the result is the same bits on any thread count.
    /// </summary>
    internal static class PointwiseWeightGradEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int rows = KernelPlanner.PointwiseWeightRows, columns = KernelPlanner.PointwiseWeightColumns;
            int outputs = s.OutChannelsPerGroup, inputs = s.InChannelsPerGroup;
            int outputBlocks = (outputs + rows - 1) / rows, inputBlocks = (inputs + columns - 1) / columns;
            int lastRows = outputs - (outputBlocks - 1) * rows, lastColumns = inputs - (inputBlocks - 1) * columns;

            w.Line("/// <summary>");
            w.Line($"/// Pointwise weight gradient without AVX-512: work item = (group, block of {columns} input channel(s), block of {rows} output channel(s)),");
            w.Line($"/// {rows * columns} accumulators summing dY[n, co, p] * X[n, ci, p] along the flattened planes ({rows} + {columns} loads per {rows * columns} multiply-adds),");
            w.Line("/// then added into WeightGrad [co, ci]. Consecutive items share their input channels, which stay in L1 while the output");
            w.Line("/// channels' planes stream past.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct PointwiseWeightJob : {Names.Job}");
            w.Line($"public const int OutputBlocks = {outputBlocks}, InputBlocks = {inputBlocks};");
            w.Line("/// <summary>Work items: one per weight tile.</summary>");
            w.Line("public const int Items = Groups * InputBlocks * OutputBlocks;");
            w.Line("private readonly int _batch, _pixels, _inputPlane;");
            w.Line("/// <summary><paramref name=\"inputPlane\"/>: floats between the kept input's planes (its flat layout's PlaneStride).</summary>");
            w.Line("public PointwiseWeightJob(int batch, int pixels, int inputPlane) { _batch = batch; _pixels = pixels; _inputPlane = inputPlane; }");
            w.Line();
            w.Line("/// <summary>Whether the job runs: not on AVX-512, whose flat-plane weight gradient (BackwardWeightJob) reads the same planes.</summary>");
            w.Line($"public static bool Runs => !{Names.Kernels}.FlatTileStore.IsSupported;");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int ob = index % OutputBlocks, rest = index / OutputBlocks;");
            w.Line("int ib = rest % InputBlocks, group = rest / InputBlocks;");
            w.Line($"int co0 = group * {outputs} + ob * {rows}, ci0 = ib * {columns};");
            w.Line($"ref float x = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (nint)(group * {inputs} + ci0) * _inputPlane);");
            w.Line($"ref float gy = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), (nint)co0 * _pixels);");
            w.Line($"ref float gw = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), co0 * {inputs} + ci0);");
            var shapes = new List<(int Rows, int Columns, string Condition)>();
            bool rowTail = lastRows != rows, columnTail = lastColumns != columns;
            if (rowTail && columnTail) shapes.Add((lastRows, lastColumns, "ob == OutputBlocks - 1 && ib == InputBlocks - 1"));
            if (rowTail) shapes.Add((lastRows, columns, "ob == OutputBlocks - 1"));
            if (columnTail) shapes.Add((rows, lastColumns, "ib == InputBlocks - 1"));
            shapes.Add((rows, columns, ""));
            for (int k = 0; k < shapes.Count; k++)
            {
                (int r, int c, string condition) = shapes[k];
                if (shapes.Count > 1) w.Open(condition.Length == 0 ? "else" : $"{(k == 0 ? "" : "else ")}if ({condition})");
                string arguments = "(ref x, ref gy, ref gw, _batch, _pixels, (nuint)_inputPlane);";
                w.Line($"if (global::ConvGen.Simd.V256.IsSupported) {TileName(r, c)}_V256{arguments}");
                w.Line($"else if (global::ConvGen.Simd.V128.IsSupported) {TileName(r, c)}_Any<global::ConvGen.Simd.V128>{arguments}");
                w.Line($"else {TileName(r, c)}_Any<global::ConvGen.Simd.VScalar>{arguments}");
                if (shapes.Count > 1) w.Close();
            }
            w.Close();
            w.Close();
            w.Line();
            foreach (var (r, c, _) in shapes)
            {
                EmitTile(w, r, c, inputs, VectorApi.Intrinsic(256));
                EmitTile(w, r, c, inputs, VectorApi.Generic);
            }
        }

        private static string TileName(int rows, int columns) => $"PointwiseWeights{rows}x{columns}";

        /// <summary>
        /// One weight tile: whole vectors of every image's plane first, then (in the same fixed order) the pixels past the last whole
        /// vector one at a time, after the vector sums are reduced, so the tail adds no live registers to the main loop.
        /// </summary>
        private static void EmitTile(SourceWriter w, int rows, int columns, int inputs, VectorApi api)
        {
            w.Line($"/// <summary>dW[{rows} output x {columns} input channel(s)] over every image: {rows * columns} accumulators, {rows} + {columns} loads per {rows * columns} multiply-adds.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void {TileName(rows, columns)}_{api.Suffix}{api.TypeParameters}(ref float x, ref float gy, ref float gw, int batch, int pixels, nuint inputPlane){api.Constraint}");
            w.Line($"nuint plane = (nuint)pixels, v = (nuint){api.Count}, full = plane / v * v;");
            w.Line("nuint imageX = InChannels * inputPlane, imageG = OutChannels * plane; // the kept input holds every group's planes");
            for (int i = 0; i < rows; i++)
                w.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"{api.Type} a{i}_{j} = {api.ZeroExpression};")));
            w.Open("for (int n = 0; n < batch; n++)");
            EmitRowPointers(w, rows, columns);
            w.Open("for (nuint p = 0; p < full; p += v)");
            for (int j = 0; j < columns; j++) w.Line($"{api.Type} x{j} = {api.Load($"xRow{j}", "p")};");
            for (int i = 0; i < rows; i++)
            {
                string fmas = string.Join(" ", Enumerable.Range(0, columns).Select(j => $"a{i}_{j} = {api.MultiplyAdd("g", $"x{j}", $"a{i}_{j}")};"));
                w.Line($"{(i == 0 ? $"{api.Type} g" : "g")} = {api.Load($"gRow{i}", "p")}; {fmas}");
            }
            w.Close();
            w.Close();
            for (int i = 0; i < rows; i++)
                w.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"float s{i}_{j} = {api.Sum($"a{i}_{j}")};")));
            w.Open("if (full < plane)");
            w.Open("for (int n = 0; n < batch; n++)");
            EmitRowPointers(w, rows, columns);
            w.Open("for (nuint p = full; p < plane; p++)");
            for (int j = 0; j < columns; j++) w.Line($"float x{j} = {Names.Unsafe}.Add(ref xRow{j}, p);");
            for (int i = 0; i < rows; i++)
            {
                string adds = string.Join(" ", Enumerable.Range(0, columns).Select(j => $"s{i}_{j} += g * x{j};"));
                w.Line($"{(i == 0 ? "float g" : "g")} = {Names.Unsafe}.Add(ref gRow{i}, p); {adds}");
            }
            w.Close();
            w.Close();
            w.Close();
            w.Line("// Only this item writes these weights.");
            for (int i = 0; i < rows; i++)
                w.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"{Names.Unsafe}.Add(ref gw, {i * inputs + j}) += s{i}_{j};")));
            w.Close();
            w.Line();
        }

        private static void EmitRowPointers(SourceWriter w, int rows, int columns)
        {
            w.Line($"ref float xRow0 = ref {Names.Unsafe}.Add(ref x, imageX * (nuint)n);");
            for (int j = 1; j < columns; j++) w.Line($"ref float xRow{j} = ref {Names.Unsafe}.Add(ref xRow{j - 1}, inputPlane);");
            w.Line($"ref float gRow0 = ref {Names.Unsafe}.Add(ref gy, imageG * (nuint)n);");
            for (int i = 1; i < rows; i++) w.Line($"ref float gRow{i} = ref {Names.Unsafe}.Add(ref gRow{i - 1}, plane);");
        }
    }
}
