using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Oracle.Tests
{
    /// <summary>The committed oracle is complete, loadable, and still covers every convolution option.</summary>
    public sealed class OracleIndexTests
    {
        private static IReadOnlyList<OracleCaseParameters> Cases => OracleCases.ReadIndex(OracleCases.DefaultDirectory).Cases;

        [Fact]
        public void Every_case_loads_with_consistent_shapes()
        {
            IReadOnlyList<OracleCase> all = OracleCases.All;
            Assert.True(all.Count >= 60, $"expected at least 60 cases, found {all.Count}");
            foreach (OracleCase c in all)
            {
                int[] outShape = c.Geometry.CheckInput([c.Batch, c.Geometry.InChannels, c.Height, c.Width]);
                Assert.Equal(outShape.Aggregate(1, (a, b) => a * b), c.Output.Length);
                Assert.Equal(c.Parameters.Bias, c.GradBias is not null);
            }
        }

        [Fact]
        public void Cases_cover_every_option()
        {
            var cases = Cases;
            foreach (PaddingMode mode in Enum.GetValues<PaddingMode>())
                Assert.Contains(cases, c => c.PaddingMode == mode && c.PadTop + c.PadLeft > 0);
            foreach (var (k1, k2) in new[] { (1, 1), (3, 3), (5, 5), (7, 7), (3, 5), (1, 7) })
                Assert.Contains(cases, c => c.K1 == k1 && c.K2 == k2);
            foreach (int s in new[] { 1, 2, 3 })
                Assert.Contains(cases, c => c.StrideH == s && c.StrideW == s);
            Assert.Contains(cases, c => c.StrideH != c.StrideW);
            foreach (int p in new[] { 0, 1, 2, 3 })
                Assert.Contains(cases, c => c.PadTop == p && c.PadLeft == p);
            Assert.Contains(cases, c => c.PadTop == c.PadBottom && c.PadLeft == c.PadRight && c.PadTop != c.PadLeft);
            Assert.Contains(cases, c => c.PadTop != c.PadBottom && c.AttributeArguments?.Contains("PaddingPreset.Same") == true);
            foreach (int d in new[] { 2, 3 })
                Assert.Contains(cases, c => c.DilationH == d);
            Assert.Contains(cases, c => c.Groups == 2);
            Assert.Contains(cases, c => c.Groups > 1 && c.Groups == c.InChannels);
            Assert.Contains(cases, c => c.FlipKernel && c.K1 > 1);
            Assert.Contains(cases, c => !c.Bias);
            Assert.Contains(cases, c => c.Batch == 1);
            Assert.Contains(cases, c => c.Batch >= 2);
            Assert.Contains(cases, c => c.InChannels == 17 && c.OutChannels == 5);
            foreach (int cout in new[] { 6, 8, 12 })
                Assert.Contains(cases, c => c.OutChannels == cout);
            Assert.Contains(cases, c => c is { InChannels: 5, OutChannels: 7, K1: 3, K2: 5, StrideH: 2, StrideW: 2, PadTop: 1, PadLeft: 1,
                Batch: 2, Height: 17, Width: 23 });
        }

        [Fact]
        public void Attribute_arguments_are_given_exactly_when_expressible()
        {
            OracleCaseParameters acceptance = Cases.Single(c => c.Name == "acceptance_5x7_k3x5_s2_p1");
            Assert.Equal("InChannels = 5, OutChannels = 7, K1 = 3, K2 = 5, Stride = 2, Pad = 1, Height = 17, Width = 23",
                acceptance.AttributeArguments);
            Assert.Null(Cases.Single(c => c.Name == "pad_1_2_0_3").AttributeArguments);
            Assert.Null(Cases.Single(c => c.Name == "d2x1_k3").AttributeArguments);
            Assert.Contains("Padding = PaddingPreset.Same", Cases.Single(c => c.Name == "same_k4").AttributeArguments);
        }

        [Fact]
        public void Generator_is_pinned()
        {
            // The stored expected values depend on these exact inputs; changing OracleData invalidates every file.
            float[] v = OracleData.Generate(42, OracleTensor.Input, 4);
            Assert.All(v, x => Assert.InRange(x, -1f, 1f - 1f / (1 << 23)));
            Assert.Equal(v, OracleData.Generate(42, OracleTensor.Input, 4));
            Assert.NotEqual(v, OracleData.Generate(42, OracleTensor.Weight, 4));
            // k = top 24 bits of SplitMix64 outputs for state 42 ^ (1 * 0xD1B54A32D192ED03); value = k * 2^-23 - 1 (exact).
            int[] k = [13163963, 3879733, 4789248, 73592];
            Assert.Equal(k.Select(ki => ki / (float)(1 << 23) - 1f), v);
        }
    }
}
