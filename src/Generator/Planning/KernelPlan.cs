using System.Linq;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Plan stage output: the shape arithmetic and kernel strategy for one layer, all decided at compile time.
    /// Value-equatable like every pipeline model.
    /// <see cref="Pointwise"/>: a 1x1, stride-1, unpadded layer, whose forward is a GEMM over each image's flattened pixels
    /// (see ForwardEmitter): no packing, and no lanes lost at row ends.
    /// <see cref="FlatForward"/>: every other layer, which also gets the flat-plane forward (tiles along the input packed in tight
    /// phase planes, read as one long row; chosen at run time where it keeps more lanes useful than per-row tiles, on AVX-512).
    /// <see cref="FlatBackwardData"/>: stride-1, zero-padded flat-forward layers, whose input gradient also runs along the flat
    /// plane (over dY packed at the flat pitch) and stores straight into dX.
    /// <see cref="ChannelVectorWidths"/>: tile widths of the channel-vector forward (16 output channels per vector, 2 rows x
    /// width pixels; AVX-512, chosen at run time where rows are too narrow to fill pixel vectors), empty where it does not apply.
    /// <see cref="Winograd"/>: 3x3, stride-1, zero-padded layers deep enough for Winograd F(4x4, 3x3) (see KernelPlanner.WinogradApplies):
    /// their forward runs it, in both modes, where output rows keep most of its 16 tile lanes useful (checked per input size), and
    /// so does their input gradient (dY with the kernel transposed and flipped) where input rows do.
    /// <see cref="WinogradStride2"/>: 3x3, stride-2, zero-padded layers deep enough for the stride-2 F(2x2, 3x3) forward (see
    /// KernelPlanner.WinogradStride2Applies): 25 multiplies per 2 x 2 output tile and channel pair instead of 36; run, in both
    /// modes, on AVX2 machines where output rows keep most of its 16 tile lanes useful (checked per input size).
    /// <see cref="ChannelVectorsPerTile"/>: output-channel vectors (of 16) per channel-vector tile: 2 where the output channels
    /// come in 32s (each broadcast pixel then feeds two multiply-adds, see ChannelVectorEmitter), else 1.
    /// <see cref="ColumnWeightGrad"/>: the weight gradient as a GEMM over copied input columns (few input channels x taps), or
    /// null for the direct kernel (<see cref="WeightGradBlock"/>, <see cref="WeightGradInputBlock"/>, <see cref="WeightGradGroups"/>).
    /// <see cref="ChannelWeightGrad"/>: the channel-vector weight gradient's tile (AVX2, chosen at run time; see ChannelWeightGradPlanner),
    /// or null where the layer keeps only its other weight-gradient kernel.
    /// </summary>
    internal sealed record KernelPlan(
        LayerSpec Spec,
        TileShape Forward,
        TileShape BackwardData,
        EquatableArray<BackwardVariant> BackwardVariants,
        int WeightGradBlock,
        int WeightGradInputBlock,
        EquatableArray<TapGroup> WeightGradGroups,
        int GradTop,
        int GradLeft,
        int UnrollBound,
        bool Pointwise,
        bool FlatForward,
        bool FlatBackwardData,
        EquatableArray<int> ChannelVectorWidths,
        ColumnWeightGrad? ColumnWeightGrad,
        int ChannelVectorsPerTile,
        bool Winograd,
        ChannelWeightGrad? ChannelWeightGrad,
        bool WinogradStride2)
    {
        /// <summary>
        /// Strided layers (stride 2 or more along both axes) also get the panel forward without AVX-512 (PanelForward256Emitter):
        /// each 24-pixel run of the flattened output plane copies its taps' input into a panel, then runs the 4 x 24 GEMM tiles
        /// over it, so no lanes idle at row ends (a 28-wide row in 16-pixel tiles wastes 4 of 32). Chosen at run time.
        /// </summary>
        public bool PanelForward => !Pointwise && Spec.StrideH >= 2 && Spec.StrideW >= 2;

        /// <summary>Whether the layer keeps weights packed 4 outputs wide for the AVX2 GEMM tiles (Gemm256TileEmitter).</summary>
        public bool Gemm256Weights => Pointwise || PanelForward;

        /// <summary>The channel-vector tile's stride (1 or 2, the same along both axes).</summary>
        public int ChannelVectorStride => Spec.StrideH;

        /// <summary>
        /// Stride-2 channel-vector layers run the tile in evaluation mode only: it reads plain padded rows, while training keeps
        /// the stride-phase packing that Backward reads (the tile over phase planes measured slower than the flat plane).
        /// </summary>
        public bool ChannelVectorEvaluationOnly => ChannelVectorWidths.Count > 0 && ChannelVectorStride > 1;

        /// <summary>Unpadded channel-vector layers read the caller's input in evaluation mode (no packed copy: plain rows need none).</summary>
        public bool ChannelVectorReadsInput => ChannelVectorWidths.Count > 0
            && Spec.PadTop == 0 && Spec.PadBottom == 0 && Spec.PadLeft == 0 && Spec.PadRight == 0;

        /// <summary>Padded stride-2 channel-vector layers: evaluation mode packs a plain padded copy for the tiles to read.</summary>
        public bool ChannelVectorPacksPlainCopy => ChannelVectorEvaluationOnly && !ChannelVectorReadsInput;

        /// <summary>
        /// Zero-padded ones with two-vector tiles whose top and left padding only the first row pair and the first column tile
        /// reach (PadTop &lt;= StrideH, PadLeft &lt;= StrideW) read the caller's input instead, where the bottom and right
        /// borders go unread (checked per input size): those first tiles run variants that skip the taps landing on the
        /// padding, and no copy is made (the copy was 6 % of the stride-2 ResNet layer's evaluation forward).
        /// </summary>
        public bool ChannelVectorSkipsBorders => ChannelVectorPacksPlainCopy && Spec.PaddingMode == 0 && ChannelVectorsPerTile == 2
            && Spec.PadTop <= Spec.StrideH && Spec.PadLeft <= Spec.StrideW;

        /// <summary>
        /// Stride-1, zero-padded flat-plane layers padded on both sides: in evaluation mode their packed rows share the zero
        /// columns between them (pitch Width + max(PadLeft, PadRight), ConvLayout.SharedPadding), so fewer flat positions are
        /// computed and thrown away (ResNet 3x3: 57 for 56 outputs instead of 58). Training keeps the full pitch, which the
        /// weight gradient's walk over the input and dY at the same positions needs.
        /// </summary>
        public bool SharedPaddingInEvaluation => FlatBackwardData && SharedColumns >= 1 && SharedColumns <= (Spec.K2 - 1) * Spec.DilationW;

        /// <summary>Zero columns two neighbouring rows can share: min(PadLeft, PadRight); at most the kernel's reach (K2 - 1) x
        /// DilationW, or an output row (Width + PadLeft + PadRight - reach) would be longer than the shared pitch.</summary>
        private int SharedColumns => System.Math.Min(Spec.PadLeft, Spec.PadRight);

        /// <summary>
        /// Stride-1, zero-padded layers padded no wider than the kernel reaches (outputs no larger than the input), whose taps
        /// need at most <see cref="MaxColumnMasks"/> column masks: in evaluation mode their per-row tiles read the caller's input
        /// with no packed copy (the copy was 6 % of the CIFAR stem's forward at batch 1), masked loads standing in for the left
        /// and right padding and each row's tap-row range leaving out the rows above and below the input.
        /// </summary>
        public bool ReadsInputInEvaluation => FlatForward && Spec.StrideH == 1 && Spec.StrideW == 1 && Spec.PaddingMode == 0
            && Spec.PadTop + Spec.PadBottom <= (Spec.K1 - 1) * Spec.DilationH && Spec.PadLeft + Spec.PadRight <= (Spec.K2 - 1) * Spec.DilationW
            && Forward.Unrolled && MaskedColumnOffsets.Length * Forward.Vectors <= MaxColumnMasks;

        /// <summary>
        /// Fewest channels summed over for the AVX2 packed-row tiles' prefetch of the next channel (TileEmitter): with few (the
        /// 3-channel stem, LeNet's 6) the rows stay cached across tiles and the prefetches only cost issue slots (the stem
        /// measured no better with them, within this machine's noise).
        /// </summary>
        public const int PrefetchChannels = 16;

        /// <summary>
        /// Whether the direct row forward also gets AVX2 tiles (vmaskmovps; ReadsInputInEvaluation gives AVX-512's): for layers
        /// summing fewer than 16 input channels, where the packed copy is a visible share of the forward (CIFAR stem at batch 1:
        /// 6 %). With more, the packed rows' AVX2 tiles prefetch the next channel (PrefetchChannels), which the direct
        /// tiles do not, and the copy is a smaller share.
        /// </summary>
        public bool ReadsInputInEvaluation256 => ReadsInputInEvaluation && Spec.InChannelsPerGroup < PrefetchChannels;

        /// <summary>
        /// Column masks a direct row tile keeps live: AVX-512 has 7 usable mask registers, and a mask per (masked column offset,
        /// vector) beyond them would be reloaded per tap. 3 x 3 kernels need 2 x 2, up to 4 columns wide 3 x 2.
        /// </summary>
        public const int MaxColumnMasks = 6;

        /// <summary>The distinct non-zero column offsets kx x DilationW - PadLeft of the kernel's taps: each needs a masked load.</summary>
        public int[] MaskedColumnOffsets => Enumerable.Range(0, Spec.K2).Select(kx => kx * Spec.DilationW - Spec.PadLeft).Where(dx => dx != 0).Distinct().ToArray();

        /// <summary>
        /// Layers whose evaluation-mode forward packs no copy for Backward (the caller's input, a plain padded copy, or rows with
        /// shared padding are read): Backward after such a forward throws.
        /// </summary>
        public bool PacksInputOnlyForTraining => Winograd || WinogradStride2 || Pointwise || ChannelVectorReadsInput || ChannelVectorEvaluationOnly || SharedPaddingInEvaluation
            || ReadsInputInEvaluation;
    }

    /// <summary>
    /// A register-blocked tile: <see cref="Block"/> channels x <see cref="Vectors"/> vectors of accumulators, reducing over
    /// channels and the taps of <see cref="Taps"/>. Tap rows are always a loop; <see cref="Unrolled"/> false means each row's taps are a loop too.
    /// </summary>
    internal sealed record TileShape(int Block, int Vectors, TapGrid Taps, bool Unrolled)
    {
        public int Accumulators => Block * Vectors;
        public int MultiplyAddsPerChannel => Taps.Count * Block * Vectors;
    }

    /// <summary>
    /// Taps as rows x columns. Row i reads source row offset (RowStart + i*RowStep) rows; column j reads phase
    /// Columns[j].Phase at offset Columns[j].Offset. The packed weight for tap (i, j) is entry i*Columns.Count + j.
    /// Ky/Kx record which kernel tap each row/column is, for comments and weight packing.
    /// </summary>
    internal sealed record TapGrid(int RowStart, int RowStep, EquatableArray<int> Ky, EquatableArray<ColumnTap> Columns)
    {
        public int Rows => Ky.Count;
        public int Count => Ky.Count * Columns.Count;
    }

    /// <summary>One kernel column: its index kx, which stride phase it reads and at what offset within the phase row.</summary>
    internal sealed record ColumnTap(int Kx, int Phase, int Offset);

    /// <summary>The backward-data taps for packed-gradient rows r with r % StrideH == RowPhase, in column phase ColumnPhase.</summary>
    /// <summary><see cref="WeightOffset"/>/<see cref="WeightLength"/>: where this variant's packed weights sit in the layer's one buffer.</summary>
    internal sealed record BackwardVariant(int RowPhase, int ColumnPhase, TapGrid Taps, int WeightOffset, int WeightLength);

    /// <summary>
    /// The column weight gradient: per image and band of output rows, every (input channel, tap) row of shifted input pixels is
    /// copied into an aligned band of <see cref="Columns"/> rows (the last one all ones when there is a bias: its dot product
    /// with dY is dBias), then dW[co, column] += dY[co, pixels] . band[column, pixels] runs <see cref="OutputBlock"/> output
    /// channels x <see cref="ColumnBlock"/> columns in registers. <see cref="Taps"/> are in weight-element order.
    /// </summary>
    internal sealed record ColumnWeightGrad(int OutputBlock, int ColumnBlock, int WeightColumns, int Columns, EquatableArray<WeightTap> Taps);

    /// <summary>
    /// The channel-vector weight gradient: dY transposed to pixel-major, then per (block of <see cref="Vectors"/> x 8 output
    /// channels, input channel, tap group of <see cref="Groups"/>) Vectors x taps accumulators over every image and pixel.
    /// </summary>
    internal sealed record ChannelWeightGrad(int Vectors, EquatableArray<TapGroup> Groups);

    /// <summary>A set of taps whose weight gradients one pass accumulates in registers.</summary>
    internal sealed record TapGroup(EquatableArray<WeightTap> Taps);

    /// <summary>A kernel tap for the weight-gradient pass: where it reads the packed input, and which weight element it is.</summary>
    internal sealed record WeightTap(int Ky, int Kx, int RowOffset, int Phase, int Column, int WeightElement);
}
