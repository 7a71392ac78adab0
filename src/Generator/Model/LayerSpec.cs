namespace ConvGen.Generator.Model
{
    /// <summary>
    /// Everything the attribute fixes about one layer, resolved (Stride/StrideH, Pad/PadH/'same' folded into per-side values).
    /// Flows through the incremental pipeline: it must stay value-equatable and hold no Roslyn symbols, syntax or locations.
    /// </summary>
    internal sealed record LayerSpec(
        TypeDeclarationInfo Type,
        int InChannels, int OutChannels, int K1, int K2,
        int StrideH, int StrideW,
        int PadTop, int PadBottom, int PadLeft, int PadRight,
        int DilationH, int DilationW, int Groups,
        bool HasBias, int PaddingMode, bool FlipKernel,
        int Height, int Width)
    {
        public int InChannelsPerGroup => InChannels / Groups;
        public int OutChannelsPerGroup => OutChannels / Groups;
        public int Taps => K1 * K2;
    }

    /// <summary>
    /// Where the annotated class lives: namespace, enclosing types (outermost first) and its own name, each spelled as C# source
    /// needs it (a keyword used as a name keeps its '@'). Value-equatable.
    /// </summary>
    internal sealed record TypeDeclarationInfo(string Namespace, EquatableArray<ContainingTypeInfo> ContainingTypes, string Name)
    {
        /// <summary>Unique, file-name-safe hint name built from the fully qualified name ('@' of escaped keywords dropped).</summary>
        public string HintName
        {
            get
            {
                var parts = new System.Collections.Generic.List<string>();
                if (Namespace.Length > 0) parts.Add(Namespace);
                foreach (ContainingTypeInfo t in ContainingTypes) parts.Add(t.Name);
                parts.Add(Name);
                return string.Join(".", parts).Replace("@", "") + ".Conv2d.g.cs";
            }
        }
    }

    /// <summary>One enclosing type: its declaration keyword ("class", "struct", "record", ...) and name.</summary>
    internal sealed record ContainingTypeInfo(string Keyword, string Name);
}
