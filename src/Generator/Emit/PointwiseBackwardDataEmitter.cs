using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the pointwise layer's input gradient: dX[n, ci, p] = sum over co of W[co, ci] dY[n, co, p], the pointwise forward's
    /// GEMM with the kernel transposed. It reads dY as passed and stores straight into dX, in whole tiles along each image's
    /// flattened plane, with the input-gradient tiles (BackwardDataEmitter's V0Tile, whose one tap is the whole kernel): no
    /// packed copy of dY, no packed dX to fold back onto the input, and no lanes lost at row ends.
    /// </summary>
    internal static class PointwiseBackwardDataEmitter
    {
        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int block = plan.BackwardData.Block, rem = s.InChannelsPerGroup % block;
            int blocks = (s.InChannelsPerGroup + block - 1) / block;
            int nv = plan.BackwardData.Vectors;
            int perBlock = block * s.OutChannelsPerGroup; // one tap: the backward weights of a block of input channels

            w.Line("/// <summary>");
            w.Line("/// Pointwise input-gradient work item = (image, group, run of whole pixel tiles), split like PointwiseJob: the last item of an");
            w.Line("/// image also takes the tail, as one tile shifted back to end at the plane's end (tiles only store, so the overlap is harmless).");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct PointwiseBackwardDataJob : {Names.Job}");
            w.Line("private readonly int _pixels, _chunks;");
            w.Line("public PointwiseBackwardDataJob(int pixels, int chunks) { _pixels = pixels; _chunks = chunks; }");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int group = rest % Groups, n = rest / Groups;");
            w.Line($"ref float src = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), (n * OutChannels + group * {s.OutChannelsPerGroup}) * _pixels);");
            w.Line($"ref float weights = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B1), group * {blocks * perBlock});");
            w.Line($"ref float dst = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B2), (n * InChannels + group * {s.InChannelsPerGroup}) * _pixels);");
            w.Lines(Names.Dispatch("BackwardPixels<{0}>(ref src, ref weights, ref dst, _pixels, chunk, _chunks)"));
            w.Close();
            w.Close();
            w.Line();

            w.Line($"/// <summary>Pixel run chunk of chunks of one image and group: per tile, {blocks} block(s) of {block} input channels.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void BackwardPixels<TVec>(ref float src, ref float weights, ref float dst, int pixels, int chunk, int chunks) where TVec : struct, {Names.FloatVector}<TVec>");
            ForwardEmitter.EmitPixelTiles(w, $"{nv} * TVec.Count", "gradient columns (OutChannels x span floats)");
            // The input-gradient tiles have no bias; their bias parameter is not read.
            const string args = "(ref tileSrc, ref blockWeights, ref blockWeights, ref blockDst, plane, 0, 0, plane, vector, vector)";
            ForwardEmitter.EmitBlockLoop(w, s, blocks, block, rem, perBlock, "tileDst", "plane", channels => $"V0Tile{channels}<TVec>{args}", bias: false);
            w.Close();
            w.Close();
            w.Line();
        }
    }
}
