namespace ConvGen.Generator.Model
{
    /// <summary>What the parse stage produces for one annotated type: a spec when it is valid, and the diagnostics found.</summary>
    internal sealed record ParseResult(LayerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
