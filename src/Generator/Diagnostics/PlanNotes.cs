using System.Collections.Generic;
using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Diagnostics
{
    /// <summary>
    /// The diagnostics of one annotated class: the parser's, plus notes about the strategy the planner picks (CG0011), placed on
    /// the attribute. Runs in the diagnostics branch of the pipeline, so the source branch never reports and a note never
    /// makes source re-emit.
    /// </summary>
    internal static class PlanNotes
    {
        public static EquatableArray<DiagnosticInfo> For(ParseResult result)
        {
            if (result.Spec is not { } spec) return result.Diagnostics;
            KernelPlan plan = KernelPlanner.Plan(spec);
            var all = new List<DiagnosticInfo>(result.Diagnostics);
            Unroll(all, "forward", plan.Forward, plan.UnrollBound, result.AttributeLocation);
            Unroll(all, "input-gradient", plan.BackwardData, plan.UnrollBound, result.AttributeLocation);
            return all.Count == result.Diagnostics.Count ? result.Diagnostics : all.ToEquatableArray();
        }

        private static void Unroll(List<DiagnosticInfo> all, string kernel, TileShape tile, int bound, LocationInfo? location)
        {
            if (tile.Unrolled) return;
            int columns = tile.Taps.Columns.Count;
            all.Add(new DiagnosticInfo(DiagnosticDescriptors.UnrollTooLarge.Id, location, new[]
            {
                kernel, Text(columns), Text(tile.Block), Text(tile.Vectors), Text(columns * tile.Block * tile.Vectors), Text(bound),
            }.ToEquatableArray()));
        }

        private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
