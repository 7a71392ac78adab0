using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the channel-vector forward for machines without AVX-512 (AVX2 + FMA), for layers planned with one-vector tiles
    /// (blocks of 16 output channels): the same work items and packed weights as <see cref="ChannelVectorEmitter"/>, with the
    /// 16 channels of a pixel in two 8-lane vectors. A tile is 2 output rows x 3 columns or 1 row x 5 or 6 columns (12 or 10
    /// accumulators; with a tap's two weight vectors and the broadcast pixel they fill the 16 registers), so taps go one at a
    /// time: two weight loads, one broadcast per output, two multiply-adds per broadcast. ChannelTileStore.Width256 picks the
    /// tile per call, for rows narrower than the pixel-vector tile's 16 columns only (LeNet C3's 10 columns: two 5-column
    /// tiles fill every lane, where the pixel-vector tile filled 10 of 16).
    /// </summary>
    internal static class ChannelVector256Emitter
    {
        private const int Channels = 16;
        private const string Store = "global::ConvGen.Kernels.ChannelTileStore";
        /// <summary>The tiles: (rows, columns), as ChannelTileStore.Width256 chooses them by columns.</summary>
        private static readonly (int Rows, int Width)[] Tiles = { (2, 3), (1, 5), (1, 6) };

        public static void Emit(SourceWriter w, LayerSpec s, int blocks, int weightsPerBlock, int stride)
        {
            w.Line($"/// <summary>Row pairs [pair0, pair1) of one image in 8-lane tiles of width columns (3: two rows at a time; 5, 6: one), each for the {blocks} block(s) of {Channels} channels.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void ChannelVectorRows256(ref float src, ref float weights, ref float bias, ref float dst, ref float tile, nint rowStride, nint planeStride, int outHeight, nint outWidth, int width, int pair0, int pair1)");
            w.Line("nint dstStride = outHeight * outWidth;");
            w.Open("if (width == 3)");
            w.Open("for (int pair = pair0; pair < pair1; pair++)");
            w.Line("int oy = global::System.Math.Min(2 * pair, outHeight - 2); // an odd last pair is shifted up a row and rewrites the same values");
            EmitRow(w, s, blocks, weightsPerBlock, stride, 2, "3");
            w.Close();
            w.Line("return;");
            w.Close();
            w.Open("for (int oy = 2 * pair0; oy < global::System.Math.Min(2 * pair1, outHeight); oy++)");
            EmitRow(w, s, blocks, weightsPerBlock, stride, 1, "width");
            w.Close();
            w.Close();
            w.Line();
            foreach (var (rows, width) in Tiles) EmitTile(w, s, stride, rows, width);
        }

        /// <summary>
        /// The tiles of output row oy (and oy + 1 for two-row tiles): every column position, every channel block. <paramref name="width"/>
        /// is the tile's columns, a constant for the two-row tile, the variable width for the one-row tiles (5 or 6).
        /// </summary>
        private static void EmitRow(SourceWriter w, LayerSpec s, int blocks, int weightsPerBlock, int stride, int rows, string width)
        {
            w.Line($"ref float srcRow = ref {Names.Unsafe}.Add(ref src, {ChannelVectorEmitter.Times(stride, "oy")} * rowStride);");
            w.Line($"ref float dstRow = ref {Names.Unsafe}.Add(ref dst, oy * outWidth);");
            w.Open($"for (nint ox = 0; ox < outWidth; ox += {width})");
            w.Line($"nint at = global::System.Math.Min(ox, outWidth - {width}); // the last tile of a row ends at its end");
            w.Line($"ref float tileSrc = ref {Names.Unsafe}.Add(ref srcRow, {ChannelVectorEmitter.Times(stride, "at")});");
            w.Open($"for (int block = 0; block < {blocks}; block++)");
            string args = $"(ref tileSrc, ref {Names.Unsafe}.Add(ref weights, block * {weightsPerBlock}), ref {Names.Unsafe}.Add(ref bias, block * {Channels}), ref tile, planeStride, rowStride);";
            w.Line(rows == 2 ? $"ChannelTile2x{width}{args}" : $"if (width == 5) ChannelTile1x5{args} else ChannelTile1x6{args}");
            w.Line($"ref float blockDst = ref {Names.Unsafe}.Add(ref dstRow, block * {Channels} * dstStride + at);");
            for (int r = 0; r < rows; r++)
            {
                string tile = r == 0 ? "ref tile" : $"ref {Names.Unsafe}.Add(ref tile, {(int.TryParse(width, out int columns) ? (r * columns * Channels).ToString() : $"{r} * {width} * {Channels}")})";
                string dst = r == 0 ? "ref blockDst" : $"ref {Names.Unsafe}.Add(ref blockDst, {ChannelVectorEmitter.Times(r, "outWidth")})";
                w.Line($"{Store}.StoreRow256({tile}, {width}, {dst}, dstStride);");
            }
            w.Close();
            w.Close();
        }

        /// <summary>One tile: accumulators a{vector}_{row}_{column}, vector v holding output channels 8v to 8v + 7.</summary>
        private static void EmitTile(SourceWriter w, LayerSpec s, int stride, int rows, int width)
        {
            w.Line($"/// <summary>{rows} output row(s) x {width} columns x {Channels} output channels (two 8-lane vectors){(stride > 1 ? $" at stride {stride}" : "")} over {s.InChannels} input channel(s) and {s.K1} x {s.K2} taps: per tap 2 weight loads, {rows * width} broadcasts, {2 * rows * width} multiply-adds.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void ChannelTile{rows}x{width}(ref float src, ref float weights, ref float bias, ref float tile, nint planeStride, nint rowStride)");
            for (int v = 0; v < 2; v++)
                w.Line($"CGFloat256 start{v} = {(s.HasBias ? $"CGVector256.LoadUnsafe(ref bias, {v * 8})" : "CGFloat256.Zero")};");
            for (int v = 0; v < 2; v++)
            for (int r = 0; r < rows; r++)
                w.Line($"CGFloat256 {Join(width, p => $"a{v}_{r}_{p} = start{v}", ", ")};");
            w.Open($"for (int c = 0; c < {s.InChannels}; c++)");
            w.Line($"ref float row0 = ref {Names.Unsafe}.Add(ref src, c * planeStride);");
            w.Open($"for (int ky = 0; ky < {s.K1}; ky++)");
            if (rows == 2) w.Line($"ref float row1 = ref {Names.Unsafe}.Add(ref row0, {ChannelVectorEmitter.Times(stride, "rowStride")});");
            w.Line(rows == 2 ? "ref float tap0 = ref row0, tap1 = ref row1; // the pixels tap column kx reads start at column kx" : "ref float tap0 = ref row0; // the pixels tap column kx reads start at column kx");
            w.Line($"ref float tapRowEnd = ref {Names.Unsafe}.Add(ref weights, {s.K2 * Channels});");
            w.Open("do");
            w.Line("CGFloat256 w0 = CGVector256.LoadUnsafe(ref weights), w1 = CGVector256.LoadUnsafe(ref weights, 8);");
            for (int r = 0; r < rows; r++)
            for (int p = 0; p < width; p++)
                w.Line($"{{ CGFloat256 x = CGVector256.Create({Names.Unsafe}.Add(ref tap{r}, {p * stride})); a0_{r}_{p} = CGVector256.FusedMultiplyAdd(x, w0, a0_{r}_{p}); a1_{r}_{p} = CGVector256.FusedMultiplyAdd(x, w1, a1_{r}_{p}); }}");
            w.Line($"weights = ref {Names.Unsafe}.Add(ref weights, {Channels});");
            for (int r = 0; r < rows; r++) w.Line($"tap{r} = ref {Names.Unsafe}.Add(ref tap{r}, 1);");
            w.Close($" while ({Names.Unsafe}.IsAddressLessThan(ref weights, ref tapRowEnd));");
            // Stride 1: the second output row's tap row is the first's next tap row, so one pointer walks both.
            w.Line(rows == 2 && stride == 1 ? "row0 = ref row1;" : $"row0 = ref {Names.Unsafe}.Add(ref row0, rowStride);");
            w.Close();
            w.Close();
            w.Line($"// Pixel-major, as ChannelTileStore.StoreRow256 reads it: [row][column][{Channels} channels].");
            for (int r = 0; r < rows; r++)
                w.Line(Join(width, p => $"CGVector256.StoreUnsafe(a0_{r}_{p}, ref tile, {(r * width + p) * Channels}); CGVector256.StoreUnsafe(a1_{r}_{p}, ref tile, {(r * width + p) * Channels + 8});", " "));
            w.Close();
            w.Line();
        }

        private static string Join(int count, System.Func<int, string> item, string separator)
        {
            var items = new string[count];
            for (int i = 0; i < count; i++) items[i] = item(i);
            return string.Join(separator, items);
        }
    }
}
