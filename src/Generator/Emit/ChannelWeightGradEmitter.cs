using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the channel-vector weight gradient (AVX2 without AVX-512): a vector holds 8 output channels of one pixel instead of
    /// 8 pixels of one channel. dY is first transposed to [block, n, pixel, channel of the block] into a 64-byte-aligned buffer
    /// (ConvPacking.TransposeGradOutputJob), so every dY load is one aligned vector and a work item's block is one contiguous
    /// run; each tap's input pixel is a broadcast, so any stride reads no gathers and rows of any width fill every lane. Per
    /// output pixel the tile loads its dY vectors once and broadcasts each tap's pixel once into Vectors x taps accumulators,
    /// summed over a band of output rows in registers, then added into the item's partial sums (one vector per weight element
    /// and 8 channels), which go into WeightGrad once. (Stride-2 ResNet layer, Zen 3, in a standalone copy: 73 GFLOP/s with
    /// the dY buffer aligned, 41-50 unaligned; the pixel-vector kernel ran 31. Blocks contiguous instead of every pixel's
    /// channels together, paired against that: weights-only backward 1.04-1.09x faster at 1 thread on the stride-2 layer and
    /// the ResNet stem, 1.08x and 1.21x at 2.)
    /// </summary>
    internal static class ChannelWeightGradEmitter
    {
        private const int Lanes = ChannelWeightGradPlanner.Lanes;

        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            ChannelWeightGrad tile = plan.ChannelWeightGrad!;
            int block = tile.Vectors * Lanes, groups = tile.Groups.Count;
            w.Line("/// <summary>");
            w.Line($"/// Channel-vector weight-gradient work item = (block of {block} output channels, input channel), block-major so a thread's run of");
            w.Line($"/// items reads one block's dY from cache. Band by band of the batch's output rows, each of the {groups} tap group(s) sums");
            w.Line("/// the band into registers and adds them into the item's partial sums, vectors of the block's channels per weight element,");
            w.Line("/// which go into WeightGrad once at the end. A band of dY fits L1 beside them: the first group reads it from L2, the others");
            w.Line("/// from L1. Items own disjoint weights and the bands are fixed by the shape, so the sums are the same bits on any thread count.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct ChannelWeightGradJob : {Names.Job}");
            w.Line($"public const int Blocks = {s.OutChannels / block}, TapGroups = {groups};");
            w.Line("/// <summary>Work items: output-channel blocks x input channels.</summary>");
            w.Line("public const int Items = Blocks * InChannels;");
            w.Line("/// <summary>");
            w.Line("/// Bytes of dY a band of output rows spans for one block (at least one row): half of a 32 KB L1, so the tap groups after the");
            w.Line("/// first read it from L1 (ResNet stem, 112-pixel rows of 14 KB, paired against bands of 128 KB whose sums went lane by lane");
            w.Line("/// into WeightGrad: 0.90-0.93x the time at 1 thread, 0.94-0.96x at 2). A constant: the bands fix the sums' order.");
            w.Line("/// </summary>");
            w.Line("private const int BandBytes = 1 << 14;");
            w.Line("private readonly int _batch, _outHeight, _outWidth, _bandRows;");
            w.Line("private readonly nuint _rowStride, _phaseStride, _planeStride;");
            w.Open($"public ChannelWeightGradJob(in {Names.Layout} layout, int batch)");
            w.Line("_batch = batch; _outHeight = layout.OutHeight; _outWidth = layout.OutWidth;");
            w.Line($"_bandRows = global::System.Math.Max(1, BandBytes / ({block} * sizeof(float) * global::System.Math.Max(1, layout.OutWidth)));");
            w.Line("_rowStride = (nuint)layout.RowStride; _phaseStride = (nuint)layout.ColumnPhaseStride; _planeStride = (nuint)layout.PlaneStride;");
            w.Close();
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Whether it runs for this packed input: AVX2 without AVX-512 (whose flat-plane kernel keeps its lanes busy) and rows of the");
            w.Line("/// packed layout (not flat planes), at any width: pixel vectors waste lanes on narrow rows and split cache lines at stride 2,");
            w.Line("/// and on wide rows their small blocks of weights each stream dY and X through the whole batch from L2, where this tile reads");
            w.Line("/// a band of dY from L1 (ResNet 64 -> 64 3x3, 56 x 56 outputs, weights only, paired on Zen 3: 0.73-0.76x the time).");
            w.Line("/// </summary>");
            w.Line($"public static bool Runs(in {Names.Layout} layout) => global::ConvGen.Simd.V256.IsSupported && !{Names.Kernels}.FlatTileStore.IsSupported && !layout.FlatPlanes;");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line($"int ci = index % InChannels, co0 = index / InChannels * {block};");
            w.Line($"ref float x = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (nuint)ci * _planeStride);");
            w.Line($"ref float gt = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), (nuint)co0 * (nuint)(_batch * _outHeight * _outWidth)); // this block's slice");
            w.Line($"ref float gw = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), (co0 * InChannels + ci) * {s.Taps});");
            w.Line($"nuint imageX = InChannels * _planeStride, rowStep = _rowStride{(s.StrideH == 1 ? "" : $" * {s.StrideH}")};");
            w.Line($"// The item's sums, [weight element][channel of the block]: every tap group adds its registers here after each band.");
            w.Line($"global::System.Span<float> partialSums = stackalloc float[{s.Taps * block}];");
            w.Line("partialSums.Clear();");
            w.Line($"ref float partial = ref {Names.MemoryMarshal}.GetReference(partialSums);");
            w.Line("// A tap reads padded row RowOffset, column phase Phase, from column Column on (rows of the packed layout, not flat planes).");
            for (int g = 0; g < groups; g++)
                w.Line($"nuint {string.Join(", ", tile.Groups[g].Taps.Select((t, k) => $"o{g}_{k} = {TapOffset(t)}"))}; // taps {string.Join(", ", tile.Groups[g].Taps.Select(t => $"({t.Ky},{t.Kx})"))}");
            w.Line("// Bands run over the batch's output rows as one sequence (row r: image r / OutHeight), so small images share a band.");
            w.Line("int rows = _batch * _outHeight;");
            w.Open("for (int first = 0; first < rows; first += _bandRows)");
            w.Line("int count = global::System.Math.Min(_bandRows, rows - first), n = first / _outHeight, oy = first - n * _outHeight;");
            w.Line($"ref float xBand = ref {Names.Unsafe}.Add(ref x, imageX * (nuint)n);");
            w.Line($"ref float gBand = ref {Names.Unsafe}.Add(ref gt, (nuint)first * (nuint)_outWidth * {block});");
            for (int g = 0; g < groups; g++)
            {
                var taps = tile.Groups[g].Taps;
                string offsets = string.Join(", ", taps.Select((t, k) => $"o{g}_{k}"));
                string elements = string.Join(", ", taps.Select(t => t.WeightElement));
                w.Line($"Taps{taps.Count}(ref xBand, ref gBand, ref partial, {offsets}, {elements}, oy, count, _outHeight, _outWidth, rowStep, imageX);");
            }
            w.Close();
            w.Line($"// dW[co0 + c, ci, e] += the partial sum of channel c for element e (only this item writes these).");
            w.Line($"for (int e = 0; e < {s.Taps}; e++)");
            w.Line($"    for (int c = 0; c < {block}; c++)");
            w.Line($"        {Names.Unsafe}.Add(ref gw, c * InChannels * {s.Taps} + e) += {Names.Unsafe}.Add(ref partial, e * {block} + c);");
            w.Close();
            w.Close();
            w.Line();
            foreach (int size in tile.Groups.Select(g => g.Taps.Count).Distinct().OrderByDescending(n => n))
                EmitBody(w, s, tile.Vectors, size);
            EmitAddInto(w);
        }

        /// <summary>The emitted offset of a tap's first pixel in a packed plane, only its non-zero terms.</summary>
        private static string TapOffset(WeightTap t)
        {
            var terms = new System.Collections.Generic.List<string>();
            if (t.RowOffset != 0) terms.Add(t.RowOffset == 1 ? "_rowStride" : $"_rowStride * {t.RowOffset}");
            if (t.Phase != 0) terms.Add(t.Phase == 1 ? "_phaseStride" : $"_phaseStride * {t.Phase}");
            if (t.Column != 0 || terms.Count == 0) terms.Add(t.Column.ToString());
            return string.Join(" + ", terms);
        }

        private static void EmitBody(SourceWriter w, LayerSpec s, int vectors, int taps)
        {
            var t = Enumerable.Range(0, taps).ToArray();
            var v = Enumerable.Range(0, vectors).ToArray();
            // Live registers: the accumulators plus whichever of (dY vectors, broadcast pixels) is fewer, loaded first.
            bool broadcastsFirst = taps <= vectors;
            w.Line($"/// <summary>{taps} tap(s) x {vectors} vector(s) of {Lanes} output channels: {taps * vectors} accumulators, {taps + vectors} loads per {taps * vectors} multiply-adds; count output rows from row oy of image x on, then adds the accumulators into the partial sums of their weight elements.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Taps{taps}(ref float x, ref float gt, ref float partial, {string.Join(", ", t.Select(i => $"nuint o{i}"))}, {string.Join(", ", t.Select(i => $"int e{i}"))}, int oy, int count, int outHeight, int outWidth, nuint rowStep, nuint imageX)");
            w.Line($"nuint pixelG = {vectors * Lanes}, rowG = (nuint)outWidth * pixelG; // the block's channels of one pixel, then the next");
            foreach (int vi in v)
                w.Line($"CGFloat256 {string.Join(", ", t.Select(ti => $"a{vi}_{ti} = CGFloat256.Zero"))};");
            w.Line($"ref float xRow = ref {Names.Unsafe}.Add(ref x, rowStep * (nuint)oy);");
            w.Line("ref float gRow = ref gt;");
            w.Open("for (int r = 0; r < count; r++)");
            w.Open("for (nuint ox = 0; ox < (nuint)outWidth; ox++)");
            string Broadcast(int ti) => $"CGFloat256 b{ti} = CGVector256.Create({Names.Unsafe}.Add(ref xRow, o{ti} + ox));";
            string Gradient(int vi) => $"CGFloat256 g{vi} = CGVector256.LoadUnsafe(ref gRow, ox * pixelG{(vi == 0 ? "" : $" + {vi * Lanes}")});";
            string Fma(int vi, int ti) => $"a{vi}_{ti} = CGVector256.FusedMultiplyAdd(b{ti}, g{vi}, a{vi}_{ti});";
            if (broadcastsFirst)
            {
                foreach (int ti in t) w.Line(Broadcast(ti));
                foreach (int vi in v) w.Line($"{{ {Gradient(vi)} {string.Join(" ", t.Select(ti => Fma(vi, ti)))} }}");
            }
            else
            {
                foreach (int vi in v) w.Line(Gradient(vi));
                foreach (int ti in t) w.Line($"{{ {Broadcast(ti)} {string.Join(" ", v.Select(vi => Fma(vi, ti)))} }}");
            }
            w.Close();
            w.Line("// Next output row: the next image's first at the end of a plane.");
            w.Line($"gRow = ref {Names.Unsafe}.Add(ref gRow, rowG);");
            w.Line($"if (++oy < outHeight) xRow = ref {Names.Unsafe}.Add(ref xRow, rowStep);");
            w.Line($"else {{ oy = 0; x = ref {Names.Unsafe}.Add(ref x, imageX); xRow = ref x; }}");
            w.Close();
            w.Line($"// Lane l of a<v>_<t> is output channel 8v + l of the block, weight element e<t>: partial[e<t> x {vectors * Lanes} + 8v + l].");
            foreach (int vi in v)
            foreach (int ti in t)
                w.Line($"AddInto(a{vi}_{ti}, ref {Names.Unsafe}.Add(ref partial, (nuint)e{ti} * {vectors * Lanes}{(vi == 0 ? "" : $" + {vi * Lanes}")}));");
            w.Close();
            w.Line();
        }

        private static void EmitAddInto(SourceWriter w)
        {
            w.Line("/// <summary>Adds <paramref name=\"a\"/> into the 8 partial sums at <paramref name=\"partial\"/>.</summary>");
            w.Line($"private static void AddInto(CGFloat256 a, ref float partial) => CGVector256.StoreUnsafe(CGVector256.LoadUnsafe(ref partial) + a, ref partial);");
            w.Line();
        }
    }
}
