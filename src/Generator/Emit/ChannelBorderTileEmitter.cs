using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the two-vector channel tile's border variants (Top, Left, TopLeft) for stride-2 layers that read the caller's
    /// unpadded input in evaluation mode (KernelPlan.ChannelVectorSkipsBorders): the first row pair's and column tile's tiles,
    /// whose taps on the zero padding are left out instead of read from a padded copy.
    /// </summary>
    internal static class ChannelBorderTileEmitter
    {
        /// <summary>
        /// ChannelVectorEmitter.EmitPairTile for a tile at the top (output rows 0 and 1) and/or left (columns from 0) of the caller's
        /// unpadded input: <paramref name="src"/> is input row 0 (top) and column 0 (left), and every tap reading above row 0 or
        /// left of column 0 (the zero padding) is left out, so nothing outside the input is read. Tap rows are unrolled for the
        /// top tile (which rows exist differs per tap row), tap columns for the left tile; the pixel pointer still moves by a
        /// step the JIT cannot see is 1, so it does not keep pixels two taps share in registers (see ChannelVectorEmitter.EmitPairTile).
        /// </summary>
        public static void Emit(SourceWriter w, LayerSpec s, int width, int stride, bool top, bool left)
        {
            string name = $"ChannelTile{width}{(top ? "Top" : "")}{(left ? "Left" : "")}";
            string skipped = top && left ? "above row 0 or left of column 0" : top ? "above row 0" : "left of column 0";
            w.Line($"/// <summary>ChannelTile{width} at the {(top && left ? "top left corner" : top ? "top" : "left")} of the unpadded input: the taps on the padding ({skipped}) left out.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void {name}(ref float src, ref float weights, ref float bias, ref float tile, nint planeStride, nint rowStride)");
            ChannelVectorEmitter.EmitPairAccumulators(w, s, width);
            w.Line("nint step = 1 + (rowStride >> 62); // 1, but not to the JIT");
            w.Open($"for (int c = 0; c < {s.InChannels}; c++)");
            w.Line($"ref float plane = ref {Names.Unsafe}.Add(ref src, c * planeStride);");
            if (top)
            {
                for (int ky = 0; ky < s.K1; ky++)
                {
                    // Output row r's tap row ky is input row stride x r + ky - PadTop (the tile's oy is 0).
                    int[] rows = new int[ChannelVectorEmitter.Rows];
                    for (int r = 0; r < ChannelVectorEmitter.Rows; r++) rows[r] = stride * r + ky - s.PadTop;
                    w.Open($"// tap row {ky}");
                    for (int r = 0; r < ChannelVectorEmitter.Rows; r++)
                        if (rows[r] >= 0) w.Line($"ref float row{r} = ref {Names.Unsafe}.Add(ref plane, {rows[r]} * rowStride);");
                    EmitTapRow(w, s, width, stride, left, ky, r => rows[r] >= 0);
                    w.Close();
                }
            }
            else
            {
                w.Line("ref float row0 = ref plane;");
                w.Open($"for (int ky = 0; ky < {s.K1}; ky++)");
                w.Line($"ref float row1 = ref {Names.Unsafe}.Add(ref row0, {ChannelVectorEmitter.Times(stride, "rowStride")});");
                EmitTapRow(w, s, width, stride, left, null, r => true);
                w.Line($"row0 = ref {Names.Unsafe}.Add(ref row0, rowStride);");
                w.Close();
            }
            w.Line($"weights = ref {Names.Unsafe}.Add(ref weights, {s.K1 * s.K2 * 32});");
            w.Close();
            ChannelVectorEmitter.EmitPairStores(w, width);
            w.Close();
            w.Line();
        }

        /// <summary>
        /// One tap row of a border tile: rows row0/row1 (those <paramref name="rowExists"/>), weights of tap row
        /// <paramref name="ky"/> (null: the loop's current one, at weights + ky x K2 x 32 kept by the caller's loop variable).
        /// </summary>
        private static void EmitTapRow(SourceWriter w, LayerSpec s, int width, int stride, bool left, int? ky, System.Func<int, bool> rowExists)
        {
            string WeightAt(int offset) => ky is int k ? $"{k * s.K2 * 32 + offset}" : $"(nuint)(ky * {s.K2 * 32} + {offset})";
            for (int r = 0; r < ChannelVectorEmitter.Rows; r++)
                if (rowExists(r)) w.Line($"ref float tap{r} = ref row{r}; // moves a column per tap: pixel p of tap kx is at tap{r} + {stride} x p{(left ? $" - {s.PadLeft}" : "")}");
            for (int kx = 0; kx < s.K2; kx++)
            {
                w.Open($"// tap column {kx}");
                w.Line($"CGFloat512 w0 = CGVector512.LoadUnsafe(ref weights, {WeightAt(kx * 32)}), w1 = CGVector512.LoadUnsafe(ref weights, {WeightAt(kx * 32 + 16)});");
                for (int r = 0; r < ChannelVectorEmitter.Rows; r++)
                {
                    if (!rowExists(r)) continue;
                    for (int p = 0; p < width; p++)
                    {
                        // Left tile: pixel p of tap kx is input column stride x p + kx - PadLeft; tap{r} points at column kx (or 0).
                        int column = stride * p - (left ? s.PadLeft : 0);
                        if (left && column + kx < 0) continue;
                        w.Line(ChannelVectorEmitter.PairMultiplyAdd($"tap{r}", column, r, p));
                    }
                }
                if (kx + 1 < s.K2)
                    for (int r = 0; r < ChannelVectorEmitter.Rows; r++)
                        if (rowExists(r)) w.Line($"tap{r} = ref {Names.Unsafe}.Add(ref tap{r}, step);");
                w.Close();
            }
        }
    }
}
