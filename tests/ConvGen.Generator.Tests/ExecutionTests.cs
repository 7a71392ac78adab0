using System;
using System.Linq;
using System.Reflection;
using System.Text;
using ConvGen.Generator.Tests.Support;
using ConvGen.Kernels;
using Xunit;
using static ConvGen.Generator.Tests.Support.GeneratorHarness;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// Compiles what the generator emits, in memory, loads it, and runs Forward and Backward against
    /// <see cref="NaiveConv2d"/>. On a mismatch the failure shows the numbered generated source.
    /// </summary>
    public sealed class ExecutionTests
    {
        private static readonly (string Name, string Args, int Batch, int Height, int Width)[] Layers =
        {
            ("LeNetC3", "InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5", 2, 14, 14),
            ("Stride2", "InChannels = 5, OutChannels = 7, K1 = 3, K2 = 3, Stride = 2, Pad = 1", 2, 13, 19),
            ("Pointwise", "InChannels = 9, OutChannels = 4, K1 = 1, K2 = 1, Bias = false", 1, 5, 37),
            ("Depthwise", "InChannels = 8, OutChannels = 8, K1 = 3, K2 = 3, Groups = 8, Pad = 1, Bias = false", 1, 9, 21),
            ("FlippedReflect", "InChannels = 3, OutChannels = 4, K1 = 3, K2 = 5, PadH = 1, PadW = 2, PaddingMode = PaddingMode.Reflect, FlipKernel = true, Dilation = 2", 2, 11, 17),
            ("Narrow", "InChannels = 2, OutChannels = 3, K1 = 2, K2 = 3, StrideH = 1, StrideW = 3, Height = 6, Width = 5", 3, 6, 5),
        };

        private static readonly Lazy<(GeneratorRun Run, Assembly Assembly)> Compiled = new(() =>
        {
            var source = new StringBuilder("using ConvGen;\n\nnamespace Exec;\n\n");
            foreach (var layer in Layers) source.Append($"[Conv2d({layer.Args})]\npublic partial class {layer.Name} {{ }}\n\n");
            GeneratorRun run = Run(source.ToString()).AssertDidNotThrow();
            Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            return (run, run.Load()); // Load fails with the errors and the numbered sources if the code does not compile
        });

        public static TheoryData<string> Names() => new(Layers.Select(l => l.Name));

        [Theory]
        [MemberData(nameof(Names))]
        public void Forward_and_backward_match_the_naive_kernels(string name)
        {
            var (_, args, batch, height, width) = Layers.Single(l => l.Name == name);
            (GeneratorRun run, Assembly assembly) = Compiled.Value;
            Type type = assembly.GetType("Exec." + name)!;
            var layer = (ILayer)Activator.CreateInstance(type, new Random(7))!;
            var g = (ConvGeometry)type.GetProperty("Geometry")!.GetValue(null)!;
            Tensor weight = layer.Parameters[0].Value;
            ReadOnlySpan<float> bias = g.HasBias ? layer.Parameters[1].Value.AsSpan() : default;

            var random = new Random(11);
            var x = new Tensor(batch, g.InChannels, height, width);
            Fill(x, random);
            Tensor y = layer.Forward(x);
            int ho = g.OutputHeight(height), wo = g.OutputWidth(width);
            Assert.Equal(new[] { batch, g.OutChannels, ho, wo }, y.Shape.ToArray());
            var expected = new float[batch * g.OutChannels * ho * wo];
            NaiveConv2d.Forward(g, x.AsSpan(), weight.AsSpan(), bias, expected, batch, height, width);
            AssertClose(expected, y.AsSpan(), $"{name} ({args}) forward", run, name);

            var gy = new Tensor(batch, g.OutChannels, ho, wo);
            Fill(gy, random);
            Tensor gx = layer.Backward(gy);
            var expectedGx = new float[batch * g.InChannels * height * width];
            NaiveConv2d.BackwardInput(g, gy.AsSpan(), weight.AsSpan(), expectedGx, batch, height, width);
            AssertClose(expectedGx, gx.AsSpan(), $"{name} ({args}) input gradient", run, name);

            var expectedGw = new float[weight.AsSpan().Length];
            var expectedGb = new float[g.OutChannels];
            NaiveConv2d.BackwardWeight(g, x.AsSpan(), gy.AsSpan(), expectedGw, expectedGb, batch, height, width);
            AssertClose(expectedGw, layer.Parameters[0].Grad.AsSpan(), $"{name} ({args}) weight gradient", run, name);
            if (g.HasBias) AssertClose(expectedGb, layer.Parameters[1].Grad.AsSpan(), $"{name} ({args}) bias gradient", run, name);
        }

        private static void Fill(Tensor t, Random random)
        {
            Span<float> data = t.AsSpan();
            for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        }

        private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, GeneratorRun run, string name)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                if (Math.Abs(expected[i] - actual[i]) <= 1e-4f * Math.Max(1f, Math.Abs(expected[i]))) continue;
                Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]}.\nGenerated source:\n" +
                    GeneratorRun.Numbered(run.Source($"Exec.{name}.Conv2d.g.cs")));
            }
        }
    }
}
