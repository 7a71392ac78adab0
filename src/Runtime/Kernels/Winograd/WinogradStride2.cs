using System;
using System.ComponentModel;
using System.Runtime.Intrinsics;

namespace ConvGen.Kernels.Winograd
{
    /// <summary>
    /// A fast algorithm for stride-2 3x3 convolutions: 2 x 2 output tiles from 5 x 5 input patches with 25 multiplies per tile
    /// and input channel instead of 36 (0.69x the multiply-adds). Along one axis, two outputs of a stride-2 3-tap correlation
    /// <code>
    /// y0 = w0 d0 + w1 d1 + w2 d2        y1 = w0 d2 + w1 d3 + w2 d4
    /// </code>
    /// split into the even inputs (d1, d3: one tap, w1, two multiplies) and the odd ones (d0, d2, d4: two taps, w0 and w2),
    /// whose two outputs Winograd F(2, 2) gives in three multiplies: w0 (d0 - d2), (w0 + w2) d2 and w2 (d4 - d2). So
    /// <code>
    /// B^T d = (d0 - d2, d1, d2, d3, d4 - d2)     G w = (w0, w1, w0 + w2, w1, w2)     A^T m = (m0 + m1 + m2, m2 + m3 + m4)
    /// </code>
    /// and the 2-D tile is A^T [ (G g G^T) ⊙ (B^T d B) ] A, as in <see cref="WinogradF43"/>, with 25 points. Every constant is
    /// 0 or ±1, so the float32 error is the direct convolution's (the same products, summed in another order).
    /// <para>
    /// Layout: one work item is one row of output tiles (2 output rows) and up to <see cref="Lanes"/> tiles along it, one per
    /// lane; transformed input V[point][input channel][lane] (as in WinogradF43). The GEMMs then run the other way round from
    /// WinogradF43's: vectors along output channels, each tile's V broadcast, so a row of 14 tiles costs 14 tiles' work, not 16
    /// lanes'. Weights U[distinct point][block of <see cref="ChannelBlock"/> output channels][input channel][32], products
    /// M[point][vector of 8 output channels][lane][8] (<see cref="ProductStride"/>); the input gradient's likewise, with input
    /// and output channels swapped. The transforms (WinogradStride2Transforms) run on AVX2 vectors of 8.
    /// </para>
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class WinogradStride2
    {
        /// <summary>Outputs per tile side.</summary>
        public const int TileSize = 2;
        /// <summary>Input patch side: 2 x (TileSize - 1) + 3.</summary>
        public const int PatchSize = 5;
        /// <summary>Transform points per tile (5 x 5): the number of GEMMs.</summary>
        public const int Points = PatchSize * PatchSize;
        /// <summary>Tiles per item (two vectors of 8 lanes).</summary>
        public const int Lanes = 16;
        /// <summary>
        /// Channels a GEMM block writes (the forward's output channels, the input gradient's input channels): 4 vectors of 8,
        /// times 3 tiles = 12 accumulators, with 3 broadcast tiles and one weight vector at a time the 16 AVX2 registers (7 loads
        /// per 12 multiply-adds).
        /// </summary>
        public const int ChannelBlock = 32;
        /// <summary>Floats of one point's products for a block: 4 vectors of 8 channels x 16 lanes x 8.</summary>
        public const int ProductStride = ChannelBlock * Lanes;

        /// <summary>
        /// Distinct points of the transformed weights: G's rows 1 and 3 are both (0, 1, 0), so points in row or column 3 repeat
        /// row or column 1, and 4 x 4 of the 25 are distinct. Packing only those makes the weights 16/25 the size (the stride-2
        /// ResNet layer's 819 KiB, more than this machine's 512 KiB L2, become 524 KiB).
        /// </summary>
        public const int WeightPoints = 16;

        /// <summary>The packed weight point that <paramref name="point"/> (row-major over 5 x 5) multiplies by.</summary>
        public static int WeightPointOf(int point) => Distinct(point / PatchSize) * 4 + Distinct(point % PatchSize);

        /// <summary>Rows 0 .. 4 of G onto its 4 distinct rows: 0, 1, 2, 1, 3.</summary>
        private static int Distinct(int row) => row == 3 ? 1 : row == 4 ? 3 : row;

        /// <summary>
        /// Least share of useful lanes (tiles along a row over the lanes of its column groups) in general: 14 of 16. Measured
        /// against the panel forward on the stride-2 ResNet layer (64 -> 128, 1 thread, paired windows; time ratio panel / this)
        /// with the GEMMs' vectors along the 16 lanes: 14 of 16 lanes (28 columns) 0.94-1.13 over eight runs (median 1.08), 13
        /// (25 and 26 columns) 0.95-1.13 (median of four 0.99), 12 (23 columns) 0.93 twice.
        /// </summary>
        public const double MinUsefulLanes = 14.0 / 16;

        /// <summary>
        /// The forward's least share for <see cref="MidChannels"/> layers: 7 of 16. With the GEMMs' vectors along channels only
        /// the transforms pay for idle lanes; against the panel forward (time ratio panel / this, paired, 1 thread, both orders)
        /// 64 -> 128 measured 1.07-1.09 at 4 tiles per row and 1.13-1.33 at 5 to 13, 128 -> 256 1.17-1.23 at 7, 32 -> 64
        /// 1.04 at 7. Outside that class: 16 -> 32 0.90-0.96 at 12 tiles and 0.91-1.02 at 7; 256 -> 512 (8 MiB of transformed
        /// weights, streamed from L3 per item) 0.68-0.76 at 4 and 7 tiles, 0.98-1.03 at 14. The input gradient takes the same rule:
        /// against the stride-variant kernels (data-only backward, paired) 64 -> 128 ran 1.15-1.21x faster at 6 dX tiles per
        /// row, 1.02-1.06x at 8, 1.66-1.92x at 10 and 12; 128 -> 256 1.20-1.23x at 8.
        /// </summary>
        public const double MinUsefulLanesMidChannels = 7.0 / 16;

        /// <summary>Layers of 32 to 128 input channels whose transformed weights fit in 2 MiB: the class the forward's 7-of-16 rule was measured on.</summary>
        public static bool MidChannels(int inChannels, int outChannels)
            => inChannels >= 32 && inChannels <= 128 && (long)PackedWeightFloats(inChannels, outChannels) * sizeof(float) <= 2 << 20;

        /// <summary>
        /// Whether this machine runs it: AVX2 with FMA and no AVX-512. Measured only on AVX2 (AMD Zen 3), where it replaced the
        /// panel forward; AVX-512 machines keep their channel-vector and flat-plane forwards, which it was never measured against.
        /// </summary>
        public static bool IsSupported => WinogradTransforms256.IsSupported && !Vector512.IsHardwareAccelerated;

        /// <summary>Tiles along an output row.</summary>
        public static int TilesAcross(int outWidth) => (outWidth + TileSize - 1) / TileSize;

        /// <summary>Rows of tiles down an output plane.</summary>
        public static int TilesDown(int outHeight) => (outHeight + TileSize - 1) / TileSize;

        /// <summary>Groups of up to 16 tiles along an output row: one work item each.</summary>
        public static int ColumnGroups(int outWidth) => (TilesAcross(outWidth) + Lanes - 1) / Lanes;

        /// <summary>Tiles in column group <paramref name="columnGroup"/> of an output row <paramref name="outWidth"/> wide: 16, or fewer in the last group.</summary>
        public static int TilesInGroup(int outWidth, int columnGroup) => Math.Clamp(TilesAcross(outWidth) - Lanes * columnGroup, 0, Lanes);

        /// <summary>The share of lanes that hold a tile when rows <paramref name="outWidth"/> wide are cut into groups of 16 tiles.</summary>
        public static double UsefulLanes(int outWidth) => outWidth <= 0 ? 0 : (double)TilesAcross(outWidth) / (Lanes * ColumnGroups(outWidth));

        /// <summary>Whether the forward runs, on this machine, for output rows <paramref name="outWidth"/> wide of a layer with these channels.</summary>
        public static bool Runs(int outWidth, int inChannels, int outChannels)
            => IsSupported && UsefulLanes(outWidth) >= LeastUsefulLanes(inChannels, outChannels);

        /// <summary>The lane rule for a layer's channels: <see cref="MinUsefulLanesMidChannels"/> for <see cref="MidChannels"/> layers, <see cref="MinUsefulLanes"/> otherwise.</summary>
        private static double LeastUsefulLanes(int inChannels, int outChannels)
            => MidChannels(inChannels, outChannels) ? MinUsefulLanesMidChannels : MinUsefulLanes;

        /// <summary>Floats between two points of the transformed input: one vector per input channel, plus one (see WinogradF43.InputStride).</summary>
        public static int InputStride(int inChannels) => inChannels * Lanes + Lanes;

        /// <summary>Per-thread scratch for one forward work item: transformed input, then one block's products.</summary>
        public static int ScratchFloats(int inChannels) => Points * InputStride(inChannels) + Points * ProductStride;

        /// <summary>Blocks of <see cref="ChannelBlock"/> channels (the last zero-padded).</summary>
        public static int Blocks(int channels) => (channels + ChannelBlock - 1) / ChannelBlock;

        /// <summary>Floats of the transformed weights.</summary>
        public static int PackedWeightFloats(int inChannels, int outChannels) => WeightPoints * Blocks(outChannels) * inChannels * ChannelBlock;

        /// <summary>
        /// Transforms the kernel into U = G g G^T, laid out [distinct point][block][input channel][32 output channels] (see
        /// <see cref="WeightPointOf"/>); lanes past the last output channel are zero. <paramref name="weight"/> is [OutChannels, InChannels, 3, 3]; <paramref name="flip"/> flips
        /// it on both axes first. Runs only when the optimizer changed the weights.
        /// </summary>
        public static void PackWeights(ReadOnlySpan<float> weight, Span<float> packed, int inChannels, int outChannels, bool flip)
        {
            if (weight.Length != outChannels * inChannels * 9)
                throw new ArgumentException($"Expected {outChannels * inChannels * 9} weights ({outChannels} x {inChannels} x 3 x 3), got {weight.Length}.", nameof(weight));
            int blocks = Blocks(outChannels), floats = PackedWeightFloats(inChannels, outChannels);
            if (packed.Length < floats)
                throw new ArgumentException($"Expected room for {floats} packed weights, got {packed.Length}.", nameof(packed));
            packed.Slice(0, floats).Clear();
            int pointStride = blocks * inChannels * ChannelBlock;
            Span<float> g = stackalloc float[9];
            Span<float> column = stackalloc float[PatchSize * 3]; // G g: 5 rows x 3 columns
            Span<float> row = stackalloc float[PatchSize];        // one row of G g G^T
            for (int co = 0; co < outChannels; co++)
            for (int ci = 0; ci < inChannels; ci++)
            {
                ReadOnlySpan<float> taps = weight.Slice((co * inChannels + ci) * 9, 9);
                for (int t = 0; t < 9; t++) g[t] = taps[flip ? 8 - t : t];
                for (int j = 0; j < 3; j++) Transform(g[j], g[3 + j], g[6 + j], column, j, 3);
                int at = ((co / ChannelBlock) * inChannels + ci) * ChannelBlock + co % ChannelBlock;
                for (int a = 0; a < PatchSize; a++)
                {
                    Transform(column[a * 3], column[a * 3 + 1], column[a * 3 + 2], row, 0, 1);
                    for (int b = 0; b < PatchSize; b++) packed[WeightPointOf(a * PatchSize + b) * pointStride + at] = row[b];
                }
            }
        }

        // The input gradient: dX is the transposed convolution of dY. Along one axis, in padded input coordinates u = m + pad,
        // an input u = 2o + k receives w[k] dY[o]: even u from taps 0 and 2 (two dY values), odd u from tap 1 (one). Four
        // inputs u = 4t .. 4t + 3 then read dY[2t - 1], dY[2t], dY[2t + 1] = (d0, d1, d2):
        //   dX(4t) = w2 d0 + w0 d1   dX(4t + 1) = w1 d1   dX(4t + 2) = w2 d1 + w0 d2   dX(4t + 3) = w1 d2,
        // the even pair by F(2, 2) in 3 multiplies: B^T d = (d0 - d1, d1, d2 - d1, d1, d2), G w = (w2, w2 + w0, w0, w1, w1),
        // A^T m = (m0 + m1, m3, m1 + m2, m4). A 4 x 4 tile of dX takes 25 multiplies per channel pair instead of 36.

        /// <summary>Input-gradient tiles (4 inputs wide) along a row <paramref name="width"/> wide whose padding before it is <paramref name="pad"/>.</summary>
        public static int InputGradientTiles(int width, int pad) => (width + pad + 3) / 4;

        /// <summary>Groups of up to 16 input-gradient tiles along a row: one work item each.</summary>
        public static int InputGradientColumnGroups(int width, int pad) => (InputGradientTiles(width, pad) + Lanes - 1) / Lanes;

        /// <summary>Input-gradient tiles in column group <paramref name="columnGroup"/>: 16, or fewer in the last group.</summary>
        public static int InputGradientTilesInGroup(int width, int pad, int columnGroup) => Math.Clamp(InputGradientTiles(width, pad) - Lanes * columnGroup, 0, Lanes);

        /// <summary>The share of lanes that hold an input-gradient tile along rows <paramref name="width"/> wide.</summary>
        public static double InputGradientUsefulLanes(int width, int pad)
            => width <= 0 ? 0 : (double)InputGradientTiles(width, pad) / (Lanes * InputGradientColumnGroups(width, pad));

        /// <summary>Whether the input gradient runs it, on this machine, for input rows <paramref name="width"/> wide of a layer with these channels (the forward's lane rules).</summary>
        public static bool RunsInputGradient(int width, int pad, int inChannels, int outChannels)
            => IsSupported && InputGradientUsefulLanes(width, pad) >= LeastUsefulLanes(inChannels, outChannels);

        /// <summary>The packed input-gradient weight point of <paramref name="point"/>: G's rows 3 and 4 are both (0, 1, 0).</summary>
        public static int InputGradientWeightPointOf(int point) => Math.Min(point / PatchSize, 3) * 4 + Math.Min(point % PatchSize, 3);

        /// <summary>Floats of the transformed input-gradient weights: 16 distinct points x blocks of 32 input channels x output channels x 32.</summary>
        public static int InputGradientWeightFloats(int inChannels, int outChannels) => WeightPoints * Blocks(inChannels) * outChannels * ChannelBlock;

        /// <summary>
        /// The input gradient's U = G g G^T (its G above), laid out [distinct point][block of 32 input channels][output channel][32
        /// input channels]; lanes past the last input channel are zero. <paramref name="weight"/> is the layer's [OutChannels,
        /// InChannels, 3, 3]; <paramref name="flip"/> flips each kernel first (a layer whose forward flips it).
        /// </summary>
        public static void PackInputGradientWeights(ReadOnlySpan<float> weight, Span<float> packed, int inChannels, int outChannels, bool flip)
        {
            if (weight.Length != outChannels * inChannels * 9)
                throw new ArgumentException($"Expected {outChannels * inChannels * 9} weights ({outChannels} x {inChannels} x 3 x 3), got {weight.Length}.", nameof(weight));
            int floats = InputGradientWeightFloats(inChannels, outChannels);
            if (packed.Length < floats)
                throw new ArgumentException($"Expected room for {floats} packed weights, got {packed.Length}.", nameof(packed));
            packed.Slice(0, floats).Clear();
            int pointStride = Blocks(inChannels) * outChannels * ChannelBlock;
            Span<float> g = stackalloc float[9];
            Span<float> column = stackalloc float[PatchSize * 3];
            Span<float> row = stackalloc float[PatchSize];
            for (int co = 0; co < outChannels; co++)
            for (int ci = 0; ci < inChannels; ci++)
            {
                ReadOnlySpan<float> taps = weight.Slice((co * inChannels + ci) * 9, 9);
                for (int t = 0; t < 9; t++) g[t] = taps[flip ? 8 - t : t];
                for (int j = 0; j < 3; j++) TransformForInputGradient(g[j], g[3 + j], g[6 + j], column, j, 3);
                int at = ((ci / ChannelBlock) * outChannels + co) * ChannelBlock + ci % ChannelBlock;
                for (int a = 0; a < PatchSize; a++)
                {
                    TransformForInputGradient(column[a * 3], column[a * 3 + 1], column[a * 3 + 2], row, 0, 1);
                    for (int b = 0; b < PatchSize; b++) packed[InputGradientWeightPointOf(a * PatchSize + b) * pointStride + at] = row[b];
                }
            }
        }

        /// <summary>The input gradient's G (w0, w1, w2) = (w2, w2 + w0, w0, w1, w1).</summary>
        private static void TransformForInputGradient(float w0, float w1, float w2, Span<float> into, int start, int step)
        {
            into[start] = w2;
            into[start + step] = w2 + w0;
            into[start + 2 * step] = w0;
            into[start + 3 * step] = w1;
            into[start + 4 * step] = w1;
        }

        /// <summary>G (w0, w1, w2) = (w0, w1, w0 + w2, w1, w2), written <paramref name="step"/> floats apart from <paramref name="start"/>.</summary>
        private static void Transform(float w0, float w1, float w2, Span<float> into, int start, int step)
        {
            into[start] = w0;
            into[start + step] = w1;
            into[start + 2 * step] = w0 + w2;
            into[start + 3 * step] = w1;
            into[start + 4 * step] = w2;
        }
    }
}
