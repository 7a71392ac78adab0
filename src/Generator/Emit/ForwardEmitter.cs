using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>Emits the forward kernel: a job over (image, group, output-channel block, row chunk) and its register tiles.</summary>
    internal static class ForwardEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            TileShape tile = plan.Forward;
            int block = tile.Block, rem = s.OutChannelsPerGroup % block;
            int blocks = (s.OutChannelsPerGroup + block - 1) / block;
            int weightsPerBlock = s.InChannelsPerGroup * s.Taps * block;

            w.Line("/// <summary>");
            w.Line("/// Forward work item = (image, group, chunk of output rows). For each row every output-channel block runs in turn, so the few");
            w.Line("/// input rows a row reads stay in cache while all blocks consume them. Items write disjoint rows: any order, same result.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct ForwardJob : {Names.Job}");
            w.Line($"private readonly {Names.Layout} _layout;");
            w.Line("private readonly int _chunks;");
            w.Line($"public ForwardJob({Names.Layout} layout, int chunks) {{ _layout = layout; _chunks = chunks; }}");
            w.Line();
            w.Line("/// <summary>Row chunks per image and group: enough items for every core to get two, never fewer rows than one per chunk.</summary>");
            w.Line($"public static int Chunks(int batch, int outHeight) => {ChunksExpression("outHeight")};");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int group = rest % Groups, n = rest / Groups;");
            w.Line("int oy0 = chunk * _layout.OutHeight / _chunks, oy1 = (chunk + 1) * _layout.OutHeight / _chunks;");
            EmitItemPointers(w, s, blocks, weightsPerBlock, "_layout.PlaneStride", "_layout.OutHeight * _layout.OutWidth");
            w.Lines(Names.Dispatch("Rows<{0}>(ref src, ref weights, ref bias, ref dst, _layout, oy0, oy1)"));
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Output rows [oy0, oy1) of one image and group: per row, {blocks} block(s) of {block} output channels.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Rows<TVec>(ref float src, ref float weights, ref float bias, ref float dst, {Names.Layout} l, int oy0, int oy1) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line("nuint planeStride = (nuint)l.PlaneStride, rowStride = (nuint)l.RowStride, phaseStride = (nuint)l.PhaseWidth;");
            w.Line("nuint dstStride = (nuint)(l.OutHeight * l.OutWidth);");
            w.Line("int oy = oy0;");
            w.Line("// Rows narrower than a vector: one tile covers two rows (one vector each), doubling the useful lanes.");
            w.Open("if (l.OutWidth <= TVec.Count)");
            w.Open("for (; oy + 1 < oy1; oy += 2)");
            EmitBlocks(w, s, "RowPair", blocks, block, rem, weightsPerBlock, "(ref srcRow, ref blockWeights, ref blockBias, ref blockDst, planeStride, rowStride, phaseStride, dstStride, l.OutWidth)");
            w.Close();
            w.Close();
            w.Open("for (; oy < oy1; oy++)");
            EmitBlocks(w, s, "Row", blocks, block, rem, weightsPerBlock, "(ref srcRow, ref blockWeights, ref blockBias, ref blockDst, planeStride, rowStride, phaseStride, dstStride, l.OutWidth)");
            w.Close();
            w.Close();
            w.Line();

            if (plan.Pointwise) EmitPointwise(w, plan, blocks, block, rem, weightsPerBlock);
            if (plan.FlatForward) EmitFlat(w, plan, blocks, block, rem, weightsPerBlock);
            if (plan.PanelForward) PanelForward256Emitter.Emit(w, plan);
            if (plan.ReadsInputInEvaluation)
            {
                DirectRowEmitter.Emit(w, plan, blocks, block, rem, weightsPerBlock);
                DirectFlatEmitter.Emit(w, plan, blocks, block, rem, weightsPerBlock);
            }
            EmitRowDriver(w, plan, block, block);
            if (rem != 0) EmitRowDriver(w, plan, rem, block);
        }

        /// <summary>
        /// The pointwise forward: Y[n, co, p] = b[co] + sum over ci of W[co, ci] X[n, ci, p], a GEMM over each image's
        /// flattened pixels p. It reads the caller's input as is (no packing, nothing to pad) and runs whole tiles along the
        /// flattened plane, so no lanes are lost at row ends (a 28-wide row in 32-lane tiles would waste 12.5 %).
        /// </summary>
        private static void EmitPointwise(SourceWriter w, KernelPlan plan, int blocks, int block, int rem, int weightsPerBlock)
        {
            LayerSpec s = plan.Spec;
            int nv = plan.Forward.Vectors;
            w.Line("/// <summary>");
            w.Line("/// Pointwise work item = (image, group, run of whole pixel tiles); the last item of an image also takes the tail, as one tile");
            w.Line("/// shifted back to end at the plane's end, so items write disjoint outputs. Needs planes of at least one tile (MinPixels).");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct PointwiseJob : {Names.Job}");
            w.Line($"/// <summary>Smallest plane the pointwise path takes: one tile of the widest vectors ({nv} x {16} floats).</summary>");
            w.Line($"public const int MinPixels = {nv * 16};");
            w.Line("private readonly int _pixels, _chunks;");
            w.Line("public PointwiseJob(int pixels, int chunks) { _pixels = pixels; _chunks = chunks; }");
            w.Line();
            w.Line("/// <summary>Pixel runs per image and group: enough items for every core to get two, at most one per whole tile.</summary>");
            w.Line($"public static int Chunks(int batch, int pixels) => {ChunksExpression("pixels / MinPixels")};");
            w.Line();
            w.Line($"/// <summary>Whether the AVX2 tiles run ({KernelPlanner.PointwiseRows256} channels x {KernelPlanner.PointwiseVectors256} vectors, Pixels256), reading the weights packed for them (_gemmWeights256).</summary>");
            w.Line($"public static bool RunsGemm256 => {Gemm256TileEmitter.Supported};");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int group = rest % Groups, n = rest / Groups;");
            EmitItemPointers(w, s, blocks, weightsPerBlock, "_pixels", "_pixels");
            PointwiseGemm256Emitter.EmitExecuteBranch(w, s);
            w.Lines(Names.Dispatch("Pixels<{0}>(ref src, ref weights, ref bias, ref dst, _pixels, chunk, _chunks)"));
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Pixel run chunk of chunks of one image and group: per tile, {blocks} block(s) of {block} output channels.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Pixels<TVec>(ref float src, ref float weights, ref float bias, ref float dst, int pixels, int chunk, int chunks) where TVec : struct, {Names.FloatVector}<TVec>");
            EmitPixelTiles(w, $"{nv} * TVec.Count", "input columns (InChannels x span floats)");
            const string args = "(ref tileSrc, ref blockWeights, ref blockBias, ref blockDst, plane, 0, 0, plane, vector, vector)";
            EmitBlockLoop(w, s, blocks, block, rem, weightsPerBlock, "tileDst", "plane", channels => $"Tile{channels}x{nv}<TVec>{args}");
            w.Close();
            w.Close();
            w.Line();
            PointwiseGemm256Emitter.Emit(w, s);
        }

        /// <summary>
        /// The emitted body of a job's Chunks: work items per image (and group, ...) so every core gets two, at least one and at
        /// most <paramref name="most"/>; <paramref name="perImage"/> is how many items one chunk index stands for per image.
        /// </summary>
        internal static string ChunksExpression(string most, string perImage = "batch * Groups")
            => $"global::System.Math.Max(1, global::System.Math.Min({most}, (2 * {Names.Runner}.MaxThreads + {perImage} - 1) / {(perImage.Contains(" ") ? $"({perImage})" : perImage)}))";

        /// <summary>
        /// Opens the loop over pixel run chunk of chunks along a flattened plane, in tiles of <paramref name="span"/> pixels
        /// (tileSrc, tileDst; the tail tile shifted back to end at the plane's end), for the pointwise GEMMs' drivers;
        /// <paramref name="reads"/> names what a tile reads, for the emitted comment; <paramref name="generic"/> drivers (over
        /// TVec) also get the vector width as <c>vector</c>; <paramref name="cache"/> names where the tile's data stays, for the comment;
        /// without <paramref name="tileSource"/> there is no tileSrc (a panel driver addresses its input by output position).
        /// </summary>
        internal static void EmitPixelTiles(SourceWriter w, string span, string reads, bool generic = true, string cache = "L1", bool tileSource = true)
        {
            w.Line($"int span = {span}, tiles = pixels / span;");
            w.Line("int p0 = chunk * tiles / chunks * span, p1 = chunk == chunks - 1 ? pixels : (chunk + 1) * tiles / chunks * span;");
            w.Line(generic ? "nuint plane = (nuint)pixels, vector = (nuint)TVec.Count;" : "nuint plane = (nuint)pixels;");
            w.Line($"// Tiles outer, channel blocks inner: a tile's {reads} stay in {cache} across the blocks.");
            w.Open("for (int p = p0; p < p1; p += span)");
            w.Line("int at = global::System.Math.Min(p, pixels - span); // the tail tile ends at the plane's end");
            if (tileSource) w.Line($"ref float tileSrc = ref {Names.Unsafe}.Add(ref src, at);");
            w.Line($"ref float tileDst = ref {Names.Unsafe}.Add(ref dst, at);");
        }

        /// <summary>
        /// The flat-plane forward (AVX-512): the input packed in tight phase planes (ConvLayout.FlatPlanes) read as one long row,
        /// flat position f = oy * FlatRowStride + ox. Tap (ky, kx) of position f reads f + RowOffset(ky) + its column phase and
        /// offset, so whole tiles run along the plane across row ends, and only the FlatRowStride - OutWidth positions between
        /// rows are wasted lanes (2 of 58 for a 56-wide 3x3 layer, 1 of 29 at stride 2, against 8 of 64 and 4 of 32 for per-row
        /// tiles). Their masked stores (FlatTileStore) write the valid runs and skip the rest.
        /// </summary>
        private static void EmitFlat(SourceWriter w, KernelPlan plan, int blocks, int block, int rem, int weightsPerBlock)
        {
            LayerSpec s = plan.Spec;
            int nv = plan.Forward.Vectors, span = nv * 16;
            FlatJobEmitter.EmitJobHead(w, "FlatForwardJob", new[]
                {
                    "Flat-plane work item = (image, group, run of whole tiles along the flat plane); the last tile is shifted back to end at the",
                    "plane's last output, so items write disjoint outputs (a shifted tile rewrites a few of its neighbour's with the same bits).",
                },
                $"Span = {span}",
                "Flat positions from the first output to the last: rows FlatRowStride apart, the last one OutWidth long.",
                "(l.OutHeight - 1) * l.FlatRowStride + l.OutWidth",
                "Whether the flat plane runs for this flat-plane layout: AVX-512, at least one tile, and more useful lanes than rows give.",
                "flat", $"{Names.Kernels}.FlatTileStore.IsSupported && Positions(flat) >= Span && {Names.Kernels}.FlatTileStore.IsFaster(flat.OutWidth, flat.FlatRowStride)");
            EmitItemPointers(w, s, blocks, weightsPerBlock, "_layout.PlaneStride", "_layout.OutHeight * _layout.OutWidth");
            w.Line("FlatTiles(ref src, ref weights, ref bias, ref dst, _layout, chunk, _chunks);");
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Tile run chunk of chunks along one image and group's flat plane: per run of tiles, {blocks} block(s) of {block} output channels.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void FlatTiles(ref float src, ref float weights, ref float bias, ref float dst, {Names.Layout} l, int chunk, int chunks)");
            FlatJobEmitter.EmitTileRange(w, "FlatForwardJob.Positions(l)", span);
            w.Line("nuint planeStride = (nuint)l.PlaneStride, rowStride = (nuint)l.FlatRowStride, phaseStride = (nuint)l.ColumnPhaseStride, dstStride = (nuint)(l.OutHeight * l.OutWidth);");
            TapGrid grid = plan.Forward.Taps;
            w.Line($"global::System.Span<nint> rowOffsets = stackalloc nint[{grid.Rows}];");
            w.Line($"for (int i = 0; i < {grid.Rows}; i++) rowOffsets[i] = l.RowOffset({grid.RowStart} + i * {grid.RowStep});");
            w.Line($"// Runs of {FlatJobEmitter.RunTiles} tiles outer, channel blocks inner: a block's weights are read from L1 by {FlatJobEmitter.RunTiles} tiles in a row, and the");
            w.Line("// run's input (InChannels x a few rows) stays in L2 across the blocks.");
            w.Open($"for (int t = t0; t < t1; t += {FlatJobEmitter.RunTiles})");
            w.Line($"int end = global::System.Math.Min(t + {FlatJobEmitter.RunTiles}, t1);");
            const string args = "(ref src, ref blockWeights, ref blockBias, ref blockDst, planeStride, rowStride, phaseStride, dstStride, ref " + Names.MemoryMarshal + ".GetReference(rowOffsets), t, end, positions, l.OutWidth)";
            EmitBlockLoop(w, s, blocks, block, rem, weightsPerBlock, "dst", "dstStride", channels => $"FlatRun{channels}{args}");
            w.Close();
            w.Close();
            w.Line();
            FlatJobEmitter.EmitRun(w, nv, $"FlatRun{block}", $"Tile{block}x{nv}");
            if (rem != 0) FlatJobEmitter.EmitRun(w, nv, $"FlatRun{rem}", $"Tile{rem}x{nv}");
        }

        /// <summary>
        /// A forward work item's starting points for (image n, group): its input planes (<paramref name="srcPlane"/> floats
        /// apart), the group's packed weights, its bias and its output planes (<paramref name="dstPlane"/> floats apart).
        /// </summary>
        internal static void EmitItemPointers(SourceWriter w, LayerSpec s, int blocks, int weightsPerBlock, string srcPlane, string dstPlane)
        {
            w.Line($"int co0 = group * {s.OutChannelsPerGroup};");
            w.Line($"ref float src = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (n * InChannels + group * {s.InChannelsPerGroup}) * {srcPlane});");
            w.Line($"ref float weights = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), group * {blocks * weightsPerBlock});");
            w.Line(s.HasBias
                ? $"ref float bias = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), co0);"
                : $"ref float bias = ref {Names.MemoryMarshal}.GetReference(buffers.B2); // no bias: tiles start from zero");
            w.Line($"ref float dst = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B3), (n * OutChannels + co0) * {dstPlane});");
        }

        /// <summary>One output row (or row pair) of every channel block: the input rows it reads stay cached across blocks.</summary>
        private static void EmitBlocks(SourceWriter w, LayerSpec s, string driver, int blocks, int block, int rem, int weightsPerBlock, string args)
        {
            w.Line($"// Output row oy reads padded input rows oy*{s.StrideH} + ky*{s.DilationH}.");
            w.Line($"ref float srcRow = ref {Names.Unsafe}.Add(ref src, (nuint)oy * {s.StrideH} * rowStride);");
            w.Line($"ref float dstRow = ref {Names.Unsafe}.Add(ref dst, oy * l.OutWidth);");
            EmitBlockLoop(w, s, blocks, block, rem, weightsPerBlock, "dstRow", "dstStride", channels => $"{driver}{channels}<TVec>{args}");
        }

        /// <summary>
        /// Runs every output-channel block in turn: block b's packed weights, bias and destination planes (<paramref name="dst"/> +
        /// <paramref name="planeStride"/> x b x block), calling <paramref name="call"/>(channels) with the last block's remainder size.
        /// </summary>
        internal static void EmitBlockLoop(SourceWriter w, LayerSpec s, int blocks, int block, int rem, int weightsPerBlock,
            string dst, string planeStride, System.Func<int, string> call, bool bias = true)
        {
            w.Open($"for (int b = 0; b < {blocks}; b++)");
            w.Line($"ref float blockWeights = ref {Names.Unsafe}.Add(ref weights, b * {weightsPerBlock});");
            if (bias) w.Line(s.HasBias ? $"ref float blockBias = ref {Names.Unsafe}.Add(ref bias, b * {block});" : "ref float blockBias = ref bias;");
            w.Line($"ref float blockDst = ref {Names.Unsafe}.Add(ref {dst}, (nint){planeStride} * b * {block});");
            if (rem == 0) w.Line($"{call(block)};");
            else
            {
                w.Line($"if (b == {blocks - 1}) {call(rem)};");
                w.Line($"else {call(block)};");
            }
            w.Close();
        }

        private static void EmitRowDriver(SourceWriter w, KernelPlan plan, int channels, int weightStride)
        {
            LayerSpec s = plan.Spec;
            TileShape tile = plan.Forward;
            string wide = $"Tile{channels}x{tile.Vectors}";
            const string args = "planeStride, rowStride, phaseStride";
            const string contiguous = "(nuint)TVec.Count, (nuint)TVec.Count";
            int nv = tile.Vectors;
            w.Line($"/// <summary>");
            w.Line($"/// One output row for {channels} channel(s), all in {nv}-vector tiles (the best multiply-add to load ratio): the last tile is");
            w.Line("/// shifted left to end at the row's end, recomputing a few columns (tiles only write, so overlap is harmless). Rows narrower");
            w.Line("/// than a tile are computed into a stack tile and the valid part copied; packed rows carry slack for those reads.");
            w.Line($"/// </summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Row{channels}<TVec>(ref float src, ref float weights, ref float bias, ref float dst, nuint planeStride, nuint rowStride, nuint phaseStride, nuint dstStride, int width) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line($"int span = {nv} * TVec.Count;");
            w.Open("if (width >= span)");
            w.Line("int ox = 0;");
            w.Line("for (; ox + span <= width; ox += span)");
            w.Line($"    {wide}<TVec>(ref {Names.Unsafe}.Add(ref src, ox), ref weights, ref bias, ref {Names.Unsafe}.Add(ref dst, ox), {args}, dstStride, {contiguous});");
            w.Line("if (ox < width)");
            w.Line($"    {wide}<TVec>(ref {Names.Unsafe}.Add(ref src, width - span), ref weights, ref bias, ref {Names.Unsafe}.Add(ref dst, width - span), {args}, dstStride, {contiguous});");
            w.Line("return;");
            w.Close();
            w.Line($"global::System.Span<float> tile = stackalloc float[{channels * nv * 16}];");
            w.Line($"{wide}<TVec>(ref src, ref weights, ref bias, ref {Names.MemoryMarshal}.GetReference(tile), {args}, (nuint)span, {contiguous});");
            w.Line($"for (int c = 0; c < {channels}; c++)");
            w.Line($"    tile.Slice(c * span, width).CopyTo({Names.MemoryMarshal}.CreateSpan(ref {Names.Unsafe}.Add(ref dst, (nint)dstStride * c), width));");
            w.Close();
            w.Line();
            w.Line($"/// <summary>Two output rows oy, oy+1 narrower than one vector, for {channels} channel(s): vector 0 of the tile is row oy, vector 1 is row oy+1.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void RowPair{channels}<TVec>(ref float src, ref float weights, ref float bias, ref float dst, nuint planeStride, nuint rowStride, nuint phaseStride, nuint dstStride, int width) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line("int v = TVec.Count;");
            w.Line($"global::System.Span<float> pair = stackalloc float[{channels * nv * 16}];");
            w.Line($"{wide}<TVec>(ref src, ref weights, ref bias, ref {Names.MemoryMarshal}.GetReference(pair), {args}, (nuint)({nv} * v), rowStride * {s.StrideH}, (nuint)v);");
            w.Open($"for (int c = 0; c < {channels}; c++)");
            w.Line($"ref float row = ref {Names.Unsafe}.Add(ref dst, (nint)dstStride * c);");
            w.Line($"pair.Slice(c * {nv} * v, width).CopyTo({Names.MemoryMarshal}.CreateSpan(ref row, width));");
            w.Line($"pair.Slice(c * {nv} * v + v, width).CopyTo({Names.MemoryMarshal}.CreateSpan(ref {Names.Unsafe}.Add(ref row, width), width));");
            w.Close();
            w.Close();
            w.Line();
            TileEmitter.Emit(w, new TileEmitter.TileSpec(wide, channels, weightStride, nv, tile.Taps,
                s.InChannelsPerGroup, "input channel", s.HasBias, s.StrideW, plan.FlatForward, plan.ReadsInputInEvaluation ? s.PadLeft : null,
                plan.ReadsInputInEvaluation256));
        }
    }
}
