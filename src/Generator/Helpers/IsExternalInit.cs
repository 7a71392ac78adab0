// netstandard2.0 lacks this marker type; records and init accessors need it. Internal, so it never clashes with the BCL's.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
