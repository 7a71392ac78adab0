using System;
using ConvGen.Layers;
using ConvGen.Testing;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class ActivationAndFlattenTests
    {
        private static readonly float[] Inputs = { -2, -0.5f, 0, 0.5f, 2 };

        [Fact]
        public void ReLU_ForwardAndBackward()
        {
            var relu = new ReLU();
            Assert.Equal(new float[] { 0, 0, 0, 0.5f, 2 }, relu.Forward(new Tensor((float[])Inputs.Clone(), 5)).ToArray());
            // The gradient at exactly 0 is 0, as in PyTorch.
            Assert.Equal(new float[] { 0, 0, 0, 3, 3 }, relu.Backward(new Tensor(new float[] { 3, 3, 3, 3, 3 }, 5)).ToArray());
        }

        [Fact]
        public void Tanh_And_Sigmoid_ForwardAndBackward()
        {
            var tanh = new Tanh();
            var sigmoid = new Sigmoid();
            var y1 = tanh.Forward(new Tensor((float[])Inputs.Clone(), 5));
            var y2 = sigmoid.Forward(new Tensor((float[])Inputs.Clone(), 5));
            var g1 = tanh.Backward(new Tensor(new float[] { 1, 1, 1, 1, 1 }, 5));
            var g2 = sigmoid.Backward(new Tensor(new float[] { 1, 1, 1, 1, 1 }, 5));
            for (int i = 0; i < Inputs.Length; i++)
            {
                double t = Math.Tanh(Inputs[i]), s = 1 / (1 + Math.Exp(-Inputs[i]));
                Assert.Equal(t, y1[i], 6);
                Assert.Equal(s, y2[i], 6);
                Assert.Equal(1 - t * t, g1[i], 6);
                Assert.Equal(s * (1 - s), g2[i], 6);
            }
        }

        public static TheoryData<string> Activations => new() { "relu", "tanh", "sigmoid", "flatten" };

        private static ILayer Make(string name) => name switch
        {
            "relu" => new ReLU(),
            "tanh" => new Tanh(),
            "sigmoid" => new Sigmoid(),
            _ => new Flatten(),
        };

        [Theory]
        [MemberData(nameof(Activations))]
        public void GradientCheck_Passes(string name)
        {
            // Values in (-1, 1), 0.02 apart, none within 0.01 of ReLU's kink at 0 (ε = 0.005 never crosses it).
            var x = TestData.Distinct(11, 0.02, 3, 2, 4, 4);
            var result = GradientCheck.Run(Make(name), x, new GradientCheckOptions { Epsilon = 5e-3 });
            Assert.True(result.MaxRelativeError < 1e-3, result.ToString());
        }

        [Theory]
        [MemberData(nameof(Activations))]
        public void BackwardBeforeForward_Throws(string name)
            => Assert.Throws<InvalidOperationException>(() => Make(name).Backward(new Tensor(2, 2)));

        [Theory]
        [MemberData(nameof(Activations))]
        public void WrongGradientShape_NamesBothShapes(string name)
        {
            var layer = Make(name);
            layer.Forward(new Tensor(2, 3, 4));
            var e = Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor(2, 5)));
            Assert.Contains("[2, 5]", e.Message);
            Assert.Contains(name == "flatten" ? "[2, 12]" : "[2, 3, 4]", e.Message);
        }

        [Fact]
        public void Flatten_KeepsBatch_AndRestoresShapeOnBackward()
        {
            var flatten = new Flatten();
            var x = TestData.Random(1, 2, 16, 5, 5);
            var y = flatten.Forward(x);
            Assert.Equal(new[] { 2, 400 }, y.Shape.ToArray());
            Assert.Equal(x.ToArray(), y.ToArray());
            var g = TestData.Random(2, 2, 400);
            var dx = flatten.Backward(g);
            Assert.Equal(new[] { 2, 16, 5, 5 }, dx.Shape.ToArray());
            Assert.Equal(g.ToArray(), dx.ToArray());
        }
    }
}
