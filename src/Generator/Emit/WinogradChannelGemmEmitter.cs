using ConvGen.Generator.Helpers;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// The stride-2 Winograd GEMMs on AVX2 (ConvGen.Kernels.Winograd.WinogradStride2; the forward, and the input gradient with
    /// input and output channels swapped), with vectors along the channels written: per point, products M[vector][tile] = sum
    /// over the channels c read of U[c][32 channels] x V[c][tile], for the item's tiles only. A tile of the GEMM is 3 tiles x 4 vectors of 8 channels = 12 accumulators; per input channel it broadcasts the 3
    /// tiles' V and loads the 4 weight vectors one at a time, so 3 + 1 + 12 registers of the 16 and 7 loads per 12 multiply-adds.
    /// The 16 lanes of V along tiles (the other Winograd GEMMs' vectors) left 2 of 16 lanes idle on 28-column rows; here a row
    /// of 14 tiles runs 4 GEMM tiles of 3 and one of 2. Paired against the lane-vector GEMM on the stride-2 ResNet layer (64 ->
    /// 128, 1 thread, Zen 3, same outputs bit for bit): 0.87x the time.
    /// </summary>
    internal static class WinogradChannelGemmEmitter
    {
        /// <summary>Output channels per block: 4 vectors of 8 (WinogradStride2.ChannelBlock).</summary>
        public const int Channels = 32;
        private const int Vectors = Channels / 8, Lanes = 16;

        /// <summary>Floats of one point's products (WinogradStride2.ProductStride): [vector][lane][8].</summary>
        public const int ProductStride = Channels * Lanes;

        /// <summary>Multiply32Avx2(weights, transformed, products, tiles): all points' GEMMs for one block, then its tile methods; <paramref name="inChannels"/> = the channels summed over.</summary>
        public static void Emit(SourceWriter w, int inChannels, int points)
        {
            w.Line($"/// <summary>One block of {Channels} channels written, every point: GEMM tiles of 3 item tiles, then 2 or 1 for the rest of <paramref name=\"tiles\"/>.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void Multiply32Avx2(ref float weights, ref float transformed, ref float products, int tiles)");
            w.Open($"for (int point = 0; point < {points}; point++)");
            w.Line($"ref float u = ref {Names.Unsafe}.Add(ref weights, WeightPoint[point] * WeightStride);");
            w.Line($"ref float v = ref {Names.Unsafe}.Add(ref transformed, point * InputStride);");
            w.Line($"ref float p = ref {Names.Unsafe}.Add(ref products, point * {ProductStride});");
            w.Line("int t = 0;");
            w.Line($"for (; t + 3 <= tiles; t += 3) Tile3(ref u, ref {Names.Unsafe}.Add(ref v, t), ref {Names.Unsafe}.Add(ref p, t * 8));");
            w.Line($"if (tiles - t == 2) Tile2(ref u, ref {Names.Unsafe}.Add(ref v, t), ref {Names.Unsafe}.Add(ref p, t * 8));");
            w.Line($"else if (tiles - t == 1) Tile1(ref u, ref {Names.Unsafe}.Add(ref v, t), ref {Names.Unsafe}.Add(ref p, t * 8));");
            w.Close();
            w.Close();
            w.Line();
            for (int tiles = 3; tiles >= 1; tiles--) EmitTile(w, inChannels, tiles);
        }

        /// <summary>
        /// Tile{tiles}: accumulators a{vector}_{tile}. The weight and input references step through the input channels (no index
        /// arithmetic in the loop); each weight vector is loaded once and used by every tile before the next is loaded.
        /// </summary>
        private static void EmitTile(SourceWriter w, int inChannels, int tiles)
        {
            w.Line($"/// <summary>Products of {tiles} consecutive tile(s) x {Channels} channels written, summed over the {inChannels} channels read.</summary>");
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            w.Open($"private static void Tile{tiles}(ref float u, ref float v, ref float p)");
            for (int k = 0; k < Vectors; k++)
                w.Line($"CGFloat256 {CodeList.Join(tiles, t => $"a{k}_{t} = CGFloat256.Zero")};");
            w.Open($"for (int c = 0; c < {inChannels}; c++)");
            w.Line($"CGFloat256 {CodeList.Join(tiles, t => $"b{t} = CGVector256.Create({(t == 0 ? "v" : $"{Names.Unsafe}.Add(ref v, {t})")})")};");
            for (int k = 0; k < Vectors; k++)
                w.Line($"{(k == 0 ? "CGFloat256 " : "")}w = CGVector256.LoadUnsafe(ref u, {k * 8}); {CodeList.Join(tiles, t => $"a{k}_{t} = CGVector256.FusedMultiplyAdd(w, b{t}, a{k}_{t});", " ")}");
            w.Line($"u = ref {Names.Unsafe}.Add(ref u, {Channels}); v = ref {Names.Unsafe}.Add(ref v, {Lanes});");
            w.Close();
            for (int k = 0; k < Vectors; k++)
                w.Line(CodeList.Join(tiles, t => $"CGVector256.StoreUnsafe(a{k}_{t}, ref p, {k * Lanes * 8 + t * 8});", " "));
            w.Close();
            w.Line();
        }
    }
}
