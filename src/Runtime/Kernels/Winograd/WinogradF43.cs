using System;
using System.ComponentModel;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels.Winograd
{
    /// <summary>
    /// Winograd F(4x4, 3x3) for stride-1 3x3 convolutions (Lavin and Gray, "Fast Algorithms for Convolutional Neural
    /// Networks", 2015; points 0, ±1, ±2). Each 4x4 output tile is A^T [ (G g G^T) ⊙ (B^T d B) ] A, with d the 6x6 input patch
    /// and g the 3x3 kernel: 36 multiplies per tile and input channel instead of 144, so the multiply-adds, once the inputs
    /// and weights are transformed, are a quarter of the direct convolution's. Summed over input channels, the 36 products
    /// are 36 independent GEMMs (output channels x input channels x tiles), which is where the time goes.
    /// <para>
    /// Layout: one work item is one row of output tiles (4 output rows) and up to <see cref="Lanes"/> tiles along it; a vector
    /// lane is one tile. Transformed input for an item: V[point][input channel][lane], <see cref="InputStride"/> floats between
    /// points. Transformed weights: U[point][block of 16 output channels][input channel][16] (<see cref="PackWeights"/>), so the
    /// GEMM broadcasts one weight per multiply-add. Products: M[point][16 output channels][lane].
    /// </para>
    /// In float32 its error grows with the transform constants (up to 8 and 1/24): about 1e-5 of the output's largest
    /// magnitude on 64-channel layers, against about 1e-6 for the direct convolution; tests hold it to 1e-4.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class WinogradF43
    {
        /// <summary>Outputs per tile side.</summary>
        public const int TileSize = 4;
        /// <summary>Input patch side: TileSize + 3 - 1.</summary>
        public const int PatchSize = 6;
        /// <summary>Transform points per tile (6 x 6): the number of GEMMs.</summary>
        public const int Points = PatchSize * PatchSize;
        /// <summary>Tiles per vector (AVX-512 lanes), and output channels per GEMM block.</summary>
        public const int Lanes = 16;
        /// <summary>Floats of one point's products for a block: 16 output channels x 16 lanes.</summary>
        public const int ProductStride = Lanes * Lanes;

        /// <summary>
        /// Least share of useful lanes (tiles along a row over the lanes of its column groups). Measured against the direct
        /// kernels (evaluation forward, 1 thread): 16 -> 16 channels at 56 x 56 (14 of 16 lanes) 73-80 -> 47-53 us, 32 -> 32 at
        /// 56 x 56 281-284 -> 147-148 us, but 32 -> 32 at 32 x 32 (8 of 16) 90-93 against 90-103 us (a prototype of the same
        /// transforms and GEMM): no gain at half the lanes.
        /// </summary>
        public const double MinUsefulLanes = 0.75;

        /// <summary>
        /// Deep layers gain enough per useful lane to take fewer: 7 of 16 lanes (28 x 28) measured 307-319 -> 241-281 us at
        /// 64 -> 64 channels and 1.22-1.28 -> 0.94-1.07 ms at 128 -> 128, while 4 of 16 (14 x 14, 256 -> 256) was slower in the
        /// prototype, 1.42-1.53 ms direct against 2.07-2.33.
        /// </summary>
        public const double MinUsefulLanesDeep = 7.0 / 16;

        /// <summary>Fewest input and output channels for <see cref="MinUsefulLanesDeep"/>.</summary>
        public const int DeepChannels = 64;

        /// <summary>
        /// Whether this machine runs it: AVX-512 (masked loads and stores, 16-lane shuffles), or AVX2 with FMA, where the
        /// transforms work on halves of 8 lanes and the generated GEMMs on Vector256.
        /// </summary>
        public static bool IsSupported => (Avx512F.IsSupported && Vector512.IsHardwareAccelerated) || WinogradTransforms256.IsSupported;

        /// <summary>Tiles along an output row.</summary>
        public static int TilesAcross(int outWidth) => (outWidth + TileSize - 1) / TileSize;

        /// <summary>Rows of tiles down an output plane.</summary>
        public static int TilesDown(int outHeight) => (outHeight + TileSize - 1) / TileSize;

        /// <summary>Groups of up to 16 tiles along an output row: one vector, one work item each.</summary>
        public static int ColumnGroups(int outWidth) => (TilesAcross(outWidth) + Lanes - 1) / Lanes;

        /// <summary>The share of lanes that hold a tile when rows <paramref name="outWidth"/> wide are cut into groups of 16 tiles.</summary>
        public static double UsefulLanes(int outWidth) => outWidth <= 0 ? 0 : (double)TilesAcross(outWidth) / (Lanes * ColumnGroups(outWidth));

        /// <summary>
        /// Whether it runs, on this machine, for rows <paramref name="outWidth"/> wide of a convolution from
        /// <paramref name="inChannels"/> to <paramref name="outChannels"/> channels: <see cref="MinUsefulLanes"/> of the lanes
        /// useful, or <see cref="MinUsefulLanesDeep"/> with at least <see cref="DeepChannels"/> channels each way.
        /// </summary>
        public static bool Runs(int outWidth, int inChannels, int outChannels)
            => IsSupported && UsefulLanes(outWidth) >= (Math.Min(inChannels, outChannels) >= DeepChannels ? MinUsefulLanesDeep : MinUsefulLanes);

        /// <summary>
        /// Floats between two points of the transformed input: one vector per input channel, plus one: at a multiple of 4 KiB
        /// the 36 stores of a channel all fell in one L1 set (the input transform took 175 us instead of 63 on the ResNet layer).
        /// </summary>
        public static int InputStride(int inChannels) => inChannels * Lanes + Lanes;

        /// <summary>Per-thread scratch for one work item: transformed input, then one block's products.</summary>
        public static int ScratchFloats(int inChannels) => Points * InputStride(inChannels) + Points * ProductStride;

        /// <summary>Output-channel blocks of 16 (the last zero-padded).</summary>
        public static int Blocks(int outChannels) => (outChannels + Lanes - 1) / Lanes;

        /// <summary>Floats of the transformed weights.</summary>
        public static int PackedWeightFloats(int inChannels, int outChannels) => Points * Blocks(outChannels) * inChannels * Lanes;

        /// <summary>
        /// Transforms the kernel into U = G g G^T, laid out [point][block][input channel][16 output channels]; lanes past the last
        /// output channel are zero. <paramref name="weight"/> is [OutChannels, InChannels, 3, 3] of the convolution run here, or,
        /// <paramref name="transposed"/>, [InChannels, OutChannels, 3, 3]: a layer's own weight read for its input gradient, the
        /// convolution of dY with the kernel transposed and flipped. <paramref name="flip"/> flips it on both axes first.
        /// Vectorised over 16 output channels at a time: it runs whenever the optimizer changed the weights.
        /// </summary>
        public static void PackWeights(ReadOnlySpan<float> weight, Span<float> packed, int inChannels, int outChannels, bool flip, bool transposed = false)
        {
            int blocks = Blocks(outChannels);
            if (weight.Length != outChannels * inChannels * 9)
                throw new ArgumentException($"Expected {outChannels * inChannels * 9} weights ({(transposed ? inChannels : outChannels)} x {(transposed ? outChannels : inChannels)} x 3 x 3), got {weight.Length}.", nameof(weight));
            if (packed.Length < PackedWeightFloats(inChannels, outChannels))
                throw new ArgumentException($"Expected room for {PackedWeightFloats(inChannels, outChannels)} packed weights, got {packed.Length}.", nameof(packed));
            Span<float> lanes = stackalloc float[9 * Lanes];
            for (int block = 0; block < blocks; block++)
            for (int ci = 0; ci < inChannels; ci++)
            {
                lanes.Clear();
                for (int k = 0; k < Lanes && block * Lanes + k < outChannels; k++)
                {
                    int co = block * Lanes + k;
                    int start = (transposed ? ci * outChannels + co : co * inChannels + ci) * 9;
                    for (int tap = 0; tap < 9; tap++)
                        lanes[tap * Lanes + k] = weight[start + (flip ? 8 - tap : tap)];
                }
                WinogradTransforms.Kernel(lanes, packed, ((long)block * inChannels + ci) * Lanes, (long)blocks * inChannels * Lanes);
            }
        }
    }
}
