using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the channel-vector forward (AVX-512): a vector holds 16 output channels of one pixel instead of 16 pixels of one
    /// channel, so rows of any width fill every lane. A tile is 2 output rows x W columns (W from KernelPlan.ChannelVectorWidths,
    /// picked per call); per input channel and tap row it loads the K2 weight vectors once and broadcasts each input pixel
    /// once, multiplying it into the up to K2 accumulators it contributes to. The pixel-major accumulators go to NCHW through
    /// ChannelTileStore.StoreRow (a 16 x 16 transpose in registers, one masked store per channel). At stride 2 a tile reads
    /// plain padded rows (evaluation mode only, see KernelPlan.ChannelVectorEvaluationOnly): output row oy starts at tap row
    /// 2 oy, column ox at pixel 2 ox, and each pixel feeds the 1 to ceil(K2 / 2) outputs whose taps cover it.
    /// Layers planned with two vectors per tile (KernelPlan.ChannelVectorsPerTile) compute 32 output channels per tile tap by
    /// tap instead (see <see cref="EmitPairTile"/>).
    /// </summary>
    internal static class ChannelVectorEmitter
    {
        internal const int Rows = 2;
        private const string Store = "global::ConvGen.Kernels.ChannelTileStore";

        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            int vectors = plan.ChannelVectorsPerTile, blockChannels = 16 * vectors;
            int blocks = s.OutChannels / blockChannels, weightsPerBlock = s.InChannels * s.Taps * blockChannels, stride = plan.ChannelVectorStride;
            int maxWidth = 0;
            foreach (int width in plan.ChannelVectorWidths) if (width > maxWidth) maxWidth = width;

            w.Line("/// <summary>");
            w.Line("/// Channel-vector forward work item = (image, chunk of row pairs), AVX-512 only; each tile position runs every block of 16");
            w.Line("/// output channels while its input is in L1. Items write disjoint outputs; an odd last row pair is shifted up a row and");
            w.Line("/// rewrites the same values.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct ChannelVectorJob : {Names.Job}");
            w.Line($"private static readonly int[] s_widths = {{ {string.Join(", ", plan.ChannelVectorWidths)} }};");
            if (stride == 1)
            {
                w.Line("// Where the input is read: stride 1 puts output row oy's first tap row at oy x rowStride in any layout (packed, flat or not,");
                w.Line("// or the caller's unpadded input), pixel ox at ox further.");
            }
            else
            {
                w.Line("// Where the input is read: plain rows (the caller's unpadded input or a plain padded copy) rowStride apart; output row oy's");
                w.Line($"// first tap row is row {stride} x oy, pixel ox at {stride} x ox.");
            }
            w.Line("private readonly int _rowStride, _planeStride, _outHeight, _outWidth, _width, _chunks;");
            bool borders = plan.ChannelVectorSkipsBorders;
            if (borders) w.Line("private readonly bool _unpadded; // the caller's input, whose padding the first row pair and column tile skip");
            w.Line($"public ChannelVectorJob(int rowStride, int planeStride, int outHeight, int outWidth, int width, int chunks{(borders ? ", bool unpadded = false" : "")})");
            w.Line($"    {{ _rowStride = rowStride; _planeStride = planeStride; _outHeight = outHeight; _outWidth = outWidth; _width = width; _chunks = chunks;{(borders ? " _unpadded = unpadded;" : "")} }}");
            if (borders)
            {
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// Whether the tiles can read the caller's height x width input: the last row pair's and column tile's taps stay inside it");
                w.Line("/// (the first tiles' variants skip the top and left padding; bottom or right padding would need the plain copy).");
                w.Line("/// </summary>");
                w.Line($"public static bool ReadsUnpadded(int height, int width, int outHeight, int outWidth) => {stride} * (outHeight - 1) - {s.PadTop} + {s.K1 - 1} < height && {stride} * (outWidth - 1) - {s.PadLeft} + {s.K2 - 1} < width;");
            }
            if (stride == 1)
                w.Line($"public ChannelVectorJob({Names.Layout} packed, int width, int chunks) : this(packed.FlatRowStride, packed.PlaneStride, packed.OutHeight, packed.OutWidth, width, chunks) {{ }}");
            w.Line();
            w.Line("/// <summary>The tile width for this input, or 0 where the pixel-vector forward keeps its lanes about as busy (ChannelTileStore.IsFaster; without AVX-512, ChannelTileStore.Width256).</summary>");
            w.Open($"public static int Choose(in {Names.Layout} inputLayout, bool flat)");
            if (vectors == 1)
            {
                w.Line("// Without AVX-512, the 8-lane tiles on rows the pixel-vector tiles leave partly idle.");
                w.Line($"if (!{Store}.IsSupported) return {Store}.Width256(inputLayout.OutWidth, inputLayout.OutHeight);");
            }
            else w.Line($"if (!{Store}.IsSupported) return 0;");
            w.Line($"int width = {Store}.BestWidth(inputLayout.OutWidth, s_widths);");
            w.Line($"return {Store}.IsFaster(inputLayout.OutWidth, inputLayout.OutHeight, width, flat, inputLayout.FlatRowStride, {stride}) ? width : 0;");
            w.Close();
            w.Line();
            w.Line("/// <summary>Row-pair chunks per image: enough items for every core to get two.</summary>");
            w.Line($"public static int Chunks(int batch, int outHeight) => {ForwardEmitter.ChunksExpression("(outHeight + 1) / 2", "batch")};");
            w.Line();
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, n = index / _chunks;");
            w.Line("int pairs = (_outHeight + 1) / 2;");
            w.Line($"ref float src = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B0), n * InChannels * _planeStride);");
            w.Line($"ref float weights = ref {Names.MemoryMarshal}.GetReference(buffers.B1);");
            w.Line($"ref float bias = ref {Names.MemoryMarshal}.GetReference(buffers.B2);");
            w.Line($"ref float dst = ref {Names.Unsafe}.Add(ref {Names.MemoryMarshal}.GetReference(buffers.B3), n * OutChannels * _outHeight * _outWidth);");
            w.Line($"global::System.Span<float> tile = stackalloc float[{vectors * Rows * maxWidth * 16}]; // one tile's accumulators, pixel-major");
            string rows = $"ChannelVectorRows(ref src, ref weights, ref bias, ref dst, ref tile[0], _rowStride, _planeStride, _outHeight, _outWidth, _width, chunk * pairs / _chunks, (chunk + 1) * pairs / _chunks{(borders ? ", _unpadded" : "")});";
            if (vectors == 1)
            {
                w.Line($"if ({Store}.IsSupported) {rows}");
                w.Line("else ChannelVectorRows256(ref src, ref weights, ref bias, ref dst, ref tile[0], _rowStride, _planeStride, _outHeight, _outWidth, chunk, _chunks);");
            }
            else w.Line(rows);
            w.Close();
            w.Close();
            w.Line();

            w.Line("/// <summary>Row pairs [pair0, pair1) of one image, in tiles of width columns (the last tile of a row ends at its end), each for every channel block.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void ChannelVectorRows(ref float src, ref float weights, ref float bias, ref float dst, ref float tile, nint rowStride, nint planeStride, int outHeight, nint outWidth, int width, int pair0, int pair1{(borders ? ", bool unpadded" : "")})");
            w.Line("nint dstStride = outHeight * outWidth;");
            w.Open("for (int pair = pair0; pair < pair1; pair++)");
            w.Line("int oy = global::System.Math.Min(2 * pair, outHeight - 2);");
            if (borders)
            {
                w.Line($"// Unpadded (the caller's input): output row oy's tap row 0 is input row {Times(stride, "oy")} - {s.PadTop}, above the input only for oy = 0,");
                w.Line("// whose tiles start at row 0 and skip the taps above it; likewise columns for the first column tile.");
                w.Line($"bool top = unpadded && {Times(stride, "oy")} < {s.PadTop};");
                w.Line($"ref float srcRow = ref {Names.Unsafe}.Add(ref src, (unpadded ? global::System.Math.Max({Times(stride, "oy")} - {s.PadTop}, 0) : {Times(stride, "oy")}) * rowStride);");
            }
            else
                w.Line($"ref float srcRow = ref {Names.Unsafe}.Add(ref src, {Times(stride, "oy")} * rowStride);");
            w.Line($"ref float dstRow = ref {Names.Unsafe}.Add(ref dst, oy * outWidth);");
            w.Open("for (nint ox = 0; ox < outWidth; ox += width)");
            w.Line("nint at = global::System.Math.Min(ox, outWidth - width);");
            if (borders)
            {
                w.Line($"bool left = unpadded && {Times(stride, "at")} < {s.PadLeft};");
                w.Line($"ref float tileSrc = ref {Names.Unsafe}.Add(ref srcRow, unpadded ? global::System.Math.Max({Times(stride, "at")} - {s.PadLeft}, 0) : {Times(stride, "at")});");
            }
            else
                w.Line($"ref float tileSrc = ref {Names.Unsafe}.Add(ref srcRow, {Times(stride, "at")});");
            w.Open($"for (int block = 0; block < {blocks}; block++)");
            w.Line($"ref float blockWeights = ref {Names.Unsafe}.Add(ref weights, block * {weightsPerBlock});");
            w.Line($"ref float blockBias = ref {Names.Unsafe}.Add(ref bias, block * {blockChannels});");
            w.Line($"ref float blockDst = ref {Names.Unsafe}.Add(ref dstRow, block * {blockChannels} * dstStride + at);");
            bool first = true;
            const string tileArgs = "(ref tileSrc, ref blockWeights, ref blockBias, ref tile, planeStride, rowStride)";
            foreach (int width in plan.ChannelVectorWidths)
            {
                string call = borders
                    ? $"{{ if (!top && !left) ChannelTile{width}{tileArgs}; else if (!left) ChannelTile{width}Top{tileArgs}; else if (!top) ChannelTile{width}Left{tileArgs}; else ChannelTile{width}TopLeft{tileArgs}; }}"
                    : $"ChannelTile{width}{tileArgs};";
                w.Line($"{(first ? "" : "else ")}if (width == {width}) {call}");
                first = false;
            }
            // The tile is [channel vector][row][pixel][16 channels].
            for (int v = 0; v < vectors; v++)
            for (int r = 0; r < Rows; r++)
            {
                string tile = v * Rows + r == 0 ? "ref tile" : $"ref {Names.Unsafe}.Add(ref tile, width * {(v * Rows + r) * 16})";
                string dst = v == 0 && r == 0 ? "ref blockDst" : $"ref {Names.Unsafe}.Add(ref blockDst, {Sum(v == 0 ? null : $"{v * 16} * dstStride", r == 0 ? null : Times(r, "outWidth"))})";
                w.Line($"{Store}.StoreRow({tile}, width, {dst}, dstStride);");
            }
            w.Close();
            w.Close();
            w.Close();
            w.Close();
            w.Line();

            if (vectors == 1) ChannelVector256Emitter.Emit(w, s, blocks, weightsPerBlock, stride);
            foreach (int width in plan.ChannelVectorWidths)
            {
                if (vectors == 2) EmitPairTile(w, s, width, stride);
                else EmitTile(w, s, width, stride);
                if (!borders) continue;
                ChannelBorderTileEmitter.Emit(w, s, width, stride, top: true, left: false);
                ChannelBorderTileEmitter.Emit(w, s, width, stride, top: false, left: true);
                ChannelBorderTileEmitter.Emit(w, s, width, stride, top: true, left: true);
            }
        }

        /// <summary>One tile: accumulators a{row}_{column}, each the 16 channels of one output pixel.</summary>
        private static void EmitTile(SourceWriter w, LayerSpec s, int width, int stride)
        {
            int reach = (width - 1) * stride + s.K2; // input pixels a tap row of the tile reads
            w.Line($"/// <summary>{Rows} output rows x {width} columns x 16 output channels{(stride > 1 ? $" at stride {stride}" : "")} over {s.InChannels} input channel(s) and {s.K1} tap row(s) of {s.K2}: per tap row {s.K2} weight loads, {Rows} x {reach} broadcasts, {Rows * width * s.K2} multiply-adds.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void ChannelTile{width}(ref float src, ref float weights, ref float bias, ref float tile, nint planeStride, nint rowStride)");
            string start = s.HasBias ? $"CGVector512.LoadUnsafe(ref bias)" : $"CGFloat512.Zero";
            w.Line($"CGFloat512 start = {start};");
            for (int r = 0; r < Rows; r++)
                w.Line($"CGFloat512 {string.Join(", ", Range(width, p => $"a{r}_{p} = start"))};");
            w.Open($"for (int c = 0; c < {s.InChannels}; c++)");
            w.Line($"ref float row0 = ref {Names.Unsafe}.Add(ref src, c * planeStride);");
            w.Open($"for (int ky = 0; ky < {s.K1}; ky++)");
            // Stride 1: the second output row's tap row is the first's next tap row, so one pointer walks both.
            w.Line($"ref float row1 = ref {Names.Unsafe}.Add(ref row0, {Times(stride, "rowStride")});");
            w.Line($"CGFloat512 {string.Join(", ", Range(s.K2, kx => $"w{kx} = CGVector512.LoadUnsafe(ref weights, {kx * 16})"))};");
            for (int r = 0; r < Rows; r++)
            for (int j = 0; j < reach; j++)
            {
                // Input pixel j of the tap row feeds output column (j - kx) / stride through weight kx where that divides.
                var fmas = new System.Collections.Generic.List<string>();
                for (int kx = 0; kx < s.K2; kx++)
                {
                    int p = (j - kx) / stride;
                    if (j >= kx && (j - kx) % stride == 0 && p < width) fmas.Add($"a{r}_{p} = CGVector512.FusedMultiplyAdd(x, w{kx}, a{r}_{p});");
                }
                w.Line($"{{ CGFloat512 x = CGVector512.Create({Names.Unsafe}.Add(ref row{r}, {j})); {string.Join(" ", fmas)} }}");
            }
            w.Line($"weights = ref {Names.Unsafe}.Add(ref weights, {s.K2 * 16});");
            w.Line(stride == 1 ? "row0 = ref row1;" : $"row0 = ref {Names.Unsafe}.Add(ref row0, rowStride);");
            w.Close();
            w.Close();
            for (int r = 0; r < Rows; r++)
                w.Line(string.Join(" ", Range(width, p => $"CGVector512.StoreUnsafe(a{r}_{p}, ref tile, {(r * width + p) * 16});")));
            w.Close();
            w.Line();
        }

        /// <summary>
        /// One tile of two channel vectors (32 output channels): accumulators a{vector}_{row}_{column}. Tap by tap: load the two
        /// weight vectors, broadcast each pixel the tap reads and multiply it into both vectors' accumulators, so each broadcast
        /// feeds two multiply-adds and only two weight vectors are live (2 x 2 x 7 = 28 accumulators fit beside them).
        /// </summary>
        private static void EmitPairTile(SourceWriter w, LayerSpec s, int width, int stride)
        {
            w.Line($"/// <summary>{Rows} output rows x {width} columns x 32 output channels{(stride > 1 ? $" at stride {stride}" : "")} over {s.InChannels} input channel(s) and {s.K1} x {s.K2} taps: per tap 2 weight loads, {Rows * width} broadcasts, {2 * Rows * width} multiply-adds.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void ChannelTile{width}(ref float src, ref float weights, ref float bias, ref float tile, nint planeStride, nint rowStride)");
            EmitPairAccumulators(w, s, width);
            w.Open($"for (int c = 0; c < {s.InChannels}; c++)");
            w.Line($"ref float row0 = ref {Names.Unsafe}.Add(ref src, c * planeStride);");
            w.Open($"for (int ky = 0; ky < {s.K1}; ky++)");
            w.Line($"ref float row1 = ref {Names.Unsafe}.Add(ref row0, {Times(stride, "rowStride")});");
            w.Line("ref float tap0 = ref row0, tap1 = ref row1; // the pixels tap column kx reads start at column kx");
            // The tap columns are a loop the JIT cannot unroll (its end is an address, not a count): unrolled, it saw the same
            // pixel under two taps, kept it for the later one and spilled it (stride-2 ResNet layer: 0.74 -> 0.80 ms).
            w.Line($"ref float tapRowEnd = ref {Names.Unsafe}.Add(ref weights, {s.K2 * 32});");
            w.Open("do");
            w.Line("CGFloat512 w0 = CGVector512.LoadUnsafe(ref weights), w1 = CGVector512.LoadUnsafe(ref weights, 16);");
            for (int r = 0; r < Rows; r++)
            for (int p = 0; p < width; p++)
                w.Line(PairMultiplyAdd($"tap{r}", p * stride, r, p));
            w.Line($"weights = ref {Names.Unsafe}.Add(ref weights, 32);");
            for (int r = 0; r < Rows; r++) w.Line($"tap{r} = ref {Names.Unsafe}.Add(ref tap{r}, 1);");
            w.Close($" while ({Names.Unsafe}.IsAddressLessThan(ref weights, ref tapRowEnd));");
            w.Line(stride == 1 ? "row0 = ref row1;" : $"row0 = ref {Names.Unsafe}.Add(ref row0, rowStride);");
            w.Close();
            w.Close();
            EmitPairStores(w, width);
            w.Close();
            w.Line();
        }

        /// <summary>A two-vector tile's accumulators a{vector}_{row}_{column}, started from the bias of its 32 channels.</summary>
        internal static void EmitPairAccumulators(SourceWriter w, LayerSpec s, int width)
        {
            for (int v = 0; v < 2; v++)
                w.Line($"CGFloat512 start{v} = {(s.HasBias ? $"CGVector512.LoadUnsafe(ref bias, {v * 16})" : "CGFloat512.Zero")};");
            for (int v = 0; v < 2; v++)
            for (int r = 0; r < Rows; r++)
                w.Line($"CGFloat512 {string.Join(", ", Range(width, p => $"a{v}_{r}_{p} = start{v}"))};");
        }

        /// <summary>Pixel <paramref name="offset"/> floats from <paramref name="tap"/>, broadcast into both vectors' accumulators of (row, column).</summary>
        internal static string PairMultiplyAdd(string tap, int offset, int row, int column)
            => $"{{ CGFloat512 x = CGVector512.Create({Names.Unsafe}.Add(ref {tap}, {offset})); a0_{row}_{column} = CGVector512.FusedMultiplyAdd(x, w0, a0_{row}_{column}); a1_{row}_{column} = CGVector512.FusedMultiplyAdd(x, w1, a1_{row}_{column}); }}";

        /// <summary>A two-vector tile's accumulators into the pixel-major tile buffer: [vector][row][column][16].</summary>
        internal static void EmitPairStores(SourceWriter w, int width)
        {
            for (int v = 0; v < 2; v++)
            for (int r = 0; r < Rows; r++)
                w.Line(string.Join(" ", Range(width, p => $"CGVector512.StoreUnsafe(a{v}_{r}_{p}, ref tile, {((v * Rows + r) * width + p) * 16});")));
        }

        private static string Sum(string? a, string? b) => a is null ? b! : b is null ? a : $"{a} + {b}";

        internal static string Times(int factor, string value) => factor == 1 ? value : $"{factor} * {value}";

        private static string[] Range(int count, System.Func<int, string> item)
        {
            var items = new string[count];
            for (int i = 0; i < count; i++) items[i] = item(i);
            return items;
        }
    }
}
