namespace ConvGen.Generator.Model
{
    /// <summary>
    /// What the parse stage produces for one annotated type: a spec when it is valid, the diagnostics found, and where the
    /// attribute is (for notes the later stages raise, such as CG0011). The location is kept here and not in
    /// <see cref="LayerSpec"/>, so an edit that only moves the attribute (a line added above it) never re-emits source.
    /// Must stay value-equatable: it is the first cached step of the pipeline.
    /// </summary>
    internal sealed record ParseResult(LayerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? AttributeLocation)
    {
        /// <summary>Nothing to generate and nothing to report: the other declaration of a partial class reports for both.</summary>
        public static ParseResult Empty { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty, null);
    }
}
