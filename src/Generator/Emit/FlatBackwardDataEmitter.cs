using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the flat-plane input gradient (AVX-512, stride 1, zero padding): the transposed convolution run like the
    /// flat-plane forward. With the flat gradient (ConvLayout.FlatGradient) dY rows are PhaseColumns apart, so input pixel
    /// (y, x) at flat position f = y x GradRowStride + x reads every tap at f plus a fixed offset, and 32-lane tiles run along
    /// the plane across row ends: 56 of 58 lanes useful for a 56-wide 3x3 layer, against 56 of 64 for per-row tiles.
    /// FlatTileStore writes each vector's pixels straight into dX, so there is no packed input gradient to unpack.
    /// </summary>
    internal static class FlatBackwardDataEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            BackwardVariant variant = plan.BackwardVariants[0];
            int block = plan.BackwardData.Block, rem = s.InChannelsPerGroup % block;
            int blocks = (s.InChannelsPerGroup + block - 1) / block;
            int nv = plan.BackwardData.Vectors, span = nv * 16;
            int perBlock = block * s.OutChannelsPerGroup * variant.Taps.Count;
            TapGrid grid = variant.Taps;

            FlatJobEmitter.EmitJobHead(w, "FlatBackwardDataJob", new[]
                {
                    "Flat-plane input-gradient work item = (image, group, run of whole tiles along dX's flat plane); the last tile is shifted",
                    "back to end at the plane's last pixel, so items write disjoint pixels (a shifted tile rewrites a few with the same bits).",
                },
                $"Span = {span}, Blocks = {blocks}",
                "Flat positions from dX's first pixel to its last: rows GradRowStride apart, the last one Width long.",
                "(l.Height - 1) * l.GradRowStride + l.Width",
                "Whether it runs: the gradient is flat (the forward ran flat planes, on AVX-512), the plane holds a tile, and more lanes are useful than in rows.",
                "l", $"l.FlatGradient && Positions(l) >= Span && {Names.Kernels}.FlatTileStore.IsFaster(l.Width, l.GradRowStride)");
            w.Line($"// dX pixel (y, x) is packed cell (y + {s.PadTop}, x + {s.PadLeft}): its taps read the bordered dY from that row and column on.");
            w.Line($"ref float src = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (n * OutChannels + group * {s.OutChannelsPerGroup}) * _layout.GradPlaneStride + {s.PadTop} * _layout.GradRowStride + {s.PadLeft});");
            w.Line($"ref float weights = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), {variant.WeightOffset} + group * Blocks * {perBlock});");
            w.Line($"ref float dst = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), (n * InChannels + group * {s.InChannelsPerGroup}) * _layout.Height * _layout.Width);");
            w.Line("FlatDataTiles(ref src, ref weights, ref dst, _layout, chunk, _chunks);");
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Tile run chunk of chunks along one image and group's dX plane: per run of tiles, {blocks} block(s) of {block} input channels.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void FlatDataTiles(ref float src, ref float weights, ref float dst, {Names.Layout} l, int chunk, int chunks)");
            FlatJobEmitter.EmitTileRange(w, "FlatBackwardDataJob.Positions(l)", span);
            w.Line("nuint planeStride = (nuint)l.GradPlaneStride, rowStride = (nuint)l.GradRowStride, dstStride = (nuint)(l.Height * l.Width);");
            w.Line($"global::System.Span<nint> rowOffsets = stackalloc nint[{grid.Rows}];");
            w.Line($"for (int i = 0; i < {grid.Rows}; i++) rowOffsets[i] = (nint)(({grid.RowStart} + i * {grid.RowStep}) * l.GradRowStride);");
            w.Line($"// Runs of {FlatJobEmitter.RunTiles} tiles outer, channel blocks inner, as in the flat-plane forward.");
            w.Open($"for (int t = t0; t < t1; t += {FlatJobEmitter.RunTiles})");
            w.Line($"int end = global::System.Math.Min(t + {FlatJobEmitter.RunTiles}, t1);");
            w.Open($"for (int b = 0; b < {blocks}; b++)");
            w.Line($"ref float blockWeights = ref {Names.Unsafe}.Add(ref weights, b * {perBlock});");
            w.Line($"ref float blockDst = ref {Names.Unsafe}.Add(ref dst, (nint)dstStride * b * {block});");
            string Call(int channels) => $"V0FlatRun{channels}(ref src, ref blockWeights, ref blockWeights, ref blockDst, planeStride, rowStride, 0, dstStride, ref {Names.MemoryMarshal}.GetReference(rowOffsets), t, end, positions, l.Width)";
            if (rem == 0) w.Line($"{Call(block)};");
            else
            {
                w.Line($"if (b == {blocks - 1}) {Call(rem)};");
                w.Line($"else {Call(block)};");
            }
            w.Close();
            w.Close();
            w.Close();
            w.Line();
            FlatJobEmitter.EmitRun(w, nv, $"V0FlatRun{block}", $"V0Tile{block}");
            if (rem != 0) FlatJobEmitter.EmitRun(w, nv, $"V0FlatRun{rem}", $"V0Tile{rem}");
        }
    }
}
