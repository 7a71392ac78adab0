using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Generator.Tests.Support
{
    /// <summary>Checks on incremental step outputs: what they may hold, and why each step ran.</summary>
    internal static class CacheAssert
    {
        /// <summary>Roslyn objects that must never be cached: they pin a compilation (or a syntax tree) in memory and defeat equality.</summary>
        private static readonly Type[] Forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxReference), typeof(Compilation),
            typeof(SemanticModel), typeof(Location), typeof(AttributeData), typeof(DiagnosticDescriptor), typeof(Diagnostic),
        };

        /// <summary>The generator's own step names (every constant of <see cref="TrackingNames"/>); Roslyn's internal steps are not ours to judge.</summary>
        public static readonly string[] StepNames = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

        /// <summary>Walks every field of every output of every tracked step and fails on a forbidden Roslyn type anywhere inside.</summary>
        public static void HoldsOnlyValues(GeneratorRunResult result)
        {
            var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
            Assert.All(StepNames, name => Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} was not tracked"));
            foreach (KeyValuePair<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> step in result.TrackedSteps.Where(s => StepNames.Contains(s.Key)))
                foreach (IncrementalGeneratorRunStep run in step.Value)
                    foreach ((object value, IncrementalStepRunReason _) in run.Outputs)
                        Walk(value, $"{step.Key} output", visited);
        }

        private static void Walk(object? value, string path, HashSet<object> visited)
        {
            if (value is null) return;
            Type type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string or decimal) return;
            Type? bad = Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
            Assert.True(bad is null, $"{path} holds a {type.FullName} ({bad?.Name}), which must not flow through the incremental pipeline");
            if (!type.IsValueType && !visited.Add(value)) return;
            // Collections are walked through their fields (a struct such as ImmutableArray<T> holds a T[]); arrays item by item.
            if (value is Array items)
            {
                int i = 0;
                foreach (object? item in items) Walk(item, $"{path}[{i++}]", visited);
            }
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
        }

        /// <summary>The reasons of every output of the named step, flattened.</summary>
        public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step)
            => result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList() : Array.Empty<IncrementalStepRunReason>();

        public static IReadOnlyList<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result)
            => result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
    }
}
