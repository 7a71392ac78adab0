using ConvGen.Generator.Helpers;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// The scaffolding the flat-plane jobs share (forward and stride-1 input gradient): the job struct up to the decoding of
    /// its work item, the tile range of a chunk, and the run of tiles of one channel block. They differ only in which plane
    /// they walk and which tiles they call.
    /// </summary>
    internal static class FlatJobEmitter
    {
        /// <summary>Tiles per run: enough for a block's weights to be reused from L1, few enough for the run's input to stay in L2.</summary>
        public const int RunTiles = 4;

        /// <summary>
        /// Opens struct <paramref name="name"/> (one work item = image, group, run of whole tiles) through the start of Execute,
        /// which has decoded chunk, group and n; the caller emits the rest of Execute and closes both.
        /// </summary>
        public static void EmitJobHead(SourceWriter w, string name, string[] summary, string constants, string positionsSummary,
            string positions, string runsSummary, string runsParameter, string runs)
        {
            w.Line("/// <summary>");
            foreach (string line in summary) w.Line($"/// {line}");
            w.Line("/// </summary>");
            w.Open($"internal readonly struct {name} : {Names.Job}");
            w.Line($"private const int {constants};");
            w.Line($"private readonly {Names.Layout} _layout;");
            w.Line("private readonly int _chunks;");
            w.Line($"public {name}({Names.Layout} layout, int chunks) {{ _layout = layout; _chunks = chunks; }}");
            w.Line();
            w.Line($"/// <summary>{positionsSummary}</summary>");
            w.Line($"public static int Positions(in {Names.Layout} l) => {positions};");
            w.Line();
            w.Line($"/// <summary>{runsSummary}</summary>");
            w.Line($"public static bool Runs(in {Names.Layout} {runsParameter}) => {runs};");
            w.Line();
            EmitChunks(w, $"in {Names.Layout} l", "Positions(l)");
            w.Line(Names.Hot);
            w.Open($"public void Execute(int index, in {Names.Buffers} buffers)");
            w.Line("int chunk = index % _chunks, rest = index / _chunks;");
            w.Line("int group = rest % Groups, n = rest / Groups;");
        }

        /// <summary>
        /// A flat job's Chunks(batch, <paramref name="parameters"/>): tile runs per image and group, from the plane's
        /// <paramref name="positions"/> (an expression over those parameters) and the job's Span.
        /// </summary>
        public static void EmitChunks(SourceWriter w, string parameters, string positions)
        {
            w.Line("/// <summary>Tile runs per image and group: enough items for every core to get two, at most one per tile.</summary>");
            w.Line($"public static int Chunks(int batch, {parameters}) => {ForwardEmitter.ChunksExpression($"({positions} + Span - 1) / Span")};");
            w.Line();
        }

        /// <summary>The plane's <paramref name="positions"/> and the tile range [t0, t1) of chunk of chunks, for tiles <paramref name="span"/> lanes wide.</summary>
        public static void EmitTileRange(SourceWriter w, string positions, int span)
        {
            w.Line($"int positions = {positions}, tiles = (positions + {span} - 1) / {span};");
            w.Line("int t0 = chunk * tiles / chunks, t1 = (chunk + 1) * tiles / chunks;");
        }

        /// <summary>
        /// A run of flat tiles [t0, t1) of one channel block, calling <paramref name="tile"/>'s flat-store body; the input
        /// gradient passes its weights as the unused bias.
        /// </summary>
        public static void EmitRun(SourceWriter w, int nv, string name, string tile)
        {
            int span = nv * 16;
            w.Line($"/// <summary>Flat tiles [t0, t1) of one channel block; the last tile of the plane is shifted back to end at its last output.</summary>");
            w.Line(Names.Hot);
            w.Open($"private static void {name}(ref float src, ref float weights, ref float bias, ref float dst, nuint planeStride, nuint rowStride, nuint phaseStride, nuint dstStride, ref nint rowOffsets, int t0, int t1, int positions, int width)");
            w.Open("for (int t = t0; t < t1; t++)");
            w.Line($"int at = global::System.Math.Min(t * {span}, positions - {span});");
            w.Line($"{tile}_V512Flat(ref {Names.Unsafe}.Add(ref src, at), ref weights, ref bias, ref dst, planeStride, rowStride, phaseStride, dstStride, 16, 16, ref rowOffsets, at, width);");
            w.Close();
            w.Close();
            w.Line();
        }
    }
}
