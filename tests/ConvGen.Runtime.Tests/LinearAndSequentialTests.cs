using System;
using System.Linq;
using ConvGen.Layers;
using ConvGen.Testing;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class LinearAndSequentialTests
    {
        private static Linear Small()
        {
            var linear = new Linear(3, 2, random: new Random(1));
            new float[] { 1, 2, 3, 4, 5, 6 }.CopyTo(linear.Weight.AsSpan());
            new float[] { 0.5f, -1 }.CopyTo(linear.Bias!.AsSpan());
            return linear;
        }

        [Fact]
        public void Forward_IsXWTransposePlusBias()
        {
            var y = Small().Forward(new Tensor(new float[] { 1, 0, -1, 2, 1, 0 }, 2, 3));
            // Row 0: [1·1 + 0·2 − 1·3, 1·4 + 0·5 − 1·6] + b = [−2, −2] + [0.5, −1]; row 1: [4, 13] + b.
            Assert.Equal(new float[] { -1.5f, -3, 4.5f, 12 }, y.ToArray());
        }

        [Fact]
        public void Backward_GivesHandComputedGradients_AndAccumulates()
        {
            var linear = Small();
            var x = new Tensor(new float[] { 1, 0, -1, 2, 1, 0 }, 2, 3);
            var g = new Tensor(new float[] { 1, 0, 0, 2 }, 2, 2);
            linear.Forward(x);
            var dx = linear.Backward(g);
            // dX = g W: [1·W0, 2·W1]; dW = gᵀ X; db = column sums of g.
            Assert.Equal(new float[] { 1, 2, 3, 8, 10, 12 }, dx.ToArray());
            Assert.Equal(new float[] { 1, 0, -1, 4, 2, 0 }, linear.WeightGrad.ToArray());
            Assert.Equal(new float[] { 1, 2 }, linear.BiasGrad!.ToArray());
            linear.Backward(g);
            Assert.Equal(new float[] { 2, 0, -2, 8, 4, 0 }, linear.WeightGrad.ToArray());
            Assert.Equal(new float[] { 2, 4 }, linear.BiasGrad!.ToArray());
        }

        [Fact]
        public void Init_IsUniformWithinOneOverSqrtFanIn()
        {
            var linear = new Linear(400, 120, random: new Random(3));
            float bound = 1 / MathF.Sqrt(400);
            Assert.All(linear.Weight.ToArray(), w => Assert.InRange(w, -bound, bound));
            Assert.All(linear.Bias!.ToArray(), b => Assert.InRange(b, -bound, bound));
            Assert.True(linear.Weight.ToArray().Max() > 0.9f * bound);
            Assert.True(linear.Weight.ToArray().Min() < -0.9f * bound);
        }

        [Fact]
        public void GradientCheck_Passes_WithAndWithoutBias()
        {
            foreach (bool bias in new[] { true, false })
            {
                var result = GradientCheck.Run(new Linear(7, 5, bias, new Random(2)), TestData.Random(4, 3, 7));
                Assert.True(result.MaxRelativeError < 1e-3, result.ToString());
                Assert.Equal(bias ? 2 : 1, result.Parameters.Count);
            }
        }

        [Theory]
        [InlineData(37, 11, 9)]    // vector bodies plus scalar tails in every loop, blocks of 4 plus remainders
        [InlineData(400, 120, 64)] // LeNet's f5
        [InlineData(5, 3, 2)]      // below one vector and one block
        public void Forward_and_backward_match_double_precision_sums(int inF, int outF, int n)
        {
            var linear = new Linear(inF, outF, random: new Random(6));
            var x = TestData.Random(7, n, inF);
            var g = TestData.Random(8, n, outF);
            var y = linear.Forward(x);
            var dx = linear.Backward(g);
            for (int r = 0; r < n; r++)
                for (int o = 0; o < outF; o++)
                {
                    double expected = linear.Bias![o];
                    for (int i = 0; i < inF; i++) expected += (double)x[r, i] * linear.Weight[o, i];
                    Close(expected, y[r, o]);
                }
            for (int r = 0; r < n; r++)
                for (int i = 0; i < inF; i++)
                {
                    double expected = 0;
                    for (int o = 0; o < outF; o++) expected += (double)g[r, o] * linear.Weight[o, i];
                    Close(expected, dx[r, i]);
                }
            for (int o = 0; o < outF; o++)
                for (int i = 0; i < inF; i++)
                {
                    double expected = 0;
                    for (int r = 0; r < n; r++) expected += (double)g[r, o] * x[r, i];
                    Close(expected, linear.WeightGrad[o, i]);
                }
        }

        [Theory]
        [InlineData(37, 11, 7)]    // rows in blocks of 3 plus one left over, every vector loop with a scalar tail
        [InlineData(400, 120, 8)]  // LeNet's f5: whole vectors, 120 weight rows in blocks of 3
        [InlineData(84, 10, 5)]    // the output layer: 10 = 3 blocks of 3 and one row; 10 outputs = 2 blocks of 4 and 2 left
        public void Each_row_has_the_same_bits_whether_it_runs_in_a_block_of_three_or_alone(int inF, int outF, int n)
        {
            // The layer groups rows in threes (one weight load for three rows); a row's result must not depend on its group.
            var linear = new Linear(inF, outF, random: new Random(9));
            var x = TestData.Random(10, n, inF);
            var g = TestData.Random(11, n, outF);
            float[] y = linear.Forward(x).ToArray(), dx = linear.Backward(g).ToArray(), dw = linear.WeightGrad.ToArray();
            for (int r = 0; r < n; r++)
            {
                var alone = new Linear(inF, outF, random: new Random(9));
                float[] y1 = alone.Forward(Tensor.FromSpan(x.AsSpan().Slice(r * inF, inF), 1, inF)).ToArray();
                float[] dx1 = alone.Backward(Tensor.FromSpan(g.AsSpan().Slice(r * outF, outF), 1, outF)).ToArray();
                Assert.Equal(y.AsSpan(r * outF, outF).ToArray(), y1);
                Assert.Equal(dx.AsSpan(r * inF, inF).ToArray(), dx1);
            }
            // dW row o depends on column o of dY only: a one-output layer holding weight row o computes it alone.
            for (int o = 0; o < outF; o++)
            {
                var single = new Linear(inF, 1, random: new Random(12));
                linear.Weight.AsSpan().Slice(o * inF, inF).CopyTo(single.Weight.AsSpan());
                single.Forward(x);
                var column = new Tensor(n, 1);
                for (int r = 0; r < n; r++) column[r, 0] = g[r, o];
                single.Backward(column);
                Assert.Equal(dw.AsSpan(o * inF, inF).ToArray(), single.WeightGrad.ToArray());
            }
        }

        private static void Close(double expected, float actual)
            => Assert.True(Math.Abs(expected - actual) <= 1e-5 * (1 + Math.Abs(expected)), $"expected {expected}, got {actual}");

        [Fact]
        public void LargeBatch_UsesParallelPath_AndMatchesSerialMath()
        {
            var linear = new Linear(400, 120, random: new Random(4));
            var x = TestData.Random(5, 64, 400);
            var y = linear.Forward(x);
            for (int n = 0; n < 64; n += 21)
                for (int o = 0; o < 120; o += 17)
                {
                    double expected = linear.Bias![o];
                    for (int i = 0; i < 400; i++) expected += (double)x[n, i] * linear.Weight[o, i];
                    Assert.Equal(expected, y[n, o], 4);
                }
        }

        [Fact]
        public void Linear_Errors_NameShapes()
        {
            var linear = new Linear(3, 2);
            Assert.Throws<InvalidOperationException>(() => linear.Backward(new Tensor(1, 2)));
            var e = Assert.Throws<ArgumentException>(() => linear.Forward(new Tensor(4, 5)));
            Assert.Contains("[N, 3]", e.Message);
            Assert.Contains("[4, 5]", e.Message);
            linear.Forward(new Tensor(4, 3));
            e = Assert.Throws<ArgumentException>(() => linear.Backward(new Tensor(4, 3)));
            Assert.Contains("[4, 2]", e.Message);
        }

        [Fact]
        public void Sequential_NamesParameters_ByPositionOrGivenName()
        {
            var model = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
            Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, model.Parameters.Select(p => p.Name));
            var named = new Sequential(("fc1", (ILayer)new Linear(4, 3)), ("act", new ReLU()), ("fc2", new Linear(3, 2)));
            Assert.Equal(new[] { "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" }, named.Parameters.Select(p => p.Name));
            // The named parameters share the layers' tensors.
            Assert.Same(((Linear)named[0]).Weight, named.Parameters[0].Value);
            Assert.Throws<ArgumentException>(() => named.Add("fc1", new ReLU()));
        }

        [Fact]
        public void Sequential_ComposesForwardAndBackward()
        {
            var model = new Sequential(new Linear(6, 5, random: new Random(1)), new Tanh(), new Linear(5, 3, random: new Random(2)), new Sigmoid());
            // Relative to at least 1e-2: the float32 forward's rounding leaves ~1e-5 of noise in each central difference, 2.5e-3 of a
            // 2e-3 weight gradient on the scalar path (DOTNET_EnableHWIntrinsic=0); a smaller epsilon made it worse, not better.
            var result = GradientCheck.Run(model, TestData.Random(6, 4, 6), new GradientCheckOptions { RelativeFloor = 1e-2 });
            Assert.True(result.MaxRelativeError < 1e-3, result.ToString());
            Assert.Equal(4, result.Parameters.Count);
            Assert.Throws<InvalidOperationException>(() => new Sequential(new ReLU()).Backward(new Tensor(1)));
        }

        [Fact]
        public void Sequential_ForwardsTrainingMode()
        {
            var probe = new ModeProbe();
            var model = new Sequential(new ReLU(), new Sequential(probe));
            model.SetTraining(false);
            Assert.False(probe.Training);
            model.SetTraining(true);
            Assert.True(probe.Training);
        }

        [Fact]
        public void Sequential_TellsOnlyItsFirstLayer_WhetherTheInputGradientIsRequired()
        {
            var first = new ModeProbe();
            var second = new ModeProbe();
            var model = new Sequential(first, second);
            Assert.True(first.InputGradientRequired);
            model.SetInputGradientRequired(false);
            Assert.False(first.InputGradientRequired);
            Assert.True(second.InputGradientRequired);

            var late = new ModeProbe();
            var empty = new Sequential();
            empty.SetInputGradientRequired(false);
            empty.Add(late).Add(new ModeProbe());
            Assert.False(late.InputGradientRequired); // a layer added first later learns it too
            model.SetInputGradientRequired(true);
            Assert.True(first.InputGradientRequired);
        }

        [Fact]
        public void GradientCheck_DetectsWrongBackward()
        {
            var result = GradientCheck.Run(new WrongBackward(), TestData.Random(1, 2, 3));
            Assert.True(result.Input.MaxRelativeError > 0.1, result.ToString());
        }

        [Fact]
        public void GradientCheck_LeavesLayerUntouched()
        {
            var linear = new Linear(3, 2, random: new Random(5));
            linear.WeightGrad.AsSpan().Fill(0.25f);
            var weights = linear.Weight.ToArray();
            var x = TestData.Random(1, 2, 3);
            var input = x.ToArray();
            GradientCheck.Run(linear, x);
            Assert.Equal(weights, linear.Weight.ToArray());
            Assert.All(linear.WeightGrad.ToArray(), g => Assert.Equal(0.25f, g));
            Assert.Equal(input, x.ToArray());
        }

        private sealed class ModeProbe : ILayer
        {
            public bool Training { get; private set; } = true;
            public bool InputGradientRequired { get; private set; } = true;
            public System.Collections.Generic.IReadOnlyList<Parameter> Parameters => [];
            public Tensor Forward(Tensor input) => input;
            public Tensor Backward(Tensor gradOutput) => gradOutput;
            public void SetTraining(bool training) => Training = training;
            public void SetInputGradientRequired(bool required) => InputGradientRequired = required;
        }

        /// <summary>y = 2x but claims dy/dx = 1.</summary>
        private sealed class WrongBackward : ILayer
        {
            public System.Collections.Generic.IReadOnlyList<Parameter> Parameters => [];
            public Tensor Forward(Tensor input)
            {
                var y = input.Clone();
                System.Numerics.Tensors.TensorPrimitives.Multiply(y.AsSpan(), 2f, y.AsSpan());
                return y;
            }
            public Tensor Backward(Tensor gradOutput) => gradOutput.Clone();
        }
    }
}
