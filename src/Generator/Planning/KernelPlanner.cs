using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Plan stage: chooses register blocking and tap layouts for a <see cref="LayerSpec"/>.
    /// <para>
    /// Register budget: a forward or input-gradient tile keeps Block x 2 accumulators, 2 input vectors and one broadcast weight
    /// live. AVX-512 (32 registers) runs a block of up to 12 channels in one tile; AVX2/SSE (16) run it as parts of 6
    /// (see TileEmitter.NarrowBlock). The weight-gradient block is chosen by <see cref="WeightGradPlanner"/>.
    /// </para>
    /// </summary>
    internal static class KernelPlanner
    {
        /// <summary>
        /// Tiles always loop over tap rows; above this many multiply-adds per row and channel they loop over the row's taps too
        /// (JIT time and code size grow faster than speed beyond it: a 12 x 2 tile reaches it at 27 taps per row).
        /// </summary>
        public const int UnrollBound = 640;

        /// <summary>Whether a tile unrolls the taps of one kernel row.</summary>
        public static bool UnrollsRow(int columns, int block, int vectors) => columns * block * vectors <= UnrollBound;
        /// <summary>
        /// The pointwise weight gradient without AVX-512 (PointwiseWeightGradEmitter) keeps rows x columns accumulators, the columns'
        /// input vectors and one output-gradient vector live: 4 x 3 + 3 + 1 fills AVX2's 16 registers, 7 loads per 12 multiply-adds.
        /// (3 x 4 is as good; 2 x 6 or 6 x 2 load 8.)
        /// </summary>
        public const int PointwiseWeightRows = 4, PointwiseWeightColumns = 3;
        /// <summary>
        /// The pointwise forward without AVX-512 (PointwiseGemm256Emitter): 4 output channels x 3 vectors of pixels, 12
        /// accumulators beside 3 input vectors and one broadcast weight, 7 loads per 12 multiply-adds.
        /// </summary>
        public const int PointwiseRows256 = 4, PointwiseVectors256 = 3;

        /// <summary>Channels per register block: AVX-512's 32 registers hold 12 x 2 accumulators + 2 inputs + 1 weight; narrower widths split it.</summary>
        private const int MaxBlock = 12;
        private const int TileVectors = 2;

        /// <summary>
        /// Channels per tile block: as few blocks as <see cref="MaxBlock"/> allows, sized evenly (64 channels: 5 x 11 + 9, not
        /// 5 x 12 + 4). A 4-channel remainder keeps only 8 accumulators, as many multiply-add chains as two FMA pipes with a
        /// 4-cycle latency need, so it stalls on every hiccup and pays the tile's fixed costs for few multiply-adds (forward,
        /// interleaved A/B: ResNet 3x3 1.157 -> 1.125-1.128 ms, LeNet C3 b64 265 -> 254-256 us, ResNet stem 1.19-1.22 -> 1.17-1.18 ms).
        /// </summary>
        private static int BalancedBlock(int channels)
        {
            int blocks = (channels + MaxBlock - 1) / MaxBlock;
            return (channels + blocks - 1) / blocks;
        }

        public static KernelPlan Plan(LayerSpec s)
        {
            var forwardGrid = new TapGrid(0, s.DilationH, Enumerable.Range(0, s.K1).ToEquatableArray(),
                Enumerable.Range(0, s.K2).Select(kx => new ColumnTap(kx, kx * s.DilationW % s.StrideW, kx * s.DilationW / s.StrideW)).ToEquatableArray());
            TileShape forward = Tile(BalancedBlock(s.OutChannelsPerGroup), forwardGrid);

            int gradTop = (s.K1 - 1) * s.DilationH / s.StrideH;
            int gradLeft = (s.K2 - 1) * s.DilationW / s.StrideW;
            int backwardBlock = BalancedBlock(s.InChannelsPerGroup);
            var variants = new List<BackwardVariant>();
            int weightOffset = 0;
            int backwardBlocks = (s.InChannelsPerGroup + backwardBlock - 1) / backwardBlock;
            for (int rp = 0; rp < s.StrideH; rp++)
            for (int p = 0; p < s.StrideW; p++)
            {
                TapGrid grid = BackwardGrid(s, rp, p, gradTop, gradLeft);
                int weightLength = s.Groups * backwardBlocks * backwardBlock * s.OutChannelsPerGroup * grid.Count;
                variants.Add(new BackwardVariant(rp, p, grid, weightOffset, weightLength));
                weightOffset += weightLength;
            }
            int largestVariant = variants.Max(v => v.Taps.Count);
            TapGrid largestGrid = variants.First(v => v.Taps.Count == largestVariant).Taps;
            TileShape backward = new(backwardBlock, TileVectors, largestGrid, UnrollsRow(largestGrid.Columns.Count, backwardBlock, TileVectors));

            var (weightBlock, weightInputBlock, groups) = WeightGradPlanner.Plan(s, (ky, kx) => WeightTapOf(s, ky, kx));

            bool pointwise = s.K1 == 1 && s.K2 == 1 && s.StrideH == 1 && s.StrideW == 1
                && s.PadTop == 0 && s.PadBottom == 0 && s.PadLeft == 0 && s.PadRight == 0;
            bool flatForward = !pointwise;
            // The input gradient over the flat plane needs one stride variant (stride 1) and writes dX directly: zero padding only,
            // since other modes fold the border's gradient back onto the input.
            bool flatBackwardData = flatForward && s.StrideH == 1 && s.StrideW == 1 && s.PaddingMode == 0;
            // Stride 2 doubles the pixels a tap row reads, so the one-vector tile (K2 weights live, each pixel broadcast once) loads
            // nearly one value per multiply-add; two vectors tap by tap load 16 per 28 (stride-2 ResNet layer, evaluation: 0.66 ->
            // 0.64-0.65 ms). At stride 1 the one-vector tile loads fewer per multiply-add and stays.
            int channelVectors = s.StrideH == 2 && s.OutChannels % (2 * ChannelVector) == 0 ? 2 : 1;
            ColumnWeightGrad? columnWeightGrad = ColumnWeightGradPlanner.Plan(s, (ky, kx) => WeightTapOf(s, ky, kx));
            return new KernelPlan(s, forward, backward, variants.ToEquatableArray(), weightBlock, weightInputBlock, groups, gradTop, gradLeft, UnrollBound, pointwise, flatForward, flatBackwardData,
                ChannelVectorWidths(s, pointwise, channelVectors), columnWeightGrad, channelVectors,
                WinogradApplies(s), ChannelWeightGradPlanner.Plan(s, pointwise, columnWeightGrad, (ky, kx) => WeightTapOf(s, ky, kx)),
                WinogradStride2Applies(s));
        }

        /// <summary>
        /// Fewest input and output channels for Winograd F(4x4, 3x3): one block of 16 accumulators in its GEMMs. Its transforms
        /// cost the same per output whatever the depth, the multiply-adds it saves grow with it; at 16 -> 16 channels (56 x 56,
        /// evaluation forward, 1 thread) it measured 47-53 us against the direct kernels' 73-80.
        /// </summary>
        public const int MinWinogradChannels = 16;

        /// <summary>
        /// Winograd F(4x4, 3x3) (ConvGen.Kernels.Winograd): 3x3 taps, stride 1, no dilation, one group, zero padding (the
        /// transform reads masked rows of the caller's input), and at least <see cref="MinWinogradChannels"/> channels each way.
        /// Which input sizes take it is decided at run time (ConvGen.Kernels.Winograd.WinogradF43.Runs: how many lanes rows fill).
        /// </summary>
        private static bool WinogradApplies(LayerSpec s)
            => s.K1 == 3 && s.K2 == 3 && s.StrideH == 1 && s.StrideW == 1 && s.DilationH == 1 && s.DilationW == 1 && s.Groups == 1
                && s.PaddingMode == 0 && s.InChannels >= MinWinogradChannels && s.OutChannels >= MinWinogradChannels;

        /// <summary>
        /// The stride-2 F(2x2, 3x3) forward (ConvGen.Kernels.Winograd.WinogradStride2): 3x3 taps, stride 2 both ways, no
        /// dilation, one group, zero padding, at least <see cref="MinWinogradChannels"/> channels each way (one block of 16 output
        /// channels in its GEMMs). Which machines and input sizes take it is decided at run time (WinogradStride2.Runs).
        /// </summary>
        private static bool WinogradStride2Applies(LayerSpec s)
            => s.K1 == 3 && s.K2 == 3 && s.StrideH == 2 && s.StrideW == 2 && s.DilationH == 1 && s.DilationW == 1 && s.Groups == 1
                && s.PaddingMode == 0 && s.InChannels >= MinWinogradChannels && s.OutChannels >= MinWinogradChannels;

        /// <summary>
        /// Widest kernel for the channel-vector forward: the one-vector tile keeps 2 rows x 12 columns = 24 accumulators + K2
        /// weight vectors + 1 broadcast pixel in registers. (The two-vector tile keeps 2 weight vectors whatever K2, but on the
        /// 7 x 7 ResNet stem it measured 3.5 % slower than the flat plane, so it keeps the limit.)
        /// </summary>
        private const int MaxChannelVectorKernelWidth = 5;

        /// <summary>
        /// Fewest multiply-adds per output (InChannels x K1 x K2) for the channel-vector forward: its transposed store costs the
        /// same per output whatever the depth. Forced onto it, the CIFAR stem (27) ran 2x slower (batch 32: 0.31 -> 0.70 ms),
        /// an 8 -> 16 3x3 layer (72) within noise, LeNet C3 (150) 1.25-1.4x faster.
        /// </summary>
        private const int MinChannelVectorDepth = 64;

        /// <summary>
        /// Tile widths of the channel-vector forward, for the run time to pick the one that wastes fewest columns (every width
        /// from 5, 10 accumulators, enough multiply-add chains for two 4-cycle FMA pipes, to 12; only the chosen one is jitted): one group,
        /// dilation 1 and stride 1 or 2 along both axes (a tap row is then K2 adjacent pixels, each broadcast once into the
        /// outputs it feeds), whole vectors of 16 output channels, and K2 small enough that 2 x 12 accumulators, the K2 weight
        /// vectors of a tap row and the broadcast pixel fit AVX-512's 32 registers, and deep enough (<see cref="MinChannelVectorDepth"/>).
        /// Two-vector tiles (<paramref name="channelVectors"/> 2) are 4 to 7 columns wide: 2 x 2 x 7 = 28 accumulators beside 2 weight
        /// vectors and the broadcast pixel. Pointwise layers have their GEMM.
        /// </summary>
        private static EquatableArray<int> ChannelVectorWidths(LayerSpec s, bool pointwise, int channelVectors)
        {
            bool applies = !pointwise && s.Groups == 1 && s.StrideH == s.StrideW && s.StrideH <= 2 && s.DilationH == 1 && s.DilationW == 1
                && s.OutChannels % ChannelVector == 0 && s.K2 <= MaxChannelVectorKernelWidth && s.InChannels * s.Taps >= MinChannelVectorDepth;
            if (!applies) return new int[0].ToEquatableArray();
            return (channelVectors == 2 ? new[] { 4, 5, 6, 7 } : new[] { 5, 6, 7, 8, 9, 10, 11, 12 }).ToEquatableArray();
        }

        /// <summary>Output channels per channel-vector accumulator (AVX-512 lanes).</summary>
        private const int ChannelVector = 16;

        private static TileShape Tile(int block, TapGrid grid)
            => new(block, TileVectors, grid, UnrollsRow(grid.Columns.Count, block, TileVectors));

        /// <summary>
        /// Packed input-gradient row r = q*StrideH + rp, phase p, column j receives dY[q - s][j - m] * w[ky, kx] for every tap with
        /// ky*DilationH = s*StrideH + rp and kx*DilationW = m*StrideW + p: a plain correlation over the bordered gradient, no dilated copy.
        /// </summary>
        private static TapGrid BackwardGrid(LayerSpec s, int rp, int p, int gradTop, int gradLeft)
        {
            int[] kys = Enumerable.Range(0, s.K1).Where(ky => ky * s.DilationH % s.StrideH == rp).ToArray();
            var columns = Enumerable.Range(0, s.K2).Where(kx => kx * s.DilationW % s.StrideW == p)
                .Select(kx => new ColumnTap(kx, 0, gradLeft - kx * s.DilationW / s.StrideW)).ToEquatableArray();
            int rowStart = kys.Length > 0 ? gradTop - kys[0] * s.DilationH / s.StrideH : 0;
            int rowStep = kys.Length > 1 ? -((kys[1] - kys[0]) * s.DilationH / s.StrideH) : 0;
            return new TapGrid(rowStart, rowStep, kys.ToEquatableArray(), columns);
        }

        private static WeightTap WeightTapOf(LayerSpec s, int ky, int kx)
        {
            int wy = s.FlipKernel ? s.K1 - 1 - ky : ky, wx = s.FlipKernel ? s.K2 - 1 - kx : kx;
            return new WeightTap(ky, kx, ky * s.DilationH, kx * s.DilationW % s.StrideW, kx * s.DilationW / s.StrideW, wy * s.K2 + wx);
        }
    }
}
