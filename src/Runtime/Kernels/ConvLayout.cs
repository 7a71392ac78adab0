using System;
using System.ComponentModel;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Sizes of the scratch layouts generated kernels work in, for one geometry and input size.
    /// <para>
    /// Packed input ("Xp"), per image and channel: the input with its padding materialised (any padding mode) and every
    /// padded row split into <c>StrideW</c> phases (columns j*S + p go to phase p). Output column ox with tap kx then reads
    /// phase (kx*D) % S at index ox + (kx*D) / S: contiguous for every stride, so strided convolutions need no gathers, and
    /// the kernels' inner loops never test for borders. Rows carry zero slack on the right so full-vector reads past the
    /// last output column stay in bounds.
    /// </para>
    /// <para>
    /// Packed output gradient ("Gp"), per image and channel: dLoss/dOutput with <see cref="GradTop"/> zero rows above and
    /// <see cref="GradLeft"/> zero columns to the left (and zeros after), so the backward-data kernel's shifted reads are
    /// border-free too.
    /// </para>
    /// <para>
    /// Flat planes (<see cref="FlatPlanes"/>): every (row phase, column phase) pair of the packed input is its own plane of
    /// <see cref="RowGroups"/> rows exactly <see cref="PhaseColumns"/> wide, no slack: padded row r, phase p starts at
    /// <see cref="RowOffset"/>(r) + p x <see cref="ColumnPhaseStride"/>. Output row oy then reads its tap rows at oy x
    /// <see cref="FlatRowStride"/> + RowOffset(ky), so the output plane maps onto one long row of input and a flat-plane
    /// forward (<see cref="FlatTileStore"/>) runs its tiles across row ends. (Stride 1: just the padded plane, rows tight.)
    /// Reads past a row's end see the next row: the forward never stores those lanes, and the weight gradient masks them
    /// (a zero gradient lane times an infinite pixel would be NaN); reads past the last plane are covered by
    /// <see cref="ReadSlack"/> floats after the buffer.
    /// </para>
    /// <para>
    /// Flat gradient (<see cref="FlatGradient"/>, implied by flat planes): the packed output gradient's rows are
    /// <see cref="PhaseColumns"/> apart, the flat input's row pitch, so output pixel (oy, ox) sits oy x FlatRowStride + ox
    /// from its plane's first pixel in both buffers and the weight gradient runs a plane as one long row. The rows have no
    /// right border of their own: columns at or past PhaseColumns fall on the next row's left border, which is zero for
    /// every read the backward-data kernel needs (GradLeft + OutWidth &lt;= PhaseColumns). Reads past the last plane need
    /// <see cref="GradReadSlack"/> floats after the buffer.
    /// </para>
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public readonly record struct ConvLayout
    {
        /// <summary>Widest vector any kernel may use; rows are padded to multiples of it.</summary>
        public const int MaxVector = 16;

        /// <summary>Computes the layout for input size <paramref name="height"/> x <paramref name="width"/>.</summary>
        public ConvLayout(in ConvGeometry g, int height, int width) : this(g, height, width, flatPlanes: false) { }

        /// <summary>
        /// Computes the layout for input size <paramref name="height"/> x <paramref name="width"/>; <paramref name="flatPlanes"/>
        /// packs the input as tight phase planes (see the remarks).
        /// </summary>
        public ConvLayout(in ConvGeometry g, int height, int width, bool flatPlanes) : this(g, height, width, flatPlanes, flatGradient: flatPlanes) { }

        /// <summary>
        /// Computes the layout for input size <paramref name="height"/> x <paramref name="width"/>; <paramref name="flatPlanes"/>
        /// packs the input as tight phase planes, <paramref name="flatGradient"/> the output gradient with the flat planes' row
        /// pitch (a regular layout paired with a flat-plane one needs it, so both read the same gradient buffer alike).
        /// </summary>
        public ConvLayout(in ConvGeometry g, int height, int width, bool flatPlanes, bool flatGradient)
            : this(g, height, width, flatPlanes, flatGradient, sharedPadding: false) { }

        /// <summary>
        /// As above; <paramref name="sharedPadding"/> (flat planes, stride 1, zero padding only) packs rows Width + max(PadLeft,
        /// PadRight) apart, so one row's right border is the next row's left border (see <see cref="SharedPadding"/>).
        /// </summary>
        public ConvLayout(in ConvGeometry g, int height, int width, bool flatPlanes, bool flatGradient, bool sharedPadding)
        {
            if (flatPlanes && !flatGradient)
                throw new ArgumentException("Flat planes need the flat gradient: the weight gradient reads both with one row pitch.", nameof(flatGradient));
            if (sharedPadding && !(flatPlanes && g.StrideH == 1 && g.StrideW == 1 && g.PaddingMode == PaddingMode.Zeros))
                throw new ArgumentException($"Shared padding columns need flat planes, stride 1 and zero padding; got flat planes {flatPlanes}, stride {g.StrideH}x{g.StrideW}, padding {g.PaddingMode}.", nameof(sharedPadding));
            SharedPadding = sharedPadding;
            FlatPlanes = flatPlanes;
            FlatGradient = flatGradient;
            RowPhases = g.StrideH;
            Height = height;
            Width = width;
            OutHeight = g.OutputHeight(height);
            OutWidth = g.OutputWidth(width);
            PaddedHeight = height + g.PadTop + g.PadBottom;
            PaddedWidth = width + g.PadLeft + g.PadRight;
            PhaseColumns = sharedPadding ? width + Math.Max(g.PadLeft, g.PadRight) : (PaddedWidth + g.StrideW - 1) / g.StrideW;
            if (sharedPadding && PhaseColumns < OutWidth)
                throw new ArgumentException($"Shared padding columns need output rows no longer than the pitch: {OutWidth} outputs per row, pitch {PhaseColumns} (min(PadLeft, PadRight) = {Math.Min(g.PadLeft, g.PadRight)} exceeds the kernel's reach {(g.K2 - 1) * g.DilationW}).", nameof(sharedPadding));
            RowGroups = (PaddedHeight + g.StrideH - 1) / g.StrideH;
            int maxShiftW = (g.K2 - 1) * g.DilationW / g.StrideW;
            int maxShiftH = (g.K1 - 1) * g.DilationH / g.StrideH;
            // Slack of two vectors: a 2-vector tile started at column 0 of a row narrower than itself stays in bounds.
            PhaseWidth = flatPlanes ? PhaseColumns : RoundUp(Math.Max(PhaseColumns, OutWidth + maxShiftW), MaxVector) + 2 * MaxVector;
            PhaseCount = g.StrideW;
            GradTop = maxShiftH;
            GradLeft = maxShiftW;
            GradRows = Math.Max(RowGroups, OutHeight) + GradTop;
            GradRowStride = flatGradient ? PhaseColumns : RoundUp(Math.Max(PhaseColumns, OutWidth) + GradLeft, MaxVector) + 2 * MaxVector;
        }

        /// <summary>Floats a packed-input buffer carries after its last plane, so full-vector reads past it stay in bounds.</summary>
        public const int ReadSlack = 2 * MaxVector;

        /// <summary>
        /// Floats a packed-gradient buffer carries after its last plane: tight rows have no slack of their own, so a kernel's
        /// vectors past the last row (at most two vectors plus the widest shift) land here.
        /// </summary>
        public int GradReadSlack => FlatGradient ? GradRowStride + GradLeft + ReadSlack : 0;

        /// <summary>Whether the packed output gradient's rows are PhaseColumns apart, in line with flat-plane input (see the remarks).</summary>
        public bool FlatGradient { get; }

        /// <summary>
        /// Whether neighbouring rows share their zero border columns: rows are Width + max(PadLeft, PadRight) apart, so a read
        /// past a row's right border lands on the next row's left border (or, after the last row, on the next plane's first row's
        /// left border or <see cref="ReadSlack"/>), which is zero too. A forward-only layout: output pixel (oy, ox) still sits
        /// at oy x <see cref="FlatRowStride"/> + ox, but the gradient fields describe no usable gradient layout (the weight
        /// gradient needs dY and X at one pitch, and dY needs GradLeft + OutWidth columns per row).
        /// </summary>
        public bool SharedPadding { get; }

        /// <summary>Whether the packed input is in tight phase planes (see the remarks).</summary>
        public bool FlatPlanes { get; }

        /// <summary>Row phases (= StrideH): flat planes keep rows r with the same r % StrideH together.</summary>
        private int RowPhases { get; }

        /// <summary>Floats from one column phase to the next: within a row, or (flat planes) from plane to plane.</summary>
        public int ColumnPhaseStride => FlatPlanes ? RowGroups * PhaseWidth : PhaseWidth;

        /// <summary>Where padded row <paramref name="row"/> (its phase 0) starts in a packed channel plane.</summary>
        /// <remarks>Inlined, with strides 1 and 2 spelled out: packing calls it per row, and a division there cost more than the row's copy.</remarks>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int RowOffset(int row) => !FlatPlanes ? row * RowStride
            : RowPhases == 1 ? row * PhaseWidth
            : RowPhases == 2 ? (row & 1) * PhaseCount * ColumnPhaseStride + (row >> 1) * PhaseWidth
            : row % RowPhases * PhaseCount * ColumnPhaseStride + row / RowPhases * PhaseWidth;

        /// <summary>Flat planes: floats from output row oy's input (padded row oy x StrideH) to output row oy + 1's.</summary>
        public int FlatRowStride => FlatPlanes ? PhaseWidth : RowPhases * RowStride;

        /// <summary>Input height and width.</summary>
        public int Height { get; }
        /// <summary>Input width.</summary>
        public int Width { get; }
        /// <summary>Output height.</summary>
        public int OutHeight { get; }
        /// <summary>Output width.</summary>
        public int OutWidth { get; }
        /// <summary>Height including top and bottom padding.</summary>
        public int PaddedHeight { get; }
        /// <summary>Width including left and right padding.</summary>
        public int PaddedWidth { get; }
        /// <summary>Meaningful columns per phase: ceil(PaddedWidth / StrideW); with <see cref="SharedPadding"/>, Width + max(PadLeft, PadRight).</summary>
        public int PhaseColumns { get; }
        /// <summary>ceil(PaddedHeight / StrideH): rows of the packed input gradient grouped by stride phase.</summary>
        public int RowGroups { get; }
        /// <summary>Allocated floats per phase row (PhaseColumns plus vector slack).</summary>
        public int PhaseWidth { get; }
        /// <summary>Phases per padded row (= StrideW).</summary>
        public int PhaseCount { get; }
        /// <summary>Floats per padded row of the packed input (flat planes: per row of one phase plane times the phases).</summary>
        public int RowStride => PhaseCount * PhaseWidth;
        /// <summary>Floats per channel plane of the packed input.</summary>
        public int PlaneStride => FlatPlanes ? RowPhases * PhaseCount * ColumnPhaseStride : PaddedHeight * RowStride;
        /// <summary>Zero rows above the packed output gradient.</summary>
        public int GradTop { get; }
        /// <summary>Zero columns left of the packed output gradient.</summary>
        public int GradLeft { get; }
        /// <summary>Rows per channel plane of the packed output gradient.</summary>
        public int GradRows { get; }
        /// <summary>Floats per row of the packed output gradient.</summary>
        public int GradRowStride { get; }
        /// <summary>Floats per channel plane of the packed output gradient.</summary>
        public int GradPlaneStride => GradRows * GradRowStride;

        private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }
}
