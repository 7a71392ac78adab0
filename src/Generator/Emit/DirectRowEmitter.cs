using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// The direct row forward (KernelPlan.ReadsInputInEvaluation): evaluation-mode per-row tiles that read the caller's
    /// unpadded input, so nothing is packed. Each output row runs only the tap rows that land inside the input (the rows of
    /// zero padding contribute nothing), and the tiles' masked loads read zeros for the columns of padding (TileEmitter's
    /// direct body, ConvGen.Kernels.MaskedRowLoad). AVX-512 tiles where it has them, else AVX2's Vector256 tiles (vmaskmovps;
    /// the block in parts of TileEmitter.NarrowBlock channels), for rows of at least one tile.
    /// </summary>
    internal static class DirectRowEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan, int blocks, int block, int rem, int weightsPerBlock)
        {
            LayerSpec s = plan.Spec;
            int nv = plan.Forward.Vectors, span = nv * 16;
            EmitJobHead(w, "DirectForwardJob", new[]
            {
                "Direct row work item = (image, group, chunk of output rows), reading the caller's input [N, InChannels, height, width]",
                "as is (evaluation mode). Items write disjoint rows: any order, same result.",
            });
            w.Line($"/// <summary>Whether the direct rows run: masked loads (AVX-512{(plan.ReadsInputInEvaluation256 ? ", or AVX2's vmaskmovps" : "")}), and output rows of at least one {nv}-vector tile.</summary>");
            w.Line(plan.ReadsInputInEvaluation256
                ? $"public static bool Runs(int outWidth) => {Names.Kernels}.MaskedRowLoad.IsSupported ? outWidth >= {span} : {Names.Kernels}.MaskedRowLoad.IsSupported256 && outWidth >= {nv * 8};"
                : $"public static bool Runs(int outWidth) => {Names.Kernels}.MaskedRowLoad.IsSupported && outWidth >= {span};");
            w.Line();
            EmitExecuteHead(w, s, blocks, weightsPerBlock, "int oy0 = chunk * _outHeight / _chunks, oy1 = (chunk + 1) * _outHeight / _chunks;");
            w.Line("DirectRows(ref src, ref weights, ref bias, ref dst, _height, _width, _outHeight, _outWidth, oy0, oy1);");
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Output rows [oy0, oy1) of one image and group from the unpadded input: per row, {blocks} block(s) of {block} output channels.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void DirectRows(ref float src, ref float weights, ref float bias, ref float dst, int height, int width, int outHeight, int outWidth, int oy0, int oy1)");
            w.Line("nuint planeStride = (nuint)(height * width), rowStride = (nuint)width, dstStride = (nuint)(outHeight * outWidth);");
            w.Open("for (int oy = oy0; oy < oy1; oy++)");
            w.Line($"// Tap row ky reads input row oy - {s.PadTop} + ky*{s.DilationH}: only ky in [i0, i1) land inside the input (the padding");
            w.Line("// keeps outputs no larger than the input, so at least one does).");
            w.Line(s.PadTop == 0 ? "int i0 = 0;" : $"int i0 = oy >= {s.PadTop} ? 0 : ({s.PadTop} - oy + {s.DilationH - 1}) / {s.DilationH};");
            w.Line($"int i1 = global::System.Math.Min({s.K1}, (height - 1 - oy + {s.PadTop}) / {s.DilationH} + 1);");
            w.Line($"ref float srcRow = ref {Names.Unsafe}.Add(ref src, (nint)(oy - {s.PadTop} + i0 * {s.DilationH}) * width);");
            w.Line($"ref float dstRow = ref {Names.Unsafe}.Add(ref dst, oy * outWidth);");
            ForwardEmitter.EmitBlockLoop(w, s, blocks, block, rem, weightsPerBlock, "dstRow", "dstStride",
                channels => $"DirectRow{channels}(ref srcRow, ref blockWeights, ref blockBias, ref blockDst, planeStride, rowStride, dstStride, i0, i1, width, outWidth)");
            w.Close();
            w.Close();
            w.Line();
            EmitRow(w, plan, block);
            if (rem != 0) EmitRow(w, plan, rem);
        }

        /// <summary>
        /// Opens job struct <paramref name="name"/> over the caller's input: its summary, the sizes it is built from and its
        /// constructor (every direct job takes the same five numbers; <paramref name="constant"/> goes first when given).
        /// </summary>
        public static void EmitJobHead(SourceWriter w, string name, string[] summary, string? constant = null)
        {
            w.Line("/// <summary>");
            foreach (string line in summary) w.Line($"/// {line}");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct {name} : {Names.Job}");
            if (constant is not null) w.Line(constant);
            w.Line("private readonly int _height, _width, _outHeight, _outWidth, _chunks;");
            w.Line($"public {name}(int height, int width, int outHeight, int outWidth, int chunks)");
            w.Line("    { _height = height; _width = width; _outHeight = outHeight; _outWidth = outWidth; _chunks = chunks; }");
            w.Line();
        }

        /// <summary>Opens a direct job's Execute through its work item's pointers (<paramref name="range"/>: its share of the rows, if any).</summary>
        public static void EmitExecuteHead(SourceWriter w, LayerSpec s, int blocks, int weightsPerBlock, string? range = null)
        {
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int group = rest % Groups, n = rest / Groups;");
            if (range is not null) w.Line(range);
            ForwardEmitter.EmitItemPointers(w, s, blocks, weightsPerBlock, "_height * _width", "_outHeight * _outWidth");
        }

        /// <summary>
        /// One output row for <paramref name="channels"/> channels in whole tiles, the last shifted left to end at the row's end:
        /// AVX-512 tiles of the whole block, or (ReadsInputInEvaluation256) AVX2 tiles of its parts, one part after another.
        /// </summary>
        private static void EmitRow(SourceWriter w, KernelPlan plan, int channels)
        {
            int nv = plan.Forward.Vectors, span = nv * 16, narrowSpan = nv * 8;
            bool avx2 = plan.ReadsInputInEvaluation256;
            string tile = $"Tile{channels}x{nv}";
            w.Line($"/// <summary>One output row of {channels} channel(s) from input row i0's tap row, in {span}-column tiles ({(avx2 ? $"{narrowSpan} on AVX2; " : "")}the last shifted left to end at the row's end).</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void DirectRow{channels}(ref float src, ref float weights, ref float bias, ref float dst, nuint planeStride, nuint rowStride, nuint dstStride, int i0, int i1, int width, int outWidth)");
            w.Line("int ox = 0;");
            if (avx2) w.Open($"if ({Names.Kernels}.MaskedRowLoad.IsSupported)");
            string Wide(string column) => $"{tile}_V512Direct(ref {Names.Unsafe}.Add(ref src, {column}), ref weights, ref bias, ref {Names.Unsafe}.Add(ref dst, {column}), planeStride, rowStride, 0, dstStride, 16, 16, i0, i1, {column}, width);";
            w.Line($"for (; ox + {span} <= outWidth; ox += {span})");
            w.Line("    " + Wide("ox"));
            w.Line("if (ox < outWidth)");
            w.Line("    " + Wide($"outWidth - {span}"));
            if (avx2)
            {
                w.Line("return;");
                w.Close();
                EmitNarrowTiles(w, tile, narrowSpan, EvenParts.Split(channels, TileEmitter.NarrowBlock));
            }
            w.Close();
            w.Line();
        }

        /// <summary>The AVX2 tiles of a direct row: per tile of <paramref name="span"/> columns, each part's Vector256 body in turn.</summary>
        private static void EmitNarrowTiles(SourceWriter w, string tile, int span, List<(int Offset, int Size)> parts)
        {
            IEnumerable<string> Calls(string column) => parts.Select(p =>
                $"{tile}_{p.Size}_V256Direct(ref {Names.Unsafe}.Add(ref src, {column}), ref {Names.Unsafe}.Add(ref weights, {p.Offset}), ref {Names.Unsafe}.Add(ref bias, {p.Offset}), " +
                $"ref {Names.Unsafe}.Add(ref dst, {(p.Offset == 0 ? column : $"(nint)dstStride * {p.Offset} + {column}")}), planeStride, rowStride, 0, dstStride, 8, 8, i0, i1, {column}, width);");
            w.Open($"for (; ox + {span} <= outWidth; ox += {span})");
            foreach (string call in Calls("ox")) w.Line(call);
            w.Close();
            w.Open("if (ox < outWidth)");
            w.Line($"int last = outWidth - {span};");
            foreach (string call in Calls("last")) w.Line(call);
            w.Close();
        }
    }
}
