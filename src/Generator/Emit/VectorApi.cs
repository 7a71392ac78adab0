namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// How emitted code spells the vector operations for one width. Hot tiles are emitted once per x64 width against the
    /// System.Runtime.Intrinsics types directly: those calls are JIT intrinsics, so a tile with hundreds of multiply-adds
    /// never exhausts the JIT's inlining budget (which the generic <c>IFloatVector</c> wrappers, each an inlinee, can).
    /// The generic spelling remains for Vector128 and the scalar path, where it is correct and speed matters less.
    /// </summary>
    internal sealed record VectorApi(string Suffix, string TypeParameters, string Constraint, string Type, string Count,
        string CreateFormat, string LoadFormat, string StoreFormat, string MultiplyAddFormat, string SumFormat, string ZeroExpression)
    {
        public static readonly VectorApi Generic = new("Any", "<TVec>", $" where TVec : struct, {Names.FloatVector}<TVec>", "TVec", "TVec.Count",
            "TVec.Create({0})", "TVec.Load(ref {0}, {1})", "TVec.Store({0}, ref {1}, {2})", "TVec.MultiplyAdd({0}, {1}, {2})", "TVec.Sum({0})", "TVec.Zero");

        // CGVector512/CGFloat512 etc. are file-level aliases (see LayerEmitter) for System.Runtime.Intrinsics.Vector512[<float>].
        public static VectorApi Intrinsic(int bits) => new($"V{bits}", "", "", $"CGFloat{bits}", $"CGFloat{bits}.Count",
            $"CGVector{bits}.Create({{0}})", $"CGVector{bits}.LoadUnsafe(ref {{0}}, {{1}})", $"CGVector{bits}.StoreUnsafe({{0}}, ref {{1}}, {{2}})",
            $"CGVector{bits}.FusedMultiplyAdd({{0}}, {{1}}, {{2}})", $"CGVector{bits}.Sum({{0}})", $"CGFloat{bits}.Zero");

        /// <summary>The widths emitted: AVX-512, AVX2, then the generic body for everything else.</summary>
        public static readonly VectorApi[] All = { Intrinsic(512), Intrinsic(256), Generic };

        public string Create(string value) => string.Format(CreateFormat, value);
        public string Load(string reference, string offset) => string.Format(LoadFormat, reference, offset);
        public string Store(string value, string reference, string offset) => string.Format(StoreFormat, value, reference, offset);
        public string MultiplyAdd(string a, string b, string c) => string.Format(MultiplyAddFormat, a, b, c);
        public string Sum(string value) => string.Format(SumFormat, value);

        /// <summary>
        /// A generic entry that routes to the width-specific body; typeof comparisons on a struct type argument are JIT-time
        /// constants, so after inlining only one call remains.
        /// </summary>
        public static void EmitDispatcher(Helpers.SourceWriter w, string name, string parameters, string arguments)
        {
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            w.Open($"private static void {name}<TVec>({parameters}) where TVec : struct, {Names.FloatVector}<TVec>");
            w.Line($"if (typeof(TVec) == typeof(global::ConvGen.Simd.V512)) {name}_V512({arguments});");
            w.Line($"else if (typeof(TVec) == typeof(global::ConvGen.Simd.V256)) {name}_V256({arguments});");
            w.Line($"else {name}_Any<TVec>({arguments});");
            w.Close();
            w.Line();
        }
    }
}
