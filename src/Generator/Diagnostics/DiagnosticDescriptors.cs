using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports, in one place. IDs are stable: never renumber, only add.
    /// docs/diagnostics.md explains each with an example and the fix.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "ConvGen";
        private const string HelpBase = "https://github.com/convgen/convgen/blob/main/docs/diagnostics.md#";

        private static DiagnosticDescriptor Error(string id, string title, string message)
            => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

        private static DiagnosticDescriptor Warning(string id, string title, string message)
            => new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

        private static DiagnosticDescriptor Info(string id, string title, string message)
            => new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

        public static readonly DiagnosticDescriptor NotPartial = Error("CG0001",
            "Conv2d class must be partial",
            "Class '{0}' has [Conv2d] but is not declared partial; add the 'partial' modifier so the generator can add the kernels");

        public static readonly DiagnosticDescriptor InvalidTarget = Error("CG0002",
            "Conv2d target must be a plain, non-generic class",
            "[Conv2d] cannot be applied to '{0}': {1}");

        public static readonly DiagnosticDescriptor ChannelsNotPositive = Error("CG0003",
            "Channel count must be positive",
            "{0} must be at least 1 (a layer needs channels), but is {1}");

        public static readonly DiagnosticDescriptor KernelNotPositive = Error("CG0004",
            "Kernel size must be positive",
            "{0} (kernel size) must be at least 1, but is {1}");

        public static readonly DiagnosticDescriptor StrideNotPositive = Error("CG0005",
            "Stride must be positive",
            "{0} must be at least 1, but is {1}");

        public static readonly DiagnosticDescriptor PadNegative = Error("CG0006",
            "Padding must not be negative",
            "{0} must be 0 or more, but is {1}");

        public static readonly DiagnosticDescriptor DilationNotPositive = Error("CG0007",
            "Dilation must be positive",
            "{0} must be at least 1, but is {1}");

        public static readonly DiagnosticDescriptor GroupsInvalid = Error("CG0008",
            "Groups must be positive and divide both channel counts",
            "Groups = {0} must be at least 1 and divide InChannels = {1} and OutChannels = {2}");

        public static readonly DiagnosticDescriptor OutputNotPositive = Error("CG0009",
            "Output size is not positive",
            "With {0} = {1}, kernel {2}, padding {3}, stride {4} and dilation {5}, the output {0} would be {6}; the kernel does not fit");

        public static readonly DiagnosticDescriptor PadTooLarge = Warning("CG0010",
            "Padding is at least as large as the kernel",
            "{0} = {1} is at least the effective kernel extent {2}: whole output rows or columns see only padding");

        public static readonly DiagnosticDescriptor UnrollTooLarge = Info("CG0011",
            "Kernel row too wide to unroll",
            "The {0} tile would unroll {1} taps of a kernel row x {2} channels x {3} vectors = {4} multiply-adds, more than the unroll bound {5} (beyond it JIT time and code size grow faster than speed); it loops over the taps of each row instead");

        public static readonly DiagnosticDescriptor DuplicateAttribute = Error("CG0012",
            "Conv2d applied more than once",
            "'{0}' carries [Conv2d] more than once; a class is one layer");

        public static readonly DiagnosticDescriptor MemberCollision = Error("CG0013",
            "Member collides with a generated member",
            "'{0}' declares {1}; rename or remove it");

        public static readonly DiagnosticDescriptor SameNeedsStrideOne = Error("CG0014",
            "'same' padding requires stride 1",
            "Padding = PaddingPreset.Same requires stride 1 (as in PyTorch), but the stride is {0}");

        public static readonly DiagnosticDescriptor PaddingModeTooLarge = Error("CG0015",
            "Padding too large for the padding mode",
            "{0} padding {1} must be {2} the fixed input {3} {4}");

        public static readonly DiagnosticDescriptor InvalidEnum = Error("CG0016",
            "Unknown enum value",
            "{0} = {1} is not a defined value");

        public static readonly DiagnosticDescriptor InputSizeNegative = Error("CG0017",
            "Fixed input size must not be negative",
            "{0} must be 0 (any size) or a positive fixed input size, but is {1}");

        public static readonly DiagnosticDescriptor ValueTooLarge = Error("CG0018",
            "Value exceeds what the generator supports",
            "{0} = {1} exceeds the largest value ConvGen generates kernels for, {2}: {3}");

        public static readonly DiagnosticDescriptor PaddingConflict = Error("CG0019",
            "Padding preset conflicts with explicit padding",
            "Padding = PaddingPreset.{0} fixes the padding, so {1} = {2} would be ignored; remove one of them");

        /// <summary>Every descriptor, by ID; <see cref="Model.DiagnosticInfo"/> stores only the ID so cached values hold no Roslyn objects.</summary>
        public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = typeof(DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null))
            .ToDictionary(d => d.Id);
    }
}
