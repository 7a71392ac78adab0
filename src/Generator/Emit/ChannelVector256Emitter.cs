using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Emits the channel-vector forward for machines without AVX-512 (AVX2 + FMA), for layers planned with one-vector tiles
    /// (blocks of 16 output channels): the same work items and packed weights as <see cref="ChannelVectorEmitter"/>, with the
    /// 16 channels of a pixel in two 8-lane vectors. A tile is 6 consecutive pixels of the flattened output plane, wherever
    /// its rows break (12 accumulators; with a tap's two weight vectors and the broadcast pixel they fill the 16 registers):
    /// each pixel broadcasts from its own input offset, so no lane idles at a row end and only the plane's last tile
    /// (shifted back to end at the plane's end) recomputes a few pixels; in NCHW those 6 pixels are one contiguous run per
    /// channel, one ChannelTileStore.StoreRow256. Taps go one at a time: two weight loads, six broadcasts, twelve
    /// multiply-adds. LeNet C3 (10 x 10 outputs) ran 0.90-0.93x the time of the per-row tiles it replaced (1 x 5 columns,
    /// 10 accumulators; paired windows, batch 1, Zen 3). ChannelTileStore.Width256 takes it for rows narrower than the
    /// pixel-vector tile's 16 columns only.
    /// </summary>
    internal static class ChannelVector256Emitter
    {
        private const int Channels = 16;
        private const int Pixels = 6;
        private const string Store = "global::ConvGen.Kernels.ChannelTileStore";

        public static void Emit(SourceWriter w, LayerSpec s, int blocks, int weightsPerBlock, int stride)
        {
            w.Line($"/// <summary>Chunk of chunks of one image's {Pixels}-pixel tiles along the flattened output plane, each for the {blocks} block(s) of {Channels} channels; the last chunk also takes the tail, one tile shifted back to end at the plane's end.</summary>");
            w.Line(Names.Hot);
            w.Open("private static void ChannelVectorRows256(ref float src, ref float weights, ref float bias, ref float dst, ref float tile, nint rowStride, nint planeStride, int outHeight, nint outWidth, int chunk, int chunks)");
            w.Line("nint dstStride = outHeight * outWidth;");
            w.Line($"int pixels = outHeight * (int)outWidth, tiles = pixels / {Pixels}; // at least one: Width256 takes planes of {Pixels} pixels or more");
            w.Line("chunks = global::System.Math.Min(chunks, tiles); // every chunk owns a whole tile, so the tail overlaps only its own");
            w.Line("if (chunk >= chunks) return;");
            w.Line("int end = (chunk + 1) * tiles / chunks;");
            w.Line($"if (chunk == chunks - 1 && tiles * {Pixels} < pixels) end++;");
            w.Open("for (int t = chunk * tiles / chunks; t < end; t++)");
            w.Line($"int at = global::System.Math.Min({Pixels} * t, pixels - {Pixels});");
            w.Open($"for (int block = 0; block < {blocks}; block++)");
            w.Line($"ChannelTileFlat{Pixels}(ref src, ref {Names.Unsafe}.Add(ref weights, block * {weightsPerBlock}), ref {Names.Unsafe}.Add(ref bias, block * {Channels}), ref tile, planeStride, rowStride, at, (int)outWidth);");
            w.Line($"{Store}.StoreRow256(ref tile, {Pixels}, ref {Names.Unsafe}.Add(ref dst, block * {Channels} * dstStride + at), dstStride);");
            w.Close();
            w.Close();
            w.Close();
            w.Line();
            EmitTile(w, s, stride);
        }

        /// <summary>One tile: accumulators a{vector}_{pixel}, vector v holding output channels 8v to 8v + 7 of pixel at + pixel.</summary>
        private static void EmitTile(SourceWriter w, LayerSpec s, int stride)
        {
            w.Line($"/// <summary>Output pixels [at, at + {Pixels}) of the flattened plane x {Channels} output channels (two 8-lane vectors){(stride > 1 ? $" at stride {stride}" : "")} over {s.InChannels} input channel(s) and {s.K1} x {s.K2} taps: per tap 2 weight loads, {Pixels} broadcasts, {2 * Pixels} multiply-adds.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void ChannelTileFlat{Pixels}(ref float src, ref float weights, ref float bias, ref float tile, nint planeStride, nint rowStride, int at, int outWidth)");
            w.Line("// Where each pixel's tap (0, 0) lies in the input: output (oy, ox) reads from row oy x stride, column ox x stride.");
            w.Line("int oy = at / outWidth, ox = at - oy * outWidth;");
            string offset = $"{ChannelVectorEmitter.Times(stride, "oy")} * rowStride + {ChannelVectorEmitter.Times(stride, "ox")}";
            for (int p = 0; p < Pixels; p++)
                w.Line(p == 0 ? $"nint o0 = {offset};" : $"if (++ox == outWidth) {{ ox = 0; oy++; }} nint o{p} = {offset};");
            for (int v = 0; v < 2; v++)
                w.Line($"CGFloat256 start{v} = {(s.HasBias ? $"CGVector256.LoadUnsafe(ref bias, {v * 8})" : "CGFloat256.Zero")};");
            for (int v = 0; v < 2; v++)
                w.Line($"CGFloat256 {CodeList.Join(Pixels, p => $"a{v}_{p} = start{v}", ", ")};");
            w.Open($"for (int c = 0; c < {s.InChannels}; c++)");
            w.Line($"ref float row = ref {Names.Unsafe}.Add(ref src, c * planeStride);");
            w.Open($"for (int ky = 0; ky < {s.K1}; ky++)");
            w.Line("ref float tap = ref row; // tap column kx reads every pixel's offset + kx");
            w.Line($"ref float tapRowEnd = ref {Names.Unsafe}.Add(ref weights, {s.K2 * Channels});");
            w.Open("do");
            w.Line("CGFloat256 w0 = CGVector256.LoadUnsafe(ref weights), w1 = CGVector256.LoadUnsafe(ref weights, 8);");
            for (int p = 0; p < Pixels; p++)
                w.Line($"{{ CGFloat256 x = CGVector256.Create({Names.Unsafe}.Add(ref tap, o{p})); a0_{p} = CGVector256.FusedMultiplyAdd(x, w0, a0_{p}); a1_{p} = CGVector256.FusedMultiplyAdd(x, w1, a1_{p}); }}");
            w.Line($"weights = ref {Names.Unsafe}.Add(ref weights, {Channels});");
            w.Line($"tap = ref {Names.Unsafe}.Add(ref tap, 1);");
            w.Close($" while ({Names.Unsafe}.IsAddressLessThan(ref weights, ref tapRowEnd));");
            w.Line($"row = ref {Names.Unsafe}.Add(ref row, rowStride);");
            w.Close();
            w.Close();
            w.Line($"// Pixel-major, as ChannelTileStore.StoreRow256 reads it: [pixel][{Channels} channels].");
            w.Line(CodeList.Join(Pixels, p => $"CGVector256.StoreUnsafe(a0_{p}, ref tile, {p * Channels}); CGVector256.StoreUnsafe(a1_{p}, ref tile, {p * Channels + 8});", " "));
            w.Close();
            w.Line();
        }
    }
}
