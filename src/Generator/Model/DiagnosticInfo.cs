using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.Generator.Model
{
    /// <summary>
    /// A diagnostic to report, held as plain values (file path and spans instead of a <see cref="Location"/>, which would
    /// pin a syntax tree in the incremental cache).
    /// </summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.ToArrayOfObjects());
    }

    /// <summary>A source location as values.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location)
            => location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
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
