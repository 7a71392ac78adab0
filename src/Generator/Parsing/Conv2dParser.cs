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
    /// All semantic work happens here; nothing Roslyn-typed leaves this class.
    /// </summary>
    internal static class Conv2dParser
    {
        public const string AttributeName = "ConvGen.Conv2dAttribute";

        /// <summary>Members the generator emits; a user member with one of these names would collide.</summary>
        internal static readonly ImmutableHashSet<string> GeneratedMemberNames = ImmutableHashSet.Create(
            "Weight", "Bias", "WeightGrad", "BiasGrad", "Parameters", "Forward", "Backward", "Geometry",
            "InChannels", "OutChannels", "KernelHeight", "KernelWidth", "StrideH", "StrideW", "PadTop", "PadBottom",
            "PadLeft", "PadRight", "DilationH", "DilationW", "Groups", "HasBias", "ParameterCount",
            "OutputHeight", "OutputWidth", "FlopsPerImage");

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            LocationInfo? nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());

            CheckTarget(type, declaration, nameLocation, diagnostics);
            if (context.Attributes.Length > 1)
                diagnostics.Add(Make(DiagnosticDescriptors.DuplicateAttribute, LocationInfo.From(context.Attributes[1].ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()), type.Name));

            var args = new AttributeArguments(context.Attributes[0]);
            LayerSpec? spec = ReadSpec(args, BuildTypeInfo(type), diagnostics);
            cancellationToken.ThrowIfCancellationRequested();
            return new ParseResult(diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error) ? null : spec,
                diagnostics.ToEquatableArray());
        }

        private static void CheckTarget(INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            string? problem =
                type.TypeKind != TypeKind.Class ? $"it is a {declaration.Keyword.ValueText}, and a layer must be a class" :
                type.IsRecord ? "it is a record; a layer has mutable weights and must be a plain class" :
                type.IsGenericType ? "it is generic; the kernel shape must be fixed, so the class must not have type parameters" :
                type.IsStatic ? "it is static; a layer holds weights and needs instances" :
                null;
            for (INamedTypeSymbol? outer = type.ContainingType; problem is null && outer is not null; outer = outer.ContainingType)
            {
                bool outerPartial = outer.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
                if (!outerPartial) problem = $"it is nested in '{outer.Name}', which is not partial";
                else if (outer.IsGenericType) problem = $"it is nested in generic type '{outer.Name}'";
            }
            if (problem is not null)
            {
                diagnostics.Add(Make(DiagnosticDescriptors.InvalidTarget, location, type.Name, problem));
                return;
            }
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(Make(DiagnosticDescriptors.NotPartial, location, type.Name));
            foreach (ISymbol member in type.GetMembers())
                if (!member.IsImplicitlyDeclared && GeneratedMemberNames.Contains(member.Name))
                    diagnostics.Add(Make(DiagnosticDescriptors.MemberCollision, LocationInfo.From(member.Locations.FirstOrDefault()), type.Name, member.Name));
        }

        private static LayerSpec? ReadSpec(AttributeArguments a, TypeDeclarationInfo type, List<DiagnosticInfo> diagnostics)
        {
            int inChannels = a.Int("InChannels", 0), outChannels = a.Int("OutChannels", 0);
            int k1 = a.Int("K1", 0), k2 = a.Int("K2", 0);
            int stride = a.Int("Stride", 1);
            int strideH = a.IsSet("StrideH") ? a.Int("StrideH", 0) : stride;
            int strideW = a.IsSet("StrideW") ? a.Int("StrideW", 0) : stride;
            int pad = a.Int("Pad", 0);
            int padH = a.IsSet("PadH") && a.Int("PadH", -1) != -1 ? a.Int("PadH", -1) : pad;
            int padW = a.IsSet("PadW") && a.Int("PadW", -1) != -1 ? a.Int("PadW", -1) : pad;
            int dilation = a.Int("Dilation", 1), groups = a.Int("Groups", 1);
            int preset = a.Int("Padding", 0), mode = a.Int("PaddingMode", 0);
            int height = a.Int("Height", 0), width = a.Int("Width", 0);

            RequirePositive(a, "InChannels", inChannels, DiagnosticDescriptors.ChannelsNotPositive, diagnostics);
            RequirePositive(a, "OutChannels", outChannels, DiagnosticDescriptors.ChannelsNotPositive, diagnostics);
            RequirePositive(a, "K1", k1, DiagnosticDescriptors.KernelNotPositive, diagnostics);
            RequirePositive(a, "K2", k2, DiagnosticDescriptors.KernelNotPositive, diagnostics);
            RequirePositive(a, a.IsSet("StrideH") ? "StrideH" : "Stride", strideH, DiagnosticDescriptors.StrideNotPositive, diagnostics);
            if (strideW != strideH || a.IsSet("StrideW"))
                RequirePositive(a, a.IsSet("StrideW") ? "StrideW" : "Stride", strideW, DiagnosticDescriptors.StrideNotPositive, diagnostics);
            if (padH < 0) diagnostics.Add(Make(DiagnosticDescriptors.PadNegative, a.LocationOfFirst("PadH", "Pad"), a.IsSet("PadH") ? "PadH" : "Pad", padH));
            if (padW < 0 && !(padW == padH && !a.IsSet("PadW"))) diagnostics.Add(Make(DiagnosticDescriptors.PadNegative, a.LocationOfFirst("PadW", "Pad"), a.IsSet("PadW") ? "PadW" : "Pad", padW));
            if (dilation < 1) diagnostics.Add(Make(DiagnosticDescriptors.DilationNotPositive, a.LocationOf("Dilation"), dilation));
            if (groups < 1 || (inChannels > 0 && inChannels % groups != 0) || (outChannels > 0 && outChannels % groups != 0))
                diagnostics.Add(Make(DiagnosticDescriptors.GroupsInvalid, a.LocationOf("Groups"), groups, inChannels, outChannels));
            if (mode < 0 || mode > 3) diagnostics.Add(Make(DiagnosticDescriptors.InvalidEnum, a.LocationOf("PaddingMode"), "PaddingMode", mode));
            if (preset < 0 || preset > 2) diagnostics.Add(Make(DiagnosticDescriptors.InvalidEnum, a.LocationOf("Padding"), "Padding", preset));
            if (height < 0) diagnostics.Add(Make(DiagnosticDescriptors.ChannelsNotPositive, a.LocationOf("Height"), "Height", height));
            if (width < 0) diagnostics.Add(Make(DiagnosticDescriptors.ChannelsNotPositive, a.LocationOf("Width"), "Width", width));
            if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)) return null;

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
            }

            CheckAxis(a, "Height", height, k1, strideH, top, bottom, dilation, mode, a.IsSet("PadH") ? "PadH" : "Pad", diagnostics);
            CheckAxis(a, "Width", width, k2, strideW, left, right, dilation, mode, a.IsSet("PadW") ? "PadW" : "Pad", diagnostics);
            if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)) return null;

            return new LayerSpec(type, inChannels, outChannels, k1, k2, strideH, strideW, top, bottom, left, right,
                dilation, dilation, groups, a.Bool("Bias", true), mode, a.Bool("FlipKernel", false), height, width);
        }

        private static void CheckAxis(AttributeArguments a, string axis, int size, int kernel, int stride, int before, int after,
            int dilation, int mode, string padName, List<DiagnosticInfo> diagnostics)
        {
            int extent = dilation * (kernel - 1) + 1;
            int pad = before > after ? before : after;
            if (pad >= extent && pad > 0)
                diagnostics.Add(Make(DiagnosticDescriptors.PadTooLarge, a.LocationOfFirst(padName, "Pad", "Padding"), padName, pad, extent));
            if (size <= 0) return;
            int output = ConvShapeMath.OutputSize(size, kernel, stride, before, after, dilation);
            if (output <= 0)
                diagnostics.Add(Make(DiagnosticDescriptors.OutputNotPositive, a.LocationOf(axis), axis, size, kernel, $"{before}+{after}", stride, dilation, output));
            if (mode == 1 && pad >= size)
                diagnostics.Add(Make(DiagnosticDescriptors.PaddingModeTooLarge, a.LocationOf(padName), "Reflect", pad, "smaller than", axis.ToLowerInvariant(), size));
            if (mode == 3 && pad > size)
                diagnostics.Add(Make(DiagnosticDescriptors.PaddingModeTooLarge, a.LocationOf(padName), "Circular", pad, "at most", axis.ToLowerInvariant(), size));
        }

        private static void RequirePositive(AttributeArguments a, string name, int value, DiagnosticDescriptor descriptor, List<DiagnosticInfo> diagnostics)
        {
            if (value < 1) diagnostics.Add(Make(descriptor, a.LocationOf(name), name, value));
        }

        private static TypeDeclarationInfo BuildTypeInfo(INamedTypeSymbol type)
        {
            var containers = new List<ContainingTypeInfo>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                containers.Insert(0, new ContainingTypeInfo(Keyword(outer), outer.Name));
            string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
            return new TypeDeclarationInfo(ns, containers.ToEquatableArray(), type.Name);
        }

        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };

        private static DiagnosticInfo Make(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] args)
            => new(descriptor, location, args.Select(x => x?.ToString() ?? "").ToEquatableArray());
    }
}
