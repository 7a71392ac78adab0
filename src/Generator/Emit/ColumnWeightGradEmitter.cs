using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the column weight gradient (see <see cref="ColumnWeightGrad"/>): a job over (batch slice, group, chunk of output
    /// blocks) that copies each image's shifted input rows into an aligned band of columns, then runs the GEMM
    /// dW[co, column] += dY[co, pixels] . band[column, pixels] against dY exactly as the caller passed it (no packed copy).
    /// </summary>
    internal static class ColumnWeightGradEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            ColumnWeightGrad cw = plan.ColumnWeightGrad!;
            int bc = cw.OutputBlock, bj = cw.ColumnBlock;
            int outputBlocks = (s.OutChannelsPerGroup + bc - 1) / bc, outputRem = s.OutChannelsPerGroup % bc;
            int[] widths = cw.Columns % bj == 0 ? new[] { bj } : new[] { bj, cw.Columns % bj }; // whole column blocks, then the remainder

            w.Line("/// <summary>");
            w.Line($"/// Weight-gradient work item = (batch slice, group, chunk of output blocks). Per image and band of output rows it copies the");
            w.Line($"/// {s.InChannelsPerGroup} x {s.Taps} shifted input rows (channel ci, tap t: the pixels output (oy, ox) meets through that tap) into an aligned");
            w.Line($"/// band of {cw.Columns} columns{(s.HasBias ? " (the last all ones: its dot product with dY is dBias)" : "")}, then adds dY . band^T into its slice's partial");
            w.Line($"/// [co, column], {bc} output channel(s) x {bj} column(s) in registers, reading dY as the caller passed it. The partials are added in");
            w.Line("/// slice order afterwards (PartialSums.AddColumnsInOrder), so the result is the same bits on every run and thread count.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct ColumnWeightGradJob : {Names.Job}");
            w.Line($"/// <summary>Columns per output channel: {s.InChannelsPerGroup} input channel(s) x {s.Taps} taps{(s.HasBias ? ", then the bias column" : "")}.</summary>");
            w.Line($"public const int WeightColumns = {cw.WeightColumns}, Columns = {cw.Columns};");
            w.Line($"/// <summary>Blocks of {bc} output channel(s) per group.</summary>");
            w.Line($"public const int OutputBlocks = {outputBlocks};");
            w.Line("/// <summary>Floats of one slice's partial: [OutChannels, Columns].</summary>");
            w.Line("public const int PartialLength = OutChannels * Columns;");
            w.Line("/// <summary>Floats a band of columns may take: a quarter of a 1 MB L2, so the band and the image's dY stay there.</summary>");
            w.Line("private const int BandFloats = 1 << 16;");
            w.Line("/// <summary>At most this many slices (each a partial), and at least this many items, so both cores get work at batch 1.</summary>");
            w.Line("private const int MaxSlices = 16, MinItems = 4;");
            w.Line("/// <summary>Lanes kept for each dY row's last partial vector: the widest vector.</summary>");
            w.Line($"private const int TailLanes = {Names.Kernels}.ConvLayout.MaxVector;");
            w.Line($"private readonly {Names.Layout} _layout;");
            w.Line("private readonly int _batch, _images, _chunks, _bandRows;");
            w.Open($"public ColumnWeightGradJob({Names.Layout} layout, int batch)");
            w.Line("_layout = layout;");
            w.Line("_batch = batch;");
            w.Line("_images = ImagesPerSlice(batch);");
            w.Line("_chunks = global::System.Math.Clamp((MinItems + Slices(batch) * Groups - 1) / (Slices(batch) * Groups), 1, OutputBlocks);");
            w.Line("// Rows per band: as many as fit BandFloats once every column's pitch (up to 31 floats more than its pixels) is counted.");
            w.Line("_bandRows = global::System.Math.Clamp((BandFloats / Columns - 31) / layout.OutWidth, 1, layout.OutHeight);");
            w.Close();
            w.Line();
            w.Line("/// <summary>Images per batch slice: enough that there are at most MaxSlices slices.</summary>");
            w.Line("private static int ImagesPerSlice(int batch) => (batch + MaxSlices - 1) / MaxSlices;");
            w.Line();
            w.Line("/// <summary>Batch slices, each one partial: a function of the batch alone, never of the thread count.</summary>");
            w.Line("public static int Slices(int batch) => (batch + ImagesPerSlice(batch) - 1) / ImagesPerSlice(batch);");
            w.Line();
            w.Line("/// <summary>Work items: slices x groups x chunks of output blocks (chunks only split the work, not the sums).</summary>");
            w.Line("public int Items => Slices(_batch) * Groups * _chunks;");
            w.Line();
            w.Line("/// <summary>Floats from one column of a band to the next: its pixels, then at least one zeroed vector, in whole 64-byte lines.</summary>");
            w.Line("private static int Pitch(int pixels) => (pixels + 31) & ~15;");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Lines(Names.Dispatch("Run<{0}>(index, in buffers)"));
            w.Close();
            w.Line();

            EmitRun(w, plan);
            EmitBuild(w, plan);
            foreach (int width in widths) EmitColumnBlock(w, bc, outputRem, width);
            foreach (int channels in outputRem == 0 ? new[] { bc } : new[] { bc, outputRem })
            foreach (int width in widths)
            {
                VectorApi.EmitDispatcher(w, $"Block{channels}x{width}", BlockParameters, BlockArguments);
                foreach (VectorApi api in VectorApi.All) EmitBlock(w, channels, width, api);
            }
            w.Close();
            w.Line();
        }

        private const string BlockParameters = "ref float gy, nuint gyPitch, ref float band, nuint pitch, nuint pixels, ref float partial";
        private const string BlockArguments = "ref gy, gyPitch, ref band, pitch, pixels, ref partial";

        private static void EmitRun(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            ColumnWeightGrad cw = plan.ColumnWeightGrad!;
            int bc = cw.OutputBlock;
            w.Line(Names.Hot);
            w.Open($"private void Run<TVec>(int index, in {Names.Buffers} buffers) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int group = rest % Groups, slice = rest / Groups;");
            w.Line("int block0 = chunk * OutputBlocks / _chunks, block1 = (chunk + 1) * OutputBlocks / _chunks;");
            w.Line($"int co0 = block0 * {bc}, co1 = global::System.Math.Min(block1 * {bc}, {s.OutChannelsPerGroup}); // within the group");
            w.Line("int n0 = slice * _images, images = global::System.Math.Min(_images, _batch - n0);");
            w.Line("int outWidth = _layout.OutWidth, outHeight = _layout.OutHeight, pixels = outHeight * outWidth;");
            w.Line("int pitch = Pitch(_bandRows * outWidth);");
            w.Line("// The band, then the last partial vector of each of this item's dY rows, zero-filled.");
            w.Line($"global::System.Span<float> scratch = {Names.Kernels}.ThreadScratch.Get(Columns * pitch + (co1 - co0) * TailLanes);");
            w.Line($"ref float band = ref {Names.MemoryMarshal}.GetReference(scratch);");
            w.Line($"ref float tails = ref {Names.Unsafe}.Add(ref band, Columns * pitch);");
            w.Line($"ref float partial = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), slice * PartialLength + (group * {s.OutChannelsPerGroup} + co0) * Columns);");
            w.Line($"{Names.MemoryMarshal}.CreateSpan(ref partial, (co1 - co0) * Columns).Clear(); // only this item writes these rows");
            w.Line("// Where each tap's input row starts in a packed plane, in weight order (the band's column order).");
            w.Line($"global::System.Span<nint> taps = stackalloc nint[{s.Taps}];");
            for (int t = 0; t < cw.Taps.Count; t++)
            {
                WeightTap tap = cw.Taps[t];
                w.Line($"taps[{t}] = _layout.RowOffset({tap.RowOffset}) + _layout.ColumnPhaseStride * {tap.Phase} + {tap.Column}; // tap ({tap.Ky},{tap.Kx})");
            }
            w.Open("for (int n = n0; n < n0 + images; n++)");
            w.Line($"ref float x = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (n * InChannels + group * {s.InChannelsPerGroup}) * _layout.PlaneStride);");
            w.Line($"ref float gyImage = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), (n * OutChannels + group * {s.OutChannelsPerGroup} + co0) * pixels);");
            w.Open("for (int y0 = 0; y0 < outHeight; y0 += _bandRows)");
            w.Line("int rows = global::System.Math.Min(_bandRows, outHeight - y0), length = rows * outWidth, full = length - length % TVec.Count;");
            w.Line($"BuildBand<TVec>(ref x, ref band, ref {Names.MemoryMarshal}.GetReference(taps), _layout, y0, rows, (nuint)pitch);");
            w.Line($"ref float gy = ref {Names.Unsafe}.Add(ref gyImage, y0 * outWidth);");
            w.Line("// Past the last whole vector: dY's last lanes, zero-padded, so no read runs off the caller's buffer (the band is zero there too).");
            w.Line("if (full < length)");
            w.Line("    for (int c = 0; c < co1 - co0; c++)");
            w.Line("    for (int i = 0; i < TailLanes; i++)");
            w.Line($"        {Names.Unsafe}.Add(ref tails, c * TailLanes + i) = full + i < length ? {Names.Unsafe}.Add(ref gy, c * pixels + full + i) : 0f;");
            w.Line("// Column blocks outermost: a block's band rows stay in L1 while every output block streams its dY rows past them.");
            int whole = cw.Columns - cw.Columns % cw.ColumnBlock;
            if (whole > 0)
                w.Line($"for (int j = 0; j < {whole}; j += {cw.ColumnBlock}) {ColumnBlockCall(cw.ColumnBlock, "j")}");
            if (whole < cw.Columns)
                w.Line(ColumnBlockCall(cw.Columns - whole, whole.ToString()));
            w.Close();
            w.Close();
            w.Close();
            w.Line();
        }

        private static string ColumnBlockCall(int width, string column)
            => $"Columns{width}<TVec>(ref gy, ref tails, ref {Names.Unsafe}.Add(ref band, {column} * pitch), ref {Names.Unsafe}.Add(ref partial, {column}), block0, block1, co0, pixels, pitch, full, length);";

        /// <summary>
        /// One column block against every output block of the item. A band whose pixels end mid-vector adds its last vector
        /// from the tails (dY's last lanes, zero-padded) against the band's zeroed lanes past its end.
        /// </summary>
        private static void EmitColumnBlock(SourceWriter w, int bc, int outputRem, int width)
        {
            w.Line(Names.Hot);
            w.Open($"private static void Columns{width}<TVec>(ref float gy, ref float tails, ref float band, ref float partial, int block0, int block1, int co0, int pixels, int pitch, int full, int length) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Open("for (int block = block0; block < block1; block++)");
            w.Line($"int c = block * {bc} - co0;");
            w.Line($"ref float blockGy = ref {Names.Unsafe}.Add(ref gy, c * pixels);");
            w.Line($"ref float blockTails = ref {Names.Unsafe}.Add(ref tails, c * TailLanes);");
            w.Line($"ref float blockPartial = ref {Names.Unsafe}.Add(ref partial, c * Columns);");
            void Calls(int channels)
            {
                w.Line($"Block{channels}x{width}<TVec>(ref blockGy, (nuint)pixels, ref band, (nuint)pitch, (nuint)full, ref blockPartial);");
                w.Line($"if (full < length) Block{channels}x{width}<TVec>(ref blockTails, TailLanes, ref {Names.Unsafe}.Add(ref band, full), (nuint)pitch, (nuint)TVec.Count, ref blockPartial);");
            }
            if (outputRem == 0) Calls(bc);
            else
            {
                w.Open("if (block < OutputBlocks - 1)");
                Calls(bc);
                w.Close();
                w.Open($"else // the last {outputRem} output channel(s)");
                Calls(outputRem);
                w.Close();
            }
            w.Close();
            w.Close();
            w.Line();
        }

        private static void EmitBuild(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            w.Line("/// <summary>");
            w.Line("/// Copies output rows [y0, y0 + rows) of every (input channel, tap) column into the band, rows back to back; a whole vector");
            w.Line("/// written past a row's end is overwritten by the next row, and past the band's last pixel it is zeroed, so the GEMM's last");
            w.Line("/// vector meets zeros there (a zero gradient lane times an infinite pixel would be NaN).");
            w.Line("/// </summary>");
            w.Line(Names.Hot);
            w.Open($"private static void BuildBand<TVec>(ref float x, ref float band, ref nint taps, in {Names.Layout} l, int y0, int rows, nuint pitch) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line("nuint v = (nuint)TVec.Count, outWidth = (nuint)l.OutWidth, rowStride = (nuint)l.FlatRowStride, length = (nuint)rows * outWidth;");
            w.Open($"for (int ci = 0; ci < {s.InChannelsPerGroup}; ci++)");
            w.Open($"for (int t = 0; t < {s.Taps}; t++)");
            w.Line($"ref float src = ref {Names.Unsafe}.Add(ref x, (nuint)ci * (nuint)l.PlaneStride + (nuint){Names.Unsafe}.Add(ref taps, t) + rowStride * (nuint)y0);");
            w.Line($"ref float dst = ref {Names.Unsafe}.Add(ref band, (nuint)(ci * {s.Taps} + t) * pitch);");
            w.Line("for (nuint r = 0; r < (nuint)rows; r++)");
            w.Line("for (nuint ox = 0; ox < outWidth; ox += v)");
            w.Line("    TVec.Store(TVec.Load(ref src, rowStride * r + ox), ref dst, outWidth * r + ox);");
            w.Line("TVec.Store(TVec.Zero, ref dst, length);");
            w.Close();
            w.Close();
            if (s.HasBias)
            {
                w.Line("// The bias column: ones over the band's pixels.");
                w.Line($"ref float ones = ref {Names.Unsafe}.Add(ref band, (nuint)WeightColumns * pitch);");
                w.Line("for (nuint p = 0; p < length; p += v) TVec.Store(TVec.Create(1f), ref ones, p);");
                w.Line("TVec.Store(TVec.Zero, ref ones, length);");
            }
            w.Close();
            w.Line();
        }

        /// <summary>
        /// Output channels per pass of a 16-register body: their dY vectors stay in registers beside up to 12 accumulators and
        /// one band vector (3 x 4 + 3 + 1 = 16). With all 6 channels of a block in one pass (6 x 2 accumulators + 6 + 1 = 19) the
        /// JIT kept 3 accumulators on the stack, loaded and stored every pixel vector (LeNet C1's weight gradient: 40 % of the
        /// FMA peak in its block).
        /// </summary>
        private const int NarrowChannels = 3;

        private static void EmitBlock(SourceWriter w, int channels, int width, VectorApi api)
        {
            // AVX-512 keeps the whole block in registers; 16-register widths run it a few channels and columns at a time.
            bool whole = api.Suffix == "V512";
            var channelParts = whole ? new List<(int Offset, int Size)> { (0, channels) } : EvenParts.Split(channels, NarrowChannels);
            int PartColumns(int size) => whole ? width : System.Math.Max(1, 12 / size);
            bool onePass = channelParts.Count == 1 && PartColumns(channels) >= width;
            string passes = onePass ? "" : $", {string.Join(" + ", channelParts.Select(p => p.Size))} channel(s) x up to {PartColumns(channelParts[0].Size)} column(s) per pass";
            w.Line($"/// <summary>{channels} output channel(s) x {width} column(s): partial[c, j] += dY row c . band row j over the first <paramref name=\"pixels\"/> pixels{passes}.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Block{channels}x{width}_{api.Suffix}{api.TypeParameters}({BlockParameters}){api.Constraint}");
            w.Line($"nuint v = (nuint){api.Count};");
            foreach (var (c0, size) in channelParts)
            for (int j0 = 0, part = PartColumns(size); j0 < width; j0 += part)
            {
                int j1 = System.Math.Min(width, j0 + part), c1 = c0 + size;
                w.Open(onePass ? "// every column in one pass" : $"// channels {c0}..{c1 - 1}, columns {j0}..{j1 - 1}");
                for (int c = c0; c < c1; c++)
                    w.Line($"{api.Type} {string.Join(", ", Enumerable.Range(j0, j1 - j0).Select(j => $"a{c}_{j} = {api.ZeroExpression}"))};");
                w.Open("for (nuint p = 0; p < pixels; p += v)");
                for (int c = c0; c < c1; c++)
                    w.Line($"{api.Type} g{c} = {api.Load("gy", c == 0 ? "p" : $"p + gyPitch * {c}")};");
                for (int j = j0; j < j1; j++)
                    w.Line($"{{ {api.Type} b = {api.Load("band", j == 0 ? "p" : $"p + pitch * {j}")}; {string.Join(" ", Enumerable.Range(c0, size).Select(c => $"a{c}_{j} = {api.MultiplyAdd("b", $"g{c}", $"a{c}_{j}")};"))} }}");
                w.Close();
                for (int c = c0; c < c1; c++)
                for (int j = j0; j < j1; j++)
                    w.Line($"{Names.Unsafe}.Add(ref partial, {c} * Columns + {j}) += {(whole ? $"Sum512(a{c}_{j})" : api.Sum($"a{c}_{j}"))};");
                w.Close();
            }
            w.Close();
            w.Line();
        }
    }
}
