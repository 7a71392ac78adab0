using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Where one vector of a flat-plane tile goes in the output. A flat-plane forward (stride 1) runs its tiles along the packed
    /// input plane read as one long row: flat position f = oy * RowStride + ox, so consecutive output rows follow each other with
    /// only RowStride - OutWidth (= the kernel's reach, e.g. 2 columns for 3x3) unused lanes between them, instead of the
    /// vector-width rounding a per-row tile loses (56 columns in 64 lanes). A vector of 16 positions then covers the end of one
    /// output row and the start of the next (and, for rows narrower than 16, of the one after): this struct stores each valid
    /// run with one masked store and skips the lanes in between (they read the right border and wrap into the next input row,
    /// so their sums are meaningless). Lane i is output (row + k, column + i - k x rowStride) when that column is in [0, width).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public readonly struct FlatTileStore
    {
        private readonly nint _first, _second, _third;
        private readonly Vector512<float> _firstMask, _secondMask, _thirdMask;
        private readonly bool _firstFull, _twoRows, _threeRows;

        /// <summary>
        /// The vector at flat <paramref name="position"/> of an output plane <paramref name="width"/> wide, read from packed rows
        /// <paramref name="rowStride"/> apart (at least <see cref="MinRowStride"/> and at least <paramref name="width"/>: a vector
        /// then touches three rows at most).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public FlatTileStore(int position, int rowStride, int width)
        {
            int row = position / rowStride, column = position - row * rowStride;
            // Run k starts where lane 0 would be in output row row + k; that base may lie outside the plane, but only the
            // run's unmasked lanes are ever touched.
            _first = (nint)row * width + column;
            _second = _first + width - rowStride;
            _third = _second + width - rowStride;
            Vector512<int> columns = Vector512<int>.Indices + Vector512.Create(column);
            _firstMask = Vector512.LessThan(columns, Vector512.Create(width)).AsSingle();
            _secondMask = (Vector512.GreaterThanOrEqual(columns, Vector512.Create(rowStride)) & Vector512.LessThan(columns, Vector512.Create(rowStride + width))).AsSingle();
            _thirdMask = (Vector512.GreaterThanOrEqual(columns, Vector512.Create(2 * rowStride)) & Vector512.LessThan(columns, Vector512.Create(2 * rowStride + width))).AsSingle();
            // Which runs have lanes: most vectors lie within one row, stored whole without a mask, and the empty runs are skipped
            // (a masked store with no lanes still cost its store; the 7 x 7 stem, whose depth per output is small, spent 12 % of
            // its tile time storing: interleaved against ONNX Runtime 1.12 -> 1.01 at 1 thread, ResNet 3x3 about 2 % faster).
            // Rows as far apart as they are wide (the direct flat forward over the caller's input, 'same' padding) lie back to back
            // in the output too: every vector is stored whole.
            _firstFull = column + Vector512<float>.Count <= width || rowStride == width;
            _twoRows = column + Vector512<float>.Count > rowStride;
            _threeRows = column + Vector512<float>.Count > 2 * rowStride;
        }

        /// <summary>Narrowest packed row the flat plane takes: a vector then spans three output rows at most.</summary>
        public const int MinRowStride = 8;

        /// <summary>Whether the flat-plane forward runs on this machine: it needs AVX-512's masked stores.</summary>
        public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

        /// <summary>
        /// Whether tiles of 32 lanes along the flat plane keep more lanes useful than per-row tiles do (same rule as the row
        /// drivers: rows of at most 16 run in pairs of one vector each, wider rows in whole 32-lane tiles), by at least 2 %.
        /// </summary>
        public static bool IsFaster(int outWidth, int rowStride)
            => rowStride >= MinRowStride && UsefulLanes(outWidth, flat: true, rowStride) > UsefulLanes(outWidth, flat: false, rowStride) * 1.02;

        /// <summary>
        /// The share of lanes a pixel-vector forward keeps useful: along the flat plane (<paramref name="flat"/>) OutWidth of every
        /// <paramref name="rowStride"/>; per row, rows of at most 16 in pairs of one vector each, wider rows in whole 32-lane tiles.
        /// </summary>
        internal static double UsefulLanes(int outWidth, bool flat, int rowStride)
            => flat ? outWidth / (double)rowStride
                : outWidth <= Vector512<float>.Count ? outWidth / (double)Vector512<float>.Count
                : outWidth / (double)((outWidth + 31) / 32 * 32);

        /// <summary>Stores the valid lanes of <paramref name="value"/> into the output plane that starts at <paramref name="plane"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe void Store(Vector512<float> value, ref float plane)
        {
            if (_firstFull)
            {
                Vector512.StoreUnsafe(value, ref plane, (nuint)_first);
                return;
            }
            fixed (float* p = &plane)
            {
                Avx512F.MaskStore(p + _first, _firstMask, value);
                if (!_twoRows) return;
                Avx512F.MaskStore(p + _second, _secondMask, value);
                if (_threeRows) Avx512F.MaskStore(p + _third, _thirdMask, value);
            }
        }
    }
}
