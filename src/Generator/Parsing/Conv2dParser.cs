using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Diagnostics;
using ConvGen.Generator.Model;
using ConvGen.Shapes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parsing
{
    /// <summary>
    /// Parse stage: one [Conv2d] application -> a <see cref="LayerSpec"/> of plain values, or diagnostics naming each bad value.
    /// All semantic work happens here; nothing Roslyn-typed leaves this class. It never throws on any attribute value: every
    /// value outside what the later stages handle is stopped here with a diagnostic (see <see cref="Limits"/>).
    /// </summary>
    internal static class Conv2dParser
    {
        public const string AttributeName = "ConvGen.Conv2dAttribute";

        /// <summary>
        /// Members the generator emits; a user member with one of these names would collide. Kept in step with the emitter by
        /// a test that compiles generated layers and compares their declared members with this set.
        /// </summary>
        internal static readonly ImmutableHashSet<string> GeneratedMemberNames = ImmutableHashSet.Create(
            "Weight", "Bias", "WeightGrad", "BiasGrad", "Parameters", "Forward", "Backward", "Geometry",
            "InChannels", "OutChannels", "KernelHeight", "KernelWidth", "StrideH", "StrideW", "PadTop", "PadBottom",
            "PadLeft", "PadRight", "DilationH", "DilationW", "Groups", "HasBias", "ParameterCount", "FixedHeight", "FixedWidth",
            "OutputHeight", "OutputWidth", "FlopsPerImage", "PrepareScratch", "RequireForward", "GeneratedKernels",
            "_forwardWeights", "_backwardWeights", "_packedInput", "_packedGrad", "_packedGradInput", "_planeMask", "_channelVectorWeights", "_gemmWeights256", "_layout", "_inputLayout", "_batch", "_weightSnapshot", "_packed", "PackWeights",
            "_packFlags", "_inputFinite", "_plainCopyLeft", "PackInput",
            "_training", "_inputKept", "SetTraining",
            "_returnedOutput", "_returnedGradInput", "_reuseOutput", "_reuseGradInput",
            "_weightGradParts", "_planeSums", "_inputGradientRequired",
            "global::ConvGen.ILayer.EnableBufferReuse", "global::ConvGen.ILayer.SetInputGradientRequired"); // explicit implementations' names as Roslyn reports them

        /// <summary>
        /// The largest values the generator makes kernels for. Kernel columns and stride phases become code, so they bound the
        /// size of the emitted file; the others keep every size the kernels compute well inside <see cref="int"/>.
        /// </summary>
        internal static class Limits
        {
            public const int Channels = 65536;
            public const int Kernel = 64;
            public const int Stride = 16;
            public const int Pad = 4096;
            public const int Dilation = 1024;
            public const int InputSize = 65536;
            public const long Weights = 1L << 28;
        }

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;

            // [Conv2d] may sit on any part of a partial class, and the pipeline sees each part that carries one. The part with
            // the first application speaks for the class; the others stay silent, so nothing is reported or emitted twice.
            ImmutableArray<AttributeData> all = type.GetAttributes()
                .Where(x => x.AttributeClass?.ToDisplayString() == AttributeName && x.ApplicationSyntaxReference is not null)
                .ToImmutableArray();
            if (all.Length == 0 || !IsOn(all[0], declaration)) return ParseResult.Empty;

            var diagnostics = new List<DiagnosticInfo>();
            CheckTarget(type, declaration, diagnostics, cancellationToken);
            for (int i = 1; i < all.Length; i++)
                diagnostics.Add(Make(DiagnosticDescriptors.DuplicateAttribute, LocationInfo.From(all[i].ApplicationSyntaxReference!.GetSyntax(cancellationToken)), type.Name));

            var args = new AttributeArguments(all[0], cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec? spec = args.HasErrors ? null : ReadSpec(args, BuildTypeInfo(type), diagnostics);
            List<DiagnosticInfo> distinct = diagnostics.Distinct().ToList();
            return new ParseResult(distinct.Any(d => d.IsError) ? null : spec, distinct.ToEquatableArray(), args.AttributeLocation);
        }

        /// <summary>Whether <paramref name="attribute"/> is written on this declaration (a type's attributes sit only on its own parts).</summary>
        private static bool IsOn(AttributeData attribute, TypeDeclarationSyntax declaration)
            => attribute.ApplicationSyntaxReference!.SyntaxTree == declaration.SyntaxTree
               && declaration.Span.Contains(attribute.ApplicationSyntaxReference.Span);

        private static void CheckTarget(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            LocationInfo? nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());
            string? problem =
                type.TypeKind != TypeKind.Class ? $"it is a {Keyword(type)}, and a layer must be a class" :
                type.IsRecord ? "it is a record; a layer has mutable weights and must be a plain class" :
                type.TypeParameters.Length > 0 ? "it is generic; the kernel shape must be fixed, so the class must not have type parameters" :
                type.IsStatic ? "it is static; a layer holds weights and needs instances" :
                type.IsFileLocal ? "it is file-local, and the generated part lives in another file" :
                null;
            for (INamedTypeSymbol? outer = type.ContainingType; problem is null && outer is not null; outer = outer.ContainingType)
            {
                bool outerPartial = outer.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
                if (!outerPartial) problem = $"it is nested in '{outer.Name}', which is not partial";
                else if (outer.TypeParameters.Length > 0) problem = $"it is nested in generic type '{outer.Name}'";
                else if (outer.IsFileLocal) problem = $"it is nested in file-local type '{outer.Name}'";
            }
            if (problem is null && type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
                && !baseType.InstanceConstructors.Any(c => c.DeclaredAccessibility != Accessibility.Private && c.Parameters.All(p => p.IsOptional || p.IsParams)))
                problem = $"its base class '{baseType.Name}' has no accessible parameterless constructor, which the generated constructors call";
            if (problem is not null)
            {
                diagnostics.Add(Make(DiagnosticDescriptors.InvalidTarget, nameLocation, type.Name, problem));
                return;
            }
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(Make(DiagnosticDescriptors.NotPartial, nameLocation, type.Name));

            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: { } parameters })
                    diagnostics.Add(Make(DiagnosticDescriptors.MemberCollision, LocationInfo.From(parameters), type.Name,
                        "a primary constructor, which the generated constructors cannot chain to"));
            foreach (ISymbol member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared) continue;
                string? what = member switch
                {
                    IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 0 } => "a parameterless constructor, which the generator emits for a Conv2d layer",
                    IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 1 } ctor when ctor.Parameters[0].Type.ToDisplayString() == "System.Random"
                        => "a constructor taking System.Random, which the generator emits for a Conv2d layer",
                    _ when GeneratedMemberNames.Contains(member.Name) => $"a member named '{member.Name}', which the generator emits for a Conv2d layer",
                    _ => null,
                };
                if (what is not null)
                    diagnostics.Add(Make(DiagnosticDescriptors.MemberCollision, LocationInfo.From(member.Locations.FirstOrDefault()), type.Name, what));
            }
        }

        private static LayerSpec? ReadSpec(AttributeArguments a, TypeDeclarationInfo type, List<DiagnosticInfo> diagnostics)
        {
            int inChannels = a.Int("InChannels", 0), outChannels = a.Int("OutChannels", 0);
            int k1 = a.Int("K1", 0), k2 = a.Int("K2", 0);
            int stride = a.Int("Stride", 1);
            string strideHName = a.IsSet("StrideH") ? "StrideH" : "Stride", strideWName = a.IsSet("StrideW") ? "StrideW" : "Stride";
            int strideH = a.Int(strideHName, 1), strideW = a.Int(strideWName, 1);
            // PadH/PadW default to -1, "unset": then Pad applies. An explicit -1 means the same.
                        string padHName = a.Int("PadH", -1) != -1 ? "PadH" : "Pad", padWName = a.Int("PadW", -1) != -1 ? "PadW" : "Pad";
            int padH = a.Int(padHName, 0), padW = a.Int(padWName, 0);
            int dilation = a.Int("Dilation", 1), groups = a.Int("Groups", 1);
            int preset = a.Int("Padding", 0), mode = a.Int("PaddingMode", 0);
            int height = a.Int("Height", 0), width = a.Int("Width", 0);

            Positive(a, "InChannels", inChannels, Limits.Channels, DiagnosticDescriptors.ChannelsNotPositive, "channel counts are compiled into the kernels and their weight buffers", diagnostics);
            Positive(a, "OutChannels", outChannels, Limits.Channels, DiagnosticDescriptors.ChannelsNotPositive, "channel counts are compiled into the kernels and their weight buffers", diagnostics);
            Positive(a, "K1", k1, Limits.Kernel, DiagnosticDescriptors.KernelNotPositive, "kernel taps are unrolled into code, so a larger window bloats the emitted source and its JIT time", diagnostics);
            Positive(a, "K2", k2, Limits.Kernel, DiagnosticDescriptors.KernelNotPositive, "kernel taps are unrolled into code, so a larger window bloats the emitted source and its JIT time", diagnostics);
            const string strideWhy = "the input-gradient kernel has one code variant per stride phase, StrideH x StrideW of them";
            Positive(a, strideHName, strideH, Limits.Stride, DiagnosticDescriptors.StrideNotPositive, strideWhy, diagnostics);
            if (strideWName != strideHName) Positive(a, strideWName, strideW, Limits.Stride, DiagnosticDescriptors.StrideNotPositive, strideWhy, diagnostics);
            const string padWhy = "the padded border is materialised in the packed input";
            NotNegative(a, padHName, padH, Limits.Pad, DiagnosticDescriptors.PadNegative, padWhy, diagnostics);
            if (padWName != padHName) NotNegative(a, padWName, padW, Limits.Pad, DiagnosticDescriptors.PadNegative, padWhy, diagnostics);
            Positive(a, "Dilation", dilation, Limits.Dilation, DiagnosticDescriptors.DilationNotPositive, "dilated offsets are compiled into every tap", diagnostics);
            if (groups < 1 || (inChannels > 0 && inChannels % groups != 0) || (outChannels > 0 && outChannels % groups != 0))
                diagnostics.Add(Make(DiagnosticDescriptors.GroupsInvalid, a.LocationOf("Groups"), groups, inChannels, outChannels));
            if (mode < 0 || mode > 3) diagnostics.Add(Make(DiagnosticDescriptors.InvalidEnum, a.LocationOf("PaddingMode"), "PaddingMode", mode));
            if (preset < 0 || preset > 2) diagnostics.Add(Make(DiagnosticDescriptors.InvalidEnum, a.LocationOf("Padding"), "Padding", preset));
            if (preset is 1 or 2)
                foreach (string name in new[] { "Pad", "PadH", "PadW" })
                    if (a.IsSet(name) && a.Int(name, 0) is var value && value != 0 && (name == "Pad" || value != -1))
                        diagnostics.Add(Make(DiagnosticDescriptors.PaddingConflict, a.LocationOf(name), preset == 1 ? "Valid" : "Same", name, value));
            InputSize(a, "Height", height, diagnostics);
            InputSize(a, "Width", width, diagnostics);
            if (diagnostics.Any(d => d.IsError)) return null;

            // Every weight buffer (padded to whole register blocks of at most 6 channels) must stay far from int.MaxValue.
            long taps = (long)k1 * k2;
            long weights = System.Math.Max((outChannels + 5L * groups) * (inChannels / groups), (inChannels + 5L * groups) * (outChannels / groups)) * taps;
            if (weights > Limits.Weights)
            {
                diagnostics.Add(Make(DiagnosticDescriptors.ValueTooLarge, a.AttributeLocation, "the packed weight count (channels x channels/Groups x K1 x K2)",
                    weights, Limits.Weights, "each kernel keeps its weights in one array indexed with int offsets"));
                return null;
            }

            int top = padH, bottom = padH, left = padW, right = padW;
            if (preset == 1) top = bottom = left = right = 0;
            if (preset == 2)
            {
                if (strideH != 1 || strideW != 1)
                {
                    diagnostics.Add(Make(DiagnosticDescriptors.SameNeedsStrideOne, a.LocationOf("Padding"), strideH != 1 ? strideH : strideW));
                    return null;
                }
                ConvShapeMath.SamePadding(k1, dilation, out top, out bottom);
                ConvShapeMath.SamePadding(k2, dilation, out left, out right);
                padHName = padWName = "Padding";
            }

            CheckAxis(a, "Height", height, k1, strideH, top, bottom, dilation, mode, padHName, diagnostics);
            CheckAxis(a, "Width", width, k2, strideW, left, right, dilation, mode, padWName, diagnostics);
            if (diagnostics.Any(d => d.IsError)) return null;

            return new LayerSpec(type, inChannels, outChannels, k1, k2, strideH, strideW, top, bottom, left, right,
                dilation, dilation, groups, a.Bool("Bias", true), mode, a.Bool("FlipKernel", false), height, width);
        }

        private static void CheckAxis(AttributeArguments a, string axis, int size, int kernel, int stride, int before, int after,
            int dilation, int mode, string padName, List<DiagnosticInfo> diagnostics)
        {
            int extent = dilation * (kernel - 1) + 1;
            int pad = before > after ? before : after;
            if (pad >= extent && pad > 0)
                diagnostics.Add(Make(DiagnosticDescriptors.PadTooLarge, a.LocationOf(padName), padName, pad, extent));
            if (size <= 0) return;
            int output = ConvShapeMath.OutputSize(size, kernel, stride, before, after, dilation);
            if (output <= 0)
                diagnostics.Add(Make(DiagnosticDescriptors.OutputNotPositive, a.LocationOf(axis), axis, size, kernel, $"{before}+{after}", stride, dilation, output));
            if (mode == 1 && pad >= size)
                diagnostics.Add(Make(DiagnosticDescriptors.PaddingModeTooLarge, a.LocationOf(padName), "Reflect", pad, "smaller than", axis.ToLowerInvariant(), size));
            if (mode == 3 && pad > size)
                diagnostics.Add(Make(DiagnosticDescriptors.PaddingModeTooLarge, a.LocationOf(padName), "Circular", pad, "at most", axis.ToLowerInvariant(), size));
        }

        private static void Positive(AttributeArguments a, string name, int value, int max, DiagnosticDescriptor descriptor, string why, List<DiagnosticInfo> diagnostics)
        {
            if (value < 1) diagnostics.Add(Make(descriptor, a.LocationOf(name), name, a.IsSet(name) ? Text(value) : Text(value) + " (not set)"));
            else TooLarge(a, name, value, max, why, diagnostics);
        }

        private static void NotNegative(AttributeArguments a, string name, int value, int max, DiagnosticDescriptor descriptor, string why, List<DiagnosticInfo> diagnostics)
        {
            if (value < 0) diagnostics.Add(Make(descriptor, a.LocationOf(name), name, value));
            else TooLarge(a, name, value, max, why, diagnostics);
        }

        private static void InputSize(AttributeArguments a, string name, int value, List<DiagnosticInfo> diagnostics)
        {
            if (value < 0) diagnostics.Add(Make(DiagnosticDescriptors.InputSizeNegative, a.LocationOf(name), name, value));
            else TooLarge(a, name, value, Limits.InputSize, "plane sizes must stay well inside int", diagnostics);
        }

        private static void TooLarge(AttributeArguments a, string name, int value, long max, string why, List<DiagnosticInfo> diagnostics)
        {
            if (value > max) diagnostics.Add(Make(DiagnosticDescriptors.ValueTooLarge, a.LocationOf(name), name, value, max, why));
        }

        private static TypeDeclarationInfo BuildTypeInfo(INamedTypeSymbol type)
        {
            var containers = new List<ContainingTypeInfo>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                containers.Insert(0, new ContainingTypeInfo(Keyword(outer), Escape(outer.Name)));
            string ns = type.ContainingNamespace.IsGlobalNamespace ? ""
                : string.Join(".", type.ContainingNamespace.ToDisplayString().Split('.').Select(p => Escape(p.TrimStart('@'))));
            return new TypeDeclarationInfo(ns, containers.ToEquatableArray(), Escape(type.Name));
        }

        /// <summary>A name as C# source must spell it: a keyword used as an identifier (<c>@event</c>) keeps its '@'.</summary>
        private static string Escape(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            { TypeKind: TypeKind.Enum } => "enum",
            { TypeKind: TypeKind.Delegate } => "delegate",
            _ => "class",
        };

        private static DiagnosticInfo Make(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] args)
            => new(descriptor.Id, location, args.Select(Text).ToEquatableArray());

        /// <summary>Culture-independent text for a message argument, so a build in any locale reports the same digits and signs.</summary>
        private static string Text(object? value) => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
