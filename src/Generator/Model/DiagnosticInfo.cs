using ConvGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.Generator.Model
{
    /// <summary>
    /// A diagnostic to report, held as plain values: the descriptor's ID (not the <see cref="DiagnosticDescriptor"/>), and a
    /// <see cref="LocationInfo"/> of file path and spans (not a <see cref="Location"/>, which would pin a syntax tree in the
    /// incremental cache). Must stay value-equatable: it flows through the pipeline.
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        /// <summary>The descriptor with this ID, looked up when needed (not stored, so the record holds only values).</summary>
        public DiagnosticDescriptor Descriptor => DiagnosticDescriptors.ById[Id];

        public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

        public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.ToArrayOfObjects());
    }

    /// <summary>A source location as values (file path, character span, line/column span). Value-equatable.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location)
            => location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());
    }

    internal static class DiagnosticInfoExtensions
    {
        public static object[] ToArrayOfObjects(this EquatableArray<string> items)
        {
            var result = new object[items.Count];
            for (int i = 0; i < result.Length; i++) result[i] = items[i];
            return result;
        }
    }
}
