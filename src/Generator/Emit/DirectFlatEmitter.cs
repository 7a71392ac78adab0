using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// The direct flat-plane forward (KernelPlan.ReadsInputInEvaluation, where the flat plane runs): evaluation-mode tiles along
    /// the caller's input read as one long row of rows Width apart, so nothing is packed and no position between rows is
    /// computed and dropped. The band of output rows whose every tap row lies inside the input runs as flat tiles, whose
    /// masked loads zero the columns of padding (a vector spanning two rows is masked per lane); the rows above and below it
    /// run the direct per-row tiles (DirectRowEmitter), which leave out the tap rows outside the input.
    /// </summary>
    internal static class DirectFlatEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan, int blocks, int block, int rem, int weightsPerBlock)
        {
            LayerSpec s = plan.Spec;
            int nv = plan.Forward.Vectors, span = nv * 16, reach = (s.K1 - 1) * s.DilationH;
            DirectRowEmitter.EmitJobHead(w, "DirectFlatForwardJob", new[]
            {
                "Direct flat work item = (image, group, run of whole tiles along the band of rows every tap row of which lies inside the",
                "input); the first item also runs the rows above the band, the last the rows below it, as direct per-row tiles.",
            }, $"private const int Span = {span};");
            w.Line($"/// <summary>The band's first output row: rows above it read the top padding.</summary>");
            w.Line($"public const int Top = {s.PadTop};");
            w.Line();
            w.Line("/// <summary>The row after the band: rows from it on read the bottom padding.</summary>");
            w.Line($"public static int Bottom(int height) => height - {reach} + {s.PadTop};");
            w.Line();
            w.Line("/// <summary>Flat positions from the band's first output to its last: rows Width apart, the last OutWidth long.</summary>");
            w.Line("public static int Positions(int height, int width, int outWidth) => (Bottom(height) - Top - 1) * width + outWidth;");
            w.Line();
            w.Line($"/// <summary>Whether it runs: AVX-512's masked loads, rows of at least one tile for the per-row tiles above and below, at");
            w.Line("/// least 8 columns (a vector spans three rows at most), and a band of at least one tile.</summary>");
            w.Line($"public static bool Runs(int height, int width, int outWidth) => {Names.Kernels}.MaskedRowLoad.IsSupported && outWidth >= Span && width >= {Names.Kernels}.FlatTileStore.MinRowStride");
            w.Line("    && Bottom(height) > Top && Positions(height, width, outWidth) >= Span;");
            w.Line();
            FlatJobEmitter.EmitChunks(w, "int height, int width, int outWidth", "Positions(height, width, outWidth)");
            DirectRowEmitter.EmitExecuteHead(w, s, blocks, weightsPerBlock);
            if (s.PadTop > 0)
                w.Line("if (chunk == 0) DirectRows(ref src, ref weights, ref bias, ref dst, _height, _width, _outHeight, _outWidth, 0, Top);");
            w.Line("DirectFlatTiles(ref src, ref weights, ref bias, ref dst, _height, _width, _outHeight, _outWidth, chunk, _chunks);");
            w.Line("if (chunk == _chunks - 1) DirectRows(ref src, ref weights, ref bias, ref dst, _height, _width, _outHeight, _outWidth, Bottom(_height), _outHeight);");
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Tile run chunk of chunks along one image and group's band: per run of tiles, {blocks} block(s) of {block} output channels.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void DirectFlatTiles(ref float src, ref float weights, ref float bias, ref float dst, int height, int width, int outHeight, int outWidth, int chunk, int chunks)");
            FlatJobEmitter.EmitTileRange(w, "DirectFlatForwardJob.Positions(height, width, outWidth)", span);
            w.Line("nuint planeStride = (nuint)(height * width), rowStride = (nuint)width, dstStride = (nuint)(outHeight * outWidth);");
            w.Line($"// Tap row ky of flat position p reads p + (ky*{s.DilationH} - {s.PadTop}) x Width: inside the input for every row of the band.");
            w.Line($"global::System.Span<nint> rowOffsets = stackalloc nint[{s.K1}];");
            w.Line($"for (int i = 0; i < {s.K1}; i++) rowOffsets[i] = (nint)(i * {s.DilationH} - {s.PadTop}) * width;");
            w.Line("int start = DirectFlatForwardJob.Top * width;");
            w.Open($"for (int t = t0; t < t1; t += {FlatJobEmitter.RunTiles})");
            w.Line($"int end = global::System.Math.Min(t + {FlatJobEmitter.RunTiles}, t1);");
            const string args = "(ref src, ref blockWeights, ref blockBias, ref blockDst, planeStride, rowStride, dstStride, ref " + Names.MemoryMarshal + ".GetReference(rowOffsets), t, end, positions, start, outWidth)";
            ForwardEmitter.EmitBlockLoop(w, s, blocks, block, rem, weightsPerBlock, "dst", "dstStride", channels => $"DirectFlatRun{channels}{args}");
            w.Close();
            w.Close();
            w.Line();
            EmitRun(w, nv, block);
            if (rem != 0) EmitRun(w, nv, rem);
        }

        /// <summary>Flat tiles [t0, t1) of one channel block along the band; the band's last tile is shifted back to end at its last output.</summary>
        private static void EmitRun(SourceWriter w, int nv, int channels)
        {
            int span = nv * 16;
            w.Line("/// <summary>Flat tiles [t0, t1) of one channel block along the band (positions from start); the last is shifted back to end at the band's last output.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void DirectFlatRun{channels}(ref float src, ref float weights, ref float bias, ref float dst, nuint planeStride, nuint rowStride, nuint dstStride, ref nint rowOffsets, int t0, int t1, int positions, int start, int outWidth)");
            w.Open("for (int t = t0; t < t1; t++)");
            w.Line($"int at = start + global::System.Math.Min(t * {span}, positions - {span});");
            w.Line($"Tile{channels}x{nv}_V512FlatDirect(ref {Names.Unsafe}.Add(ref src, at), ref weights, ref bias, ref dst, planeStride, rowStride, 0, dstStride, 16, 16, ref rowOffsets, at, outWidth);");
            w.Close();
            w.Close();
            w.Line();
        }
    }
}
