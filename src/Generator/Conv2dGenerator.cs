using System.Runtime.CompilerServices;
using ConvGen.Generator.Diagnostics;
using ConvGen.Generator.Emit;
using ConvGen.Generator.Model;
using ConvGen.Generator.Parsing;
using ConvGen.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

[assembly: InternalsVisibleTo("ConvGen.Generator.Tests")]
[assembly: InternalsVisibleTo("ConvGen.GeneratorBenchmarks")]

namespace ConvGen.Generator
{
    /// <summary>
    /// Turns every <c>[Conv2d]</c> partial class into a convolution layer with kernels specialised for its shape.
    /// Pipeline: parse (attribute -> <see cref="LayerSpec"/> + diagnostics) -> plan (<see cref="KernelPlan"/>) -> emit (C# text).
    /// Diagnostics and source are separate branches, so editing only what produces a diagnostic never re-emits source.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class Conv2dGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    Conv2dParser.AttributeName,
                    predicate: static (node, _) => node is TypeDeclarationSyntax,
                    transform: static (ctx, ct) => Conv2dParser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.Parse);

            // Diagnostics branch: the parser's findings plus the planner's notes (CG0011), all placed in source.
            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
                .Select(static (result, _) => PlanNotes.For(result))
                .WithTrackingName(TrackingNames.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (spc, items) =>
            {
                foreach (DiagnosticInfo item in items) spc.ReportDiagnostic(item.ToDiagnostic());
            });

            // Source branch: only the location-free spec flows on, so moving the attribute (a line inserted above it) keeps the
            // Specs step Unchanged and nothing is planned or emitted again.
            IncrementalValuesProvider<KernelPlan> plans = parsed
                .Where(static result => result.Spec is not null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Specs)
                .Select(static (spec, _) => KernelPlanner.Plan(spec))
                .WithTrackingName(TrackingNames.Plans);
            context.RegisterSourceOutput(plans, static (spc, plan) => spc.AddSource(plan.Spec.Type.HintName, LayerEmitter.Emit(plan)));
        }
    }
}
