using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Oracle;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Kernels.Tests.OracleParity
{
    /// <summary>
    /// Every generated oracle layer (tools/testgen/gen_oracle_layers.py) run on its libtorch case: the case's deterministic
    /// x, w, b and dL/dy go in, and y, dL/dx, dL/dw, dL/db must match the committed float64 libtorch values to
    /// <see cref="OracleCompare.Tolerance"/> (1e-4) in <see cref="OracleCompare.ScaledMaxError"/>:
    /// max|actual - expected| / max(1, max|expected|), i.e. absolute below magnitude 1 and relative above.
    /// </summary>
    public class GeneratedVsTorchTests(ITestOutputHelper output)
    {
        /// <summary>Case names in index order, for [MemberData].</summary>
        public static IEnumerable<object[]> Names => OracleLayers.All.Select(l => new object[] { l.CaseName });

        private static (OracleLayer Layer, OracleCase Case) Load(string name)
            => (OracleLayers.All.Single(l => l.CaseName == name), OracleCases.Get(name));

        [Fact]
        public void Every_oracle_case_has_a_generated_layer_in_index_order()
        {
            string[] index = OracleCases.ReadIndex(OracleCases.DefaultDirectory).Cases.Select(c => c.Name).ToArray();
            string[] layers = OracleLayers.All.Select(l => l.CaseName).ToArray();
            Assert.True(index.SequenceEqual(layers),
                "tests/oracle/conv2d/index.json and Oracle/OracleLayers.cs differ: run python3 tools/testgen/gen_oracle_layers.py. "
                + $"Missing layers: [{string.Join(", ", index.Except(layers))}]; stale layers: [{string.Join(", ", layers.Except(index))}].");
        }

        [Fact]
        public void Only_the_four_inexpressible_cases_are_emulated()
        {
            string[] emulated = OracleLayers.All.Where(l => !l.IsDirect).Select(l => l.CaseName).ToArray();
            string[] inexpressible = OracleCases.All.Where(c => c.Parameters.AttributeArguments is null).Select(c => c.Name).ToArray();
            Assert.Equal(inexpressible, emulated);
            foreach (var l in OracleLayers.All.Where(l => !l.IsDirect)) output.WriteLine($"{l.CaseName}: {l.Emulation}");
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Layer_has_the_case_geometry(string name)
        {
            var (layer, c) = Load(name);
            Assert.Equal(c.Height, layer.FixedHeight);
            Assert.Equal(c.Width, layer.FixedWidth);
            if (layer.IsDirect)
            {
                Assert.Equal(c.Geometry, layer.Geometry);
                return;
            }
            // Emulated: same channels, groups, stride, mode, flip and bias; the case's output is a window of the layer's.
            var g = layer.Geometry;
            Assert.Equal((c.Geometry.InChannels, c.Geometry.OutChannels, c.Geometry.Groups, c.Geometry.StrideH, c.Geometry.StrideW),
                (g.InChannels, g.OutChannels, g.Groups, g.StrideH, g.StrideW));
            Assert.Equal((c.Geometry.PaddingMode, c.Geometry.FlipKernel, c.Geometry.HasBias), (g.PaddingMode, g.FlipKernel, g.HasBias));
            Assert.Equal((c.Geometry.K1 - 1) * c.Geometry.DilationH, (g.K1 - 1) * g.DilationH);
            Assert.Equal((c.Geometry.K2 - 1) * c.Geometry.DilationW, (g.K2 - 1) * g.DilationW);
            Assert.True(g.OutputHeight(c.Height) >= layer.CropTop + c.Parameters.OutputHeight);
            Assert.True(g.OutputWidth(c.Width) >= layer.CropLeft + c.Parameters.OutputWidth);
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Forward_matches_libtorch(string name)
        {
            var (layer, c) = Load(name);
            ILayer conv = Create(layer, c);

            Tensor y = conv.Forward(new Tensor((float[])c.Input.Clone(), c.Batch, c.Parameters.InChannels, c.Height, c.Width));

            Assert.Equal(new[] { c.Batch, layer.Geometry.OutChannels, layer.Geometry.OutputHeight(c.Height), layer.Geometry.OutputWidth(c.Width) },
                y.Shape.ToArray());
            Check(c, "output", layer.CropOutput(c, y.AsSpan()), c.Output);
        }

        /// <summary>
        /// Evaluation mode, as under PyTorch's no_grad: some layers then read the input unpacked or run another forward
        /// (the channel-vector tile at stride 2), which must give the same answer.
        /// </summary>
        [Theory]
        [MemberData(nameof(Names))]
        public void Forward_in_evaluation_mode_matches_libtorch(string name)
        {
            var (layer, c) = Load(name);
            ILayer conv = Create(layer, c);
            conv.SetTraining(false);

            Tensor y = conv.Forward(new Tensor((float[])c.Input.Clone(), c.Batch, c.Parameters.InChannels, c.Height, c.Width));

            Check(c, "evaluation-mode output", layer.CropOutput(c, y.AsSpan()), c.Output);
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Backward_matches_libtorch(string name)
        {
            var (layer, c) = Load(name);
            ILayer conv = Create(layer, c);
            conv.Forward(new Tensor((float[])c.Input.Clone(), c.Batch, c.Parameters.InChannels, c.Height, c.Width));

            Tensor gx = conv.Backward(layer.EmbedGradOutput(c));

            Assert.Equal(new[] { c.Batch, c.Parameters.InChannels, c.Height, c.Width }, gx.Shape.ToArray());
            Check(c, "gradInput", gx.ToArray(), c.GradInput);
            Check(c, "gradWeight", layer.ExtractWeight(c, conv.Parameters[0].Grad.AsSpan()), c.GradWeight);
            if (c.GradBias is null)
            {
                Assert.Single(conv.Parameters);
                return;
            }
            Check(c, "gradBias", conv.Parameters[1].Grad.ToArray(), c.GradBias);
        }

        /// <summary>The generated layer with the case's weight and bias loaded (its own initialisation overwritten).</summary>
        private static ILayer Create(OracleLayer layer, OracleCase c)
        {
            ILayer conv = layer.Create(new Random(1));
            layer.LoadWeight(c, conv.Parameters[0].Value.AsSpan());
            Assert.Equal(c.Parameters.Bias ? 2 : 1, conv.Parameters.Count);
            if (c.Parameters.Bias) c.Bias.AsSpan().CopyTo(conv.Parameters[1].Value.AsSpan());
            return conv;
        }

        private void Check(OracleCase c, string what, float[] actual, float[] expected)
        {
            double error = OracleCompare.ScaledMaxError(actual, expected);
            output.WriteLine($"{c.Name} {what}: scaled max error {error:E2}");
            if (error <= OracleCompare.Tolerance) return;
            int i = OracleCompare.WorstIndex(actual, expected);
            Assert.Fail($"{c.Name}: generated {what} error {error:E2} > {OracleCompare.Tolerance:E0} (max|a-b| / max(1, max|b|)); "
                + $"worst at flat index {i}: generated {actual[i]}, libtorch {expected[i]}.");
        }
    }
}
