using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the weight-gradient kernel: dW[co, ci, tap] += sum over images and output pixels of dY[co] * X[ci] shifted by the tap.
    /// The batch is cut into slices sized for the L2 cache, from the shape alone; one work item owns a slice x a block of output
    /// channels x a block of input channels x a group of taps, keeps their sums in registers over the slice's images and writes
    /// them to its own partial. The partials are added in slice order afterwards, so the result is the same bits on every run
    /// and thread count, and each thread streams only its own images (two threads streaming the whole batch shared one memory
    /// bus and ran slower than one).
    /// </summary>
    internal static class BackwardWeightEmitter
    {
        /// <summary>The lane sum the AVX-512 weight-gradient bodies reduce with, emitted once into GeneratedKernels.</summary>
        public static void EmitSum512(SourceWriter w)
        {
            w.Line("/// <summary>Sums the lanes by halving (3 adds); Vector512.Sum reduces each 128-bit quarter separately, 3x the instructions.</summary>");
            w.Open("private static float Sum512(CGFloat512 a)");
            w.Line("global::System.Runtime.Intrinsics.Vector256<float> h = CGVector512.GetLower(a) + CGVector512.GetUpper(a);");
            w.Line("return global::System.Runtime.Intrinsics.Vector128.Sum(CGVector256.GetLower(h) + CGVector256.GetUpper(h));");
            w.Close();
            w.Line();
        }

        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int block = plan.WeightGradBlock, rem = s.OutChannelsPerGroup % block;
            int blocks = (s.OutChannelsPerGroup + block - 1) / block;
            int groups = plan.WeightGradGroups.Count;

            int inputs = plan.WeightGradInputBlock, inputBlocks = s.InChannelsPerGroup / inputs;
            w.Line("/// <summary>");
            w.Line($"/// Weight-gradient work item = (batch slice, group, chunk of input blocks, block of {block} output channel(s), block of {inputs} input channel(s), tap group of {groups}).");
            w.Line("/// It writes its sums over the slice's images to its own place in the partials [slice][co, ci, tap]; PartialSums.AddInOrder then adds");
            w.Line("/// the slices in order into WeightGrad. Every output block sweeps one chunk of input planes before the next chunk starts, so those");
            w.Line("/// planes are read from L2, not L3.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct BackwardWeightJob : {Names.Job}");
            w.Line($"public const int Blocks = {blocks}, InputBlocks = {inputBlocks}, TapGroups = {groups};");
            w.Line($"/// <summary>Work items per batch slice.</summary>");
            w.Line("public const int ItemsPerSlice = Groups * Blocks * InputBlocks * TapGroups;");
            w.Line($"/// <summary>Floats of one partial: the weight shape [{s.OutChannels}, {s.InChannelsPerGroup}, {s.K1}, {s.K2}].</summary>");
            w.Line($"public const int PartialLength = {s.OutChannels * s.InChannelsPerGroup * s.Taps};");
            w.Line("/// <summary>Floats a batch slice may span: half of a 1 MB L2. A constant, not this machine's L2: slices fix the summation order.</summary>");
            w.Line("private const int ChunkFloats = 1 << 17;");
            w.Line("/// <summary>At most this many slices, so the partials stay small next to the work (slices x PartialLength floats).</summary>");
            w.Line("private const int MaxSlices = 16;");
            w.Line($"private readonly {Names.Layout} _layout;");
            w.Line("private readonly int _batch, _images, _chunk;");
            w.Line("private readonly WeightGradDims _dims;");
            w.Open($"public BackwardWeightJob({Names.Layout} layout, int batch, bool inputFinite)");
            w.Line("_layout = layout;");
            w.Line("// Made once per run, not per item: with small planes (stride-2 ResNet layer: 3,072 items of 51 vectors) the per-item");
            w.Line("// set-up was 7 % of the weight gradient.");
            w.Line("_dims = new WeightGradDims(layout, inputFinite);");
            w.Line("_batch = batch;");
            w.Line("_images = ImagesPerSlice(layout, batch);");
            w.Line("// A chunk of input planes takes a quarter of this machine's L2 (chunks only order the items, never the sums): the output");
            w.Line("// blocks' gradient planes and the next planes need the rest. Half of a 512 KB L2 let the planes spill (stride-2 ResNet");
            w.Line("// layer on Zen 3, paired windows: a quarter took 0.92x the time of half a 1 MB L2, an eighth 0.93x, 256 KB 0.96x).");
            w.Line($"_chunk = global::System.Math.Clamp({Names.Kernels}.CacheSizes.L2Bytes / (4 * sizeof(float)) / ({inputs} * _images * layout.PlaneStride), 1, InputBlocks);");
            w.Close();
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Images per slice: as many as fit ChunkFloats with all their input and gradient planes, but no fewer than MaxSlices allow.");
            w.Line("/// It depends on the shape only, never on the thread count, so the partials and their total are the same bits on every machine.");
            w.Line("/// </summary>");
            w.Open($"public static int ImagesPerSlice({Names.Layout} layout, int batch)");
            w.Line("int fit = ChunkFloats / (InChannels * layout.PlaneStride + OutChannels * layout.GradPlaneStride);");
            w.Line("return global::System.Math.Max(1, global::System.Math.Min(batch, global::System.Math.Max(fit, (batch + MaxSlices - 1) / MaxSlices)));");
            w.Close();
            w.Line();
            w.Line("/// <summary>Batch slices, each one partial.</summary>");
            w.Open($"public static int Slices({Names.Layout} layout, int batch)");
            w.Line("int images = ImagesPerSlice(layout, batch);");
            w.Line("return (batch + images - 1) / images;");
            w.Close();
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int tapGroup = index % TapGroups, rest = index / TapGroups;");
            w.Line("int slice = rest / (Groups * Blocks * InputBlocks); rest %= Groups * Blocks * InputBlocks;");
            w.Line("int group = rest / (Blocks * InputBlocks); rest %= Blocks * InputBlocks;");
            w.Line("// Chunks before this one are full (_chunk input blocks); the last may be shorter.");
            w.Line("int chunk = rest / (Blocks * _chunk), size = global::System.Math.Min(_chunk, InputBlocks - chunk * _chunk); rest -= chunk * Blocks * _chunk;");
            w.Line($"int block = rest / size, cl = (chunk * _chunk + rest % size) * {inputs};");
            w.Line($"int co0 = group * {s.OutChannelsPerGroup} + block * {block};");
            w.Line($"int channels = global::System.Math.Min({block}, {s.OutChannelsPerGroup} - block * {block});");
            w.Line("int n0 = slice * _images, images = global::System.Math.Min(_images, _batch - n0);");
            w.Line($"ref float x = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (n0 * InChannels + group * {s.InChannelsPerGroup} + cl) * _layout.PlaneStride);");
            w.Line($"ref float gy = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), (n0 * OutChannels + co0) * _layout.GradPlaneStride + _layout.GradTop * _layout.GradRowStride + _layout.GradLeft);");
            w.Line($"ref float gw = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), slice * PartialLength + (co0 * {s.InChannelsPerGroup} + cl) * {s.Taps});");
            w.Line($"ref float planeMask = ref {Names.MemoryMarshal}.GetReference(buffers.B3); // flat planes only: FlatPlaneMask");
            int rows = plan.WeightGradGroups.SelectMany(t => t.Taps).Max(t => t.RowOffset) + 1;
            w.Line("// The bodies read the layout as plain numbers (see WeightGradDims), their tap rows from this table.");
            w.Line($"global::System.Span<nint> rowOffsets = stackalloc nint[{rows}];");
            w.Line($"for (int r = 0; r < {rows}; r++) rowOffsets[r] = _layout.RowOffset(r);");
            w.Line($"ref nint rows = ref {Names.MemoryMarshal}.GetReference(rowOffsets);");
            w.Open("switch (tapGroup)");
            for (int g = 0; g < groups; g++)
            {
                w.Line($"case {g}:");
                foreach (string line in Names.Dispatch($"TapGroup{g}<{{0}}>(ref x, ref gy, ref gw, ref planeMask, ref rows, in _dims, images, channels)").Split('\n')) w.Line("    " + line);
                w.Line("    break;");
            }
            w.Close();
            w.Close();
            w.Close();
            w.Line();

            w.Line("/// <summary>");
            w.Line("/// The layout numbers the weight-gradient bodies read, as plain fields. The bodies skip tiering (AggressiveOptimization), so they");
            w.Line("/// have no profile of their own; a ConvLayout member inlined into one brought along the profile it gathered at tier 0 while the");
            w.Line("/// forward ran, and with that mixed profile the JIT laid out the 24-accumulator loop worse (ResNet 3x3 weight gradient 1.33 ms,");
            w.Line("/// 1.76 ms once 400 forwards had run before the first backward). Fields carry no profile.");
            w.Line("/// </summary>");
            w.Open("private readonly struct WeightGradDims");
            w.Line("public readonly nuint FlatRowStride, ColumnPhaseStride, GradPlaneStride, GradRowStride, PlaneStride;");
            w.Line("public readonly int OutHeight, OutWidth;");
            w.Line("public readonly bool FlatPlanes, InputFinite;");
            w.Open($"public WeightGradDims(in {Names.Layout} l, bool inputFinite)");
            w.Line("FlatRowStride = (nuint)l.FlatRowStride; ColumnPhaseStride = (nuint)l.ColumnPhaseStride; GradPlaneStride = (nuint)l.GradPlaneStride;");
            w.Line("GradRowStride = (nuint)l.GradRowStride; PlaneStride = (nuint)l.PlaneStride;");
            w.Line("OutHeight = l.OutHeight; OutWidth = l.OutWidth; FlatPlanes = l.FlatPlanes; InputFinite = inputFinite;");
            w.Close();
            w.Close();
            w.Line();
            for (int g = 0; g < groups; g++)
            {
                w.Line(Names.Hot);
                w.Open($"private static void TapGroup{g}<TVec>(ref float x, ref float gy, ref float gw, ref float planeMask, ref nint rows, in WeightGradDims l, int images, int channels) where TVec : struct, {Names.FloatVector}<TVec>");
                w.Line(rem == 0 ? $"Taps{g}x{block}<TVec>(ref x, ref gy, ref gw, ref planeMask, ref rows, in l, images);"
                    : $"if (channels == {block}) Taps{g}x{block}<TVec>(ref x, ref gy, ref gw, ref planeMask, ref rows, in l, images); else Taps{g}x{rem}<TVec>(ref x, ref gy, ref gw, ref planeMask, ref rows, in l, images);");
                w.Close();
                w.Line();
                EmitTapGroup(w, plan, g, block);
                if (rem != 0) EmitTapGroup(w, plan, g, rem);
            }
        }

        private static void EmitTapGroup(SourceWriter w, KernelPlan plan, int g, int channels)
        {
            VectorApi.EmitDispatcher(w, $"Taps{g}x{channels}", "ref float x, ref float gy, ref float gw, ref float planeMask, ref nint rows, in WeightGradDims l, int images", "ref x, ref gy, ref gw, ref planeMask, ref rows, in l, images");
            foreach (VectorApi api in VectorApi.All) EmitTapGroupBody(w, plan, g, channels, api);
        }

        private static void EmitTapGroupBody(SourceWriter w, KernelPlan plan, int g, int channels, VectorApi api)
        {
            LayerSpec s = plan.Spec;
            TapGroup group = plan.WeightGradGroups[g];
            int inputs = plan.WeightGradInputBlock;
            // AVX-512 keeps the whole block in registers; 16-register widths run it in parts (NarrowPart).
            bool wide = api.Suffix == "V512";
            var (part, live) = wide ? (channels, inputs) : NarrowPart(channels, inputs, group.Taps.Count);
            w.Line($"/// <summary>Taps {string.Join(", ", group.Taps.Select(t => $"({t.Ky},{t.Kx})"))} for {channels} output x {inputs} input channel(s): {part * live * group.Taps.Count} register accumulators over the slice{(live < inputs || part < channels ? $", {part} output x {live} input channel(s) at a time" : "")}.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Taps{g}x{channels}_{api.Suffix}{api.TypeParameters}(ref float x, ref float gy, ref float gw, ref float planeMask, ref nint rows, in WeightGradDims l, int images){api.Constraint}");
            w.Line("nuint rowStride = l.FlatRowStride, phaseStride = l.ColumnPhaseStride, gradPlane = l.GradPlaneStride, gradRow = l.GradRowStride;");
            w.Line($"nuint plane = l.PlaneStride, imageX = InChannels * plane, imageG = OutChannels * gradPlane, v = (nuint){api.Count};");
            for (int t = 0; t < group.Taps.Count; t++)
            {
                WeightTap tap = group.Taps[t];
                w.Line($"nuint o{t} = (nuint){Names.Unsafe}.Add(ref rows, {tap.RowOffset}) + phaseStride * {tap.Phase} + {tap.Column}; // tap ({tap.Ky},{tap.Kx})");
            }
            if (live < inputs || part < channels)
            {
                for (int c0 = 0; c0 < channels; c0 += part)
                {
                    int size = System.Math.Min(part, channels - c0);
                    w.Open($"// output channels {c0} to {c0 + size - 1}");
                    w.Line(c0 == 0 ? "ref float gyc = ref gy;" : $"ref float gyc = ref {Names.Unsafe}.Add(ref gy, gradPlane * {c0});");
                    w.Open($"for (int i = 0; i < {inputs}; i += {live})");
                    w.Line($"ref float xi = ref {Names.Unsafe}.Add(ref x, plane * (nuint)i);");
                    w.Line($"ref float gwi = ref {Names.Unsafe}.Add(ref gw, {(c0 == 0 ? "" : $"{c0 * s.InChannelsPerGroup * s.Taps} + ")}i * {s.Taps});");
                    EmitPass(w, s, group, size, live, api, "xi", "gwi", "gyc");
                    w.Close();
                    w.Close();
                }
            }
            else EmitPass(w, s, group, channels, live, api, "x", "gw");
            w.Close();
            w.Line();
        }

        /// <summary>
        /// The part of a channels x inputs block that a 16-register width (AVX2 and narrower) keeps in registers: part output x
        /// live input channels, live dividing inputs, with part x live x taps accumulators + part dY vectors + 1 input vector
        /// fitting 15 registers, and the fewest loads per multiply-add ((part + live x taps) / (part x live x taps)). Running
        /// the whole AVX-512 block there spilled: the 1x1 layer's 6 x 1 x 1 pass (7 loads per 6 multiply-adds, dY re-read for
        /// each of 4 input channels) ran at 18 % of the FMA peak on a Zen 3 core, the stem's 4 x 1 x 6 held 24 accumulators.
        /// </summary>
        internal static (int Part, int Live) NarrowPart(int channels, int inputs, int taps)
        {
            (int Part, int Live) best = (1, 1);
            double bestCost = double.MaxValue;
            for (int live = 1; live <= inputs; live++)
            {
                if (inputs % live != 0) continue;
                for (int part = 1; part <= channels; part++)
                {
                    if (part * live * taps + part + 1 > 15) continue;
                    double cost = (double)(part + live * taps) / (part * live * taps);
                    if (cost < bestCost - 1e-9 || (System.Math.Abs(cost - bestCost) < 1e-9 && part * live > best.Part * best.Live))
                    {
                        best = (part, live);
                        bestCost = cost;
                    }
                }
            }
            return best;
        }

        /// <summary>Accumulators a{output}_{input}_{tap} over the slice's images for <paramref name="inputs"/> consecutive input planes of <paramref name="x"/>.</summary>
        private static void EmitPass(SourceWriter w, LayerSpec s, TapGroup group, int channels, int inputs, VectorApi api, string x, string gw, string gy = "gy")
        {
            int taps = group.Taps.Count;
            for (int c = 0; c < channels; c++)
            for (int i = 0; i < inputs; i++)
                w.Line($"{api.Type} {string.Join(", ", Enumerable.Range(0, taps).Select(t => $"a{c}_{i}_{t} = {api.ZeroExpression}"))};");
            // Only the AVX-512 body meets flat planes: the forward chooses them where FlatTileStore (AVX-512) is supported.
            // One vector of lanes ox: dY of every output channel, then each input channel's tap reads times all of them.
            void Vector(string maskX)
            {
                for (int c = 0; c < channels; c++)
                    w.Line($"{api.Type} g{c} = {api.Load("gRow", "ox" + (c == 0 ? "" : $" + gradPlane * {c}"))};");
                for (int i = 0; i < inputs; i++)
                for (int t = 0; t < taps; t++)
                    w.Line($"{{ {api.Type} xv = {api.Load($"xRow{i}", $"o{t} + ox")}{maskX}; {string.Join(" ", Enumerable.Range(0, channels).Select(c => $"a{c}_{i}_{t} = {api.MultiplyAdd("xv", $"g{c}", $"a{c}_{i}_{t}")};"))} }}");
            }
            bool flatPlanes = api.Suffix == "V512";
            if (flatPlanes)
            {
                EmitFlatPass(w, inputs, Vector, x);
                w.Open("else");
                w.Line("nuint full = (nuint)l.OutWidth & ~(v - 1);");
                w.Line("CGFloat512 tail = CGVector512.AsSingle(CGVector512.LessThan(global::System.Runtime.Intrinsics.Vector512<int>.Indices, CGVector512.Create(l.OutWidth - (int)full)));");
            }
            w.Open("for (int n = 0; n < images; n++)");
            w.Open("for (int oy = 0; oy < l.OutHeight; oy++)");
            w.Line($"ref float xRow0 = ref {Names.Unsafe}.Add(ref {x}, imageX * (nuint)n + rowStride * (nuint)oy);");
            for (int i = 1; i < inputs; i++) w.Line($"ref float xRow{i} = ref {Names.Unsafe}.Add(ref xRow{i - 1}, plane);");
            w.Line($"ref float gRow = ref {Names.Unsafe}.Add(ref {gy}, imageG * (nuint)n + gradRow * (nuint)oy);");
            w.Line("// Whole vectors: past the last output column the bordered gradient is zero, so the extra lanes add nothing.");
            if (flatPlanes)
            {
                // Past the last output column x holds padding (copies of pixels when it is not zero padding) or slack: those lanes
                // are zeroed in the last vector, since 0 x inf would be NaN where the true sum has no such term.
                w.Line("// The last vector's input lanes past the row are masked: they may hold copies of pixels (padding), and 0 x inf = NaN.");
                w.Line("nuint ox = 0;");
                w.Open("for (; ox < full; ox += v)");
                Vector("");
                w.Close();
                w.Open("if (ox < (nuint)l.OutWidth)");
                Vector(" & tail");
                w.Close();
            }
            else
            {
                w.Open("for (nuint ox = 0; ox < (nuint)l.OutWidth; ox += v)");
                Vector("");
                w.Close();
            }
            w.Close();
            w.Close();
            if (flatPlanes) w.Close();
            w.Line("// Reduce the lanes into this slice's partial dW[co, ci, tap]; only this item writes these elements.");
            for (int c = 0; c < channels; c++)
            for (int i = 0; i < inputs; i++)
            for (int t = 0; t < taps; t++)
                w.Line($"{Names.Unsafe}.Add(ref {gw}, {c * s.InChannelsPerGroup * s.Taps + i * s.Taps + group.Taps[t].WeightElement}) = {(api.Suffix == "V512" ? $"Sum512(a{c}_{i}_{t})" : api.Sum($"a{c}_{i}_{t}"))};");
        }

        /// <summary>
        /// The AVX-512 pass over flat-plane input: dY rows share the input's row pitch there, so an image's plane is one long row of
        /// OutHeight x FlatRowStride lanes with no per-row loop or half-empty last vector (ResNet 3x3: 56 of 58 lanes useful, per
        /// row 56 of 64). The lanes between rows (columns OutWidth and up) read the next row's pixels; FlatPlaneMask, made once
        /// per input size, zeroes them in x (a zero gradient times an infinite pixel would be NaN), and the lanes past the
        /// plane, where dY is the next plane's. When packing found every input value finite (WeightGradDims.InputFinite), only the
        /// last vector, which runs past the plane, is masked: the AND per input load cost 2.5-5 % of the weight gradient.
        /// </summary>
        private static void EmitFlatPass(SourceWriter w, int inputs, System.Action<string> vector, string x)
        {
            w.Open("if (l.FlatPlanes) // then dY has the flat gradient's pitch too (ConvLayout requires it)");
            w.Line("nuint lanes = (nuint)l.OutHeight * l.FlatRowStride;");
            w.Open("for (int n = 0; n < images; n++)");
            w.Line($"ref float xRow0 = ref {Names.Unsafe}.Add(ref {x}, imageX * (nuint)n);");
            for (int i = 1; i < inputs; i++) w.Line($"ref float xRow{i} = ref {Names.Unsafe}.Add(ref xRow{i - 1}, plane);");
            w.Line($"ref float gRow = ref {Names.Unsafe}.Add(ref gy, imageG * (nuint)n);");
            w.Line("// ox: lane along the flat plane; the mask is zero past it, so the last vector needs no tail of its own.");
            w.Line("nuint ox = 0;");
            w.Open("if (l.InputFinite)");
            w.Line("// Every packed pixel finite: the lanes between rows meet zeros of dY, so only the last vector, past the plane, is masked.");
            w.Line("nuint full = lanes & ~(v - 1);");
            w.Open("for (; ox < full; ox += v)");
            vector("");
            w.Close();
            w.Close();
            w.Open("for (; ox < lanes; ox += v)");
            w.Line("CGFloat512 keep = CGVector512.LoadUnsafe(ref planeMask, ox);");
            vector(" & keep");
            w.Close();
            w.Close();
            w.Close();
        }
    }
}
