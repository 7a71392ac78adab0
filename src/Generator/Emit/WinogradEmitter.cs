using System.Linq;
using ConvGen.Generator.Helpers;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// The Winograd F(4x4, 3x3) forward (KernelPlan.Winograd): a job whose item is one row of 4 x 4 output tiles (up to 16
    /// tiles, one per lane) of one image. The runtime's transforms (ConvGen.Kernels.Winograd.WinogradTransforms) turn the
    /// input patches into 36 points and the products back into outputs; the 36 GEMMs between them are emitted here, for this
    /// layer's channel counts: per block of 16 output channels, 16 accumulators, one broadcast weight per multiply-add; and
    /// again on Vector256 for AVX2 machines (12 accumulators), picked by Vector512.IsHardwareAccelerated, a JIT-time constant.
    /// The stride-2 forward (KernelPlan.WinogradStride2, ConvGen.Kernels.Winograd.WinogradStride2) is the same job over 2 x 2
    /// tiles and 25 points, with AVX2 GEMMs only (it runs only there) whose vectors run along output channels
    /// (WinogradChannelGemmEmitter).
    /// </summary>
    internal static class WinogradEmitter
    {
        /// <summary>A tile algorithm: its runtime class (sizes) and transforms, its GEMM count (points), the machines it runs on.</summary>
        /// <param name="ChannelVectors">
        /// Whether its GEMMs run with vectors along output channels (WinogradChannelGemmEmitter, blocks of 32, AVX2 only) instead of
        /// along the tile lanes (blocks of 16, AVX-512 and AVX2 versions).
        /// </param>
        private sealed record Algorithm(string Class, string Transforms, int Points, string Machines, int[]? WeightPoints = null, bool ChannelVectors = false);

        private static readonly Algorithm F43 = new("global::ConvGen.Kernels.Winograd.WinogradF43", "global::ConvGen.Kernels.Winograd.WinogradTransforms", 36, "AVX-512 or AVX2");
        private static readonly Algorithm Stride2 = new("global::ConvGen.Kernels.Winograd.WinogradStride2", "global::ConvGen.Kernels.Winograd.WinogradStride2Transforms", 25, "AVX2 without AVX-512",
            WeightPointTable(0, 1, 2, 1, 3), ChannelVectors: true); // WinogradStride2.WeightPointOf: G's rows 1 and 3 are equal

        /// <summary>
        /// The packed weight point of each of the 25 points (row-major over 5 x 5) when G's 5 rows map onto 4 distinct ones
        /// as <paramref name="distinctRow"/> says: point (a, b) reads distinct point distinctRow[a] x 4 + distinctRow[b].
        /// </summary>
        private static int[] WeightPointTable(params int[] distinctRow)
            => Enumerable.Range(0, 25).Select(p => distinctRow[p / 5] * 4 + distinctRow[p % 5]).ToArray();

        private const int Lanes = 16;

        public static void Emit(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            EmitJob(w, F43, "WinogradForwardJob", new[]
            {
                "Winograd F(4x4, 3x3) forward work item = (image, row of output tiles, group of up to 16 tiles along it), reading the",
                $"caller's input as is. Per item: the input transform of the 6 x (4 x 16 + 2) patch rows of all {s.InChannels} channels, then per",
                "block of 16 output channels the 36 GEMMs and the output transform, which writes only the item's 4 rows x 64 columns.",
            }, s.InChannels, s.OutChannels, s.PadTop, s.PadLeft, "input", "output", $"{F43.Class}.Runs(outWidth, {s.InChannels}, {s.OutChannels})");
            EmitJob(w, F43, "WinogradBackwardDataJob", new[]
            {
                "Winograd F(4x4, 3x3) input gradient: dX is the correlation of dY with the kernel transposed (input and output channels",
                $"swapped) and flipped, padded {2 - s.PadTop} above and {2 - s.PadLeft} left (2 - the forward's padding), so it is the forward's job with",
                $"{s.OutChannels} channels in and {s.InChannels} out, reading dY as passed and writing every element of dX.",
            }, s.OutChannels, s.InChannels, 2 - s.PadTop, 2 - s.PadLeft, "dY", "dX", $"{F43.Class}.Runs(outWidth, {s.OutChannels}, {s.InChannels})");
        }

        /// <summary>The stride-2 forward (KernelPlan.WinogradStride2): the same job shape over 2 x 2 output tiles and 25 GEMMs, AVX2 only.</summary>
        public static void EmitStride2(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            EmitJob(w, Stride2, "WinogradStride2ForwardJob", new[]
            {
                "Stride-2 F(2x2, 3x3) forward work item = (image, row of 2 x 2 output tiles, group of up to 16 tiles along it), reading the",
                $"caller's input as is. Per item: the input transform of the 5 x (4 x 16 + 1) patch rows of all {s.InChannels} channels, then per",
                "block of 32 output channels the 25 GEMMs (vectors along the channels) and the output transform, which writes only the item's",
                "2 rows x 32 columns.",
            }, s.InChannels, s.OutChannels, s.PadTop, s.PadLeft, "input", "output", $"{Stride2.Class}.Runs(outWidth, {s.InChannels}, {s.OutChannels})");
        }

        /// <summary>
        /// The stride-2 input gradient (KernelPlan.WinogradStride2): an item is one row of 4 x 4 tiles of dX (up to 16 along it),
        /// each from a 3 x 3 patch of dY; 25 GEMMs over the output channels per block of 32 input channels (vectors along them), AVX2 only.
        /// </summary>
        public static void EmitStride2BackwardData(SourceWriter w, KernelPlan plan)
        {
            LayerSpec s = plan.Spec;
            const int block = WinogradChannelGemmEmitter.Channels;
            int blocks = (s.InChannels + block - 1) / block, rem = s.InChannels % block;
            int inputStride = s.OutChannels * Lanes + Lanes, weightStride = blocks * s.OutChannels * block, points = Stride2.Points;
            string winograd = Stride2.Class, transforms = Stride2.Transforms;
            w.Line("/// <summary>");
            w.Line("/// Stride-2 input gradient work item = (image, row of 4 x 4 dX tiles, group of up to 16 tiles along it), reading dY as passed:");
            w.Line($"/// per item the transform of 3 x 3 dY patches (2 apart) of all {s.OutChannels} channels, then per block of 32 input channels the");
            w.Line($"/// 25 GEMMs (vectors along the channels) and the output transform, which writes only the item's 4 rows x 64 columns of dX (padding {s.PadTop} above, {s.PadLeft} left");
            w.Line("/// cut off). Items write disjoint rows and columns, together every element of dX: any order, same result.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct WinogradStride2BackwardDataJob : {Names.Job}");
            w.Line($"private const int InputStride = {inputStride}; // floats between points of the transformed dY ({winograd}.InputStride)");
            w.Line($"private const int WeightStride = {weightStride}; // floats between points of the transformed weights: {blocks} block(s) x {s.OutChannels} channels x {block}");
            w.Line("private readonly int _gradHeight, _gradWidth, _height, _width, _tileRows, _columnGroups;");
            w.Line("/// <summary>From dY planes of <paramref name=\"gradHeight\"/> x <paramref name=\"gradWidth\"/> into dX planes of <paramref name=\"height\"/> x <paramref name=\"width\"/>.</summary>");
            w.Open("public WinogradStride2BackwardDataJob(int gradHeight, int gradWidth, int height, int width)");
            w.Line("_gradHeight = gradHeight; _gradWidth = gradWidth; _height = height; _width = width;");
            w.Line($"_tileRows = {winograd}.InputGradientTiles(height, {s.PadTop}); _columnGroups = {winograd}.InputGradientColumnGroups(width, {s.PadLeft});");
            w.Close();
            w.Line();
            w.Line("/// <summary>Whether it runs for dX rows <paramref name=\"width\"/> wide: AVX2 without AVX-512, and enough of the tile lanes useful (WinogradStride2.RunsInputGradient).</summary>");
            w.Line($"public static bool Runs(int width) => {winograd}.RunsInputGradient(width, {s.PadLeft}, {s.InChannels}, {s.OutChannels});");
            w.Line();
            w.Line("/// <summary>Work items for a batch: images x tile rows x column groups.</summary>");
            w.Line($"public static int Items(int batch, int height, int width) => batch * {winograd}.InputGradientTiles(height, {s.PadTop}) * {winograd}.InputGradientColumnGroups(width, {s.PadLeft});");
            w.Line();
            OpenExecute(w, points, inputStride, WinogradChannelGemmEmitter.ProductStride);
            w.Line($"int gradSize = {s.OutChannels} * _gradHeight * _gradWidth, inputSize = {s.InChannels} * _height * _width;");
            w.Line($"{transforms}.InputGradientInput(buffers.B0.Slice(n * gradSize, gradSize), transformed, {s.OutChannels}, _gradHeight, _gradWidth, tileRow, columnGroup, InputStride);");
            w.Line("global::System.Span<float> destination = buffers.B3.Slice(n * inputSize, inputSize);");
            DeclareGemmOperands(w);
            w.Line($"int tiles = {winograd}.InputGradientTilesInGroup(_width, {s.PadLeft}, columnGroup);");
            for (int b = 0; b < blocks; b++)
            {
                int channels = b == blocks - 1 && rem != 0 ? rem : block;
                w.Line($"Multiply32Avx2(ref {Names.Unsafe}.Add(ref weights, {b * s.OutChannels * block}), ref v, ref m, tiles);");
                w.Line($"{transforms}.InputGradientOutput(products, destination, {b * block}, {channels}, _height, _width, tileRow, columnGroup, {s.PadTop}, {s.PadLeft});");
            }
            w.Close();
            w.Line();
            // G's rows 3 and 4 are equal (WinogradStride2.InputGradientWeightPointOf).
            EmitWeightPointTable(w, WeightPointTable(0, 1, 2, 3, 3));
            WinogradChannelGemmEmitter.Emit(w, s.OutChannels, points);
            w.Close();
            w.Line();
        }

        /// <summary>Opens a job's Execute: the item's image, tile row and column group, and its scratch (transformed input, then one block's products).</summary>
        private static void OpenExecute(SourceWriter w, int points, int inputStride, int productStride = Lanes * Lanes)
        {
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int columnGroup = index % _columnGroups, rest = index / _columnGroups;");
            w.Line("int tileRow = rest % _tileRows, n = rest / _tileRows;");
            w.Line($"global::System.Span<float> scratch = {Names.Kernels}.ThreadScratch.Get({points * inputStride + points * productStride});");
            w.Line($"global::System.Span<float> transformed = scratch.Slice(0, {points * inputStride}), products = scratch.Slice({points * inputStride}, {points * productStride});");
        }

        /// <summary>The GEMMs' operands: the transformed weights (B1), the transformed input and the products.</summary>
        private static void DeclareGemmOperands(SourceWriter w)
        {
            w.Line($"ref float weights = ref {Names.MemoryMarshal}.GetReference(buffers.B1);");
            w.Line($"ref float v = ref {Names.MemoryMarshal}.GetReference(transformed);");
            w.Line($"ref float m = ref {Names.MemoryMarshal}.GetReference(products);");
        }

        private static void EmitWeightPointTable(SourceWriter w, int[] weightPoints)
        {
            w.Line("/// <summary>The packed weight point each of the points multiplies by (points with equal transformed weights share one).</summary>");
            w.Line($"private static global::System.ReadOnlySpan<byte> WeightPoint => new byte[] {{ {string.Join(", ", weightPoints)} }};");
            w.Line();
        }

        /// <summary>
        /// One Winograd job struct: a convolution of <paramref name="inChannels"/> planes of <paramref name="source"/> into
        /// <paramref name="outChannels"/> planes of <paramref name="destination"/> with the given top and left padding (any, also
        /// negative: the transform reads masked rows), with its own GEMMs for these channel counts. Buffers: B0 source, B1 the
        /// transformed weights, B2 the bias (or empty), B3 destination.
        /// </summary>
        private static void EmitJob(SourceWriter w, Algorithm algorithm, string name, string[] summary, int inChannels, int outChannels, int padTop, int padLeft,
            string source, string destination, string runs)
        {
            string winograd = algorithm.Class, transforms = algorithm.Transforms;
            int points = algorithm.Points, block = algorithm.ChannelVectors ? WinogradChannelGemmEmitter.Channels : Lanes;
            int blocks = (outChannels + block - 1) / block, rem = outChannels % block;
            int inputStride = inChannels * Lanes + Lanes, weightStride = blocks * inChannels * block;
            w.Line("/// <summary>");
            foreach (string line in summary) w.Line($"/// {line}");
            w.Line("/// Items write disjoint rows and columns: any order, same result.");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct {name} : {Names.Job}");
            w.Line($"private const int InputStride = {inputStride}; // floats between points of the transformed {source} ({winograd}.InputStride)");
            w.Line($"private const int WeightStride = {weightStride}; // floats between points of the transformed weights: {blocks} block(s) x {inChannels} channels x {block}");
            w.Line("private readonly int _height, _width, _outHeight, _outWidth, _tileRows, _columnGroups;");
            w.Line($"/// <summary>Over {source} planes of <paramref name=\"height\"/> x <paramref name=\"width\"/> into {destination} planes of <paramref name=\"outHeight\"/> x <paramref name=\"outWidth\"/>.</summary>");
            w.Open($"public {name}(int height, int width, int outHeight, int outWidth)");
            w.Line("_height = height; _width = width; _outHeight = outHeight; _outWidth = outWidth;");
            w.Line($"_tileRows = {winograd}.TilesDown(outHeight); _columnGroups = {winograd}.ColumnGroups(outWidth);");
            w.Close();
            w.Line();
            w.Line($"/// <summary>Whether it runs for {destination} rows <paramref name=\"outWidth\"/> wide: {algorithm.Machines}, and enough of the tile lanes useful ({winograd.Substring(winograd.LastIndexOf('.') + 1)}.Runs).</summary>");
            w.Line($"public static bool Runs(int outWidth) => {runs};");
            w.Line();
            w.Line("/// <summary>Work items for a batch: images x tile rows x column groups.</summary>");
            w.Line($"public static int Items(int batch, int outHeight, int outWidth) => batch * {winograd}.TilesDown(outHeight) * {winograd}.ColumnGroups(outWidth);");
            w.Line();
            OpenExecute(w, points, inputStride, algorithm.ChannelVectors ? WinogradChannelGemmEmitter.ProductStride : Lanes * Lanes);
            w.Line($"int sourceSize = {inChannels} * _height * _width, destinationSize = {outChannels} * _outHeight * _outWidth;");
            w.Line($"{transforms}.Input(buffers.B0.Slice(n * sourceSize, sourceSize), transformed, {inChannels}, _height, _width, tileRow, columnGroup, {padTop}, {padLeft}, InputStride);");
            w.Line("global::System.Span<float> destination = buffers.B3.Slice(n * destinationSize, destinationSize);");
            DeclareGemmOperands(w);
            if (algorithm.ChannelVectors) w.Line($"int tiles = {winograd}.TilesInGroup(_outWidth, columnGroup);");
            for (int b = 0; b < blocks; b++)
            {
                int channels = b == blocks - 1 && rem != 0 ? rem : block;
                if (algorithm.ChannelVectors)
                    w.Line($"Multiply32Avx2(ref {Names.Unsafe}.Add(ref weights, {b * inChannels * block}), ref v, ref m, tiles);");
                else
                {
                    w.Line($"if (CGVector512.IsHardwareAccelerated) Multiply{channels}(ref {Names.Unsafe}.Add(ref weights, {b * inChannels * Lanes}), ref v, ref m);");
                    w.Line($"else Multiply{channels}Avx2(ref {Names.Unsafe}.Add(ref weights, {b * inChannels * Lanes}), ref v, ref m);");
                }
                w.Line($"{transforms}.Output(products, destination, buffers.B2, {b * block}, {channels}, _outHeight, _outWidth, tileRow, columnGroup);");
            }
            w.Close();
            w.Line();
            if (algorithm.WeightPoints is not null) EmitWeightPointTable(w, algorithm.WeightPoints);
            if (algorithm.ChannelVectors) WinogradChannelGemmEmitter.Emit(w, inChannels, points);
            else
            {
                EmitMultiply(w, inChannels, Lanes, points);
                if (rem != 0) EmitMultiply(w, inChannels, rem, points);
                EmitMultiplyAvx2(w, inChannels, Lanes, points);
                if (rem != 0) EmitMultiplyAvx2(w, inChannels, rem, points);
            }
            w.Close();
            w.Line();
        }

        /// <summary>Output channels per pass of the AVX2 GEMM: 6 x 2 halves = 12 accumulators of the 16 registers.</summary>
        private const int Avx2Channels = 6;

        /// <summary>
        /// The same GEMMs on Vector256 (AVX2, 16 registers): the 16 lanes as two halves, output channels in even passes of up
        /// to 6 (EvenParts), so each multiply-add of a pass shares its broadcast weight between the two halves (12 accumulators, 2 + 6 loads
        /// per 12 multiply-adds).
        /// </summary>
        private static void EmitMultiplyAvx2(SourceWriter w, int inChannels, int channels, int points)
        {
            w.Line($"/// <summary>Multiply{channels} on Vector256: the 16 lanes as two halves, output channels in passes of up to {Avx2Channels}.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Multiply{channels}Avx2(ref float weights, ref float transformed, ref float products)");
            w.Open($"for (int point = 0; point < {points}; point++)");
            w.Line($"ref float u = ref {Names.Unsafe}.Add(ref weights, point * WeightStride);");
            w.Line($"ref float v = ref {Names.Unsafe}.Add(ref transformed, point * InputStride);");
            w.Line($"ref float p = ref {Names.Unsafe}.Add(ref products, point * {Lanes * Lanes});");
            foreach (var (first, count) in EvenParts.Split(channels, Avx2Channels))
            {
                w.Open($"// output channels {first} to {first + count - 1}");
                for (int k = first; k < first + count; k++) w.Line($"CGFloat256 a{k}l = CGFloat256.Zero, a{k}h = CGFloat256.Zero;");
                w.Open($"for (int c = 0; c < {inChannels}; c++)");
                w.Line($"CGFloat256 xl = CGVector256.LoadUnsafe(ref v, (nuint)(c * {Lanes})), xh = CGVector256.LoadUnsafe(ref v, (nuint)(c * {Lanes} + 8));");
                w.Line($"ref float uc = ref {Names.Unsafe}.Add(ref u, c * {Lanes});");
                for (int k = first; k < first + count; k++)
                    w.Line($"{{ CGFloat256 b = CGVector256.Create({(k == 0 ? "uc" : $"{Names.Unsafe}.Add(ref uc, {k})")}); a{k}l = CGVector256.FusedMultiplyAdd(b, xl, a{k}l); a{k}h = CGVector256.FusedMultiplyAdd(b, xh, a{k}h); }}");
                w.Close();
                for (int k = first; k < first + count; k++)
                    w.Line($"CGVector256.StoreUnsafe(a{k}l, ref p, {k * Lanes}); CGVector256.StoreUnsafe(a{k}h, ref p, {k * Lanes + 8});");
                w.Close();
            }
            w.Close();
            w.Close();
            w.Line();
        }

        /// <summary>The GEMMs (one per point) for one block of <paramref name="channels"/> output channels: channels accumulators over all input channels.</summary>
        private static void EmitMultiply(SourceWriter w, int inChannels, int channels, int points)
        {
            w.Line($"/// <summary>products[point][k][lane] = sum over the {inChannels} input channels c of U[point][c][k] x V[point][c][lane], k &lt; {channels}: {channels} accumulators,");
            w.Line("/// each multiply-add broadcasting its weight straight from memory.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void Multiply{channels}(ref float weights, ref float transformed, ref float products)");
            w.Open($"for (int point = 0; point < {points}; point++)");
            w.Line($"ref float u = ref {Names.Unsafe}.Add(ref weights, point * WeightStride);");
            w.Line($"ref float v = ref {Names.Unsafe}.Add(ref transformed, point * InputStride);");
            for (int k = 0; k < channels; k++) w.Line($"CGFloat512 a{k} = CGFloat512.Zero;");
            w.Open($"for (int c = 0; c < {inChannels}; c++)");
            w.Line($"CGFloat512 x = CGVector512.LoadUnsafe(ref v, (nuint)(c * {Lanes}));");
            w.Line($"ref float uc = ref {Names.Unsafe}.Add(ref u, c * {Lanes});");
            for (int k = 0; k < channels; k++)
                w.Line($"a{k} = CGVector512.FusedMultiplyAdd(CGVector512.Create({(k == 0 ? "uc" : $"{Names.Unsafe}.Add(ref uc, {k})")}), x, a{k});");
            w.Close();
            w.Line($"ref float p = ref {Names.Unsafe}.Add(ref products, point * {Lanes * Lanes});");
            for (int k = 0; k < channels; k++) w.Line($"CGVector512.StoreUnsafe(a{k}, ref p, {k * Lanes});");
            w.Close();
            w.Close();
            w.Line();
        }
    }
}
