using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using ConvGen.Layers;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>
    /// ILayer.SetInputGradientRequired(false): the generated Backward skips dL/dx (it returns zeros) and still accumulates the
    /// same weight and bias gradients, bit for bit; Sequential passes the setting to its first layer only.
    /// </summary>
    public class InputGradientOptOutTests
    {
        private static (SlicedCifarStem Layer, Tensor X, Tensor Gy) Setup(int batch = 3)
        {
            var layer = new SlicedCifarStem(new Random(1));
            Tensor x = TestData.Random(7, batch, 3, 12, 10);
            Tensor gy = TestData.Random(9, layer.Forward(x).Shape.ToArray());
            return (layer, x, gy);
        }

        [Fact]
        public void Without_it_backward_returns_zeros_and_the_same_parameter_gradients()
        {
            var (required, _, gy) = Setup();
            Tensor gx = required.Backward(gy);
            var (skipping, _, _) = Setup();
            ((ILayer)skipping).SetInputGradientRequired(false);

            Tensor zeros = skipping.Backward(gy);

            Assert.Equal(gx.Shape.ToArray(), zeros.Shape.ToArray());
            Assert.All(zeros.ToArray(), v => Assert.Equal(0f, v));
            Assert.Equal(required.WeightGrad.ToArray(), skipping.WeightGrad.ToArray());
            Assert.Equal(required.BiasGrad!.ToArray(), skipping.BiasGrad!.ToArray());
        }

        [Fact]
        public void The_span_overload_overwrites_the_input_gradient_with_zeros()
        {
            var (layer, x, gy) = Setup();
            ((ILayer)layer).SetInputGradientRequired(false);
            float[] gx = Enumerable.Repeat(float.NaN, x.Length).ToArray();

            layer.Backward(gy.AsSpan(), gx);

            Assert.All(gx, v => Assert.Equal(0f, v));
        }

        [Fact]
        public void Required_again_it_returns_the_reference_gradient()
        {
            var (layer, x, gy) = Setup(batch: 5);
            ((ILayer)layer).SetInputGradientRequired(false);
            layer.Backward(gy);
            ((ILayer)layer).SetInputGradientRequired(true);
            layer.WeightGrad.AsSpan().Clear();

            Tensor gx = layer.Backward(gy);
            var (ex, ew, _) = ConvReference.Backward(SlicedCifarStem.Geometry, x, layer.Weight, gy);

            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, 1e-4);
            Assert.InRange(TestData.RelativeError(layer.WeightGrad.AsSpan(), ew.AsSpan()), 0, 1e-4);
        }

        [Fact]
        public void Sequential_skips_only_its_first_layers_input_gradient()
        {
            Sequential Network() => new(new SlicedCifarStem(new Random(1)), new ReLU(), new SameShapeStem(new Random(2)));
            Tensor x = TestData.Random(7, 4, 3, 11, 13);
            Tensor gy = TestData.Random(9, 4, 32, 11, 13);
            Sequential full = Network(), skipping = Network();
            skipping.SetInputGradientRequired(false);

            full.Forward(x);
            Tensor gx = full.Backward(gy);
            skipping.Forward(x);
            Tensor zeros = skipping.Backward(gy);

            Assert.Contains(gx.ToArray(), v => v != 0);
            Assert.All(zeros.ToArray(), v => Assert.Equal(0f, v));
            // The second convolution's input gradient still reaches the first one's weights.
            Assert.Equal(full.Parameters.Count, skipping.Parameters.Count);
            for (int i = 0; i < full.Parameters.Count; i++)
                Assert.Equal(full.Parameters[i].Grad.ToArray(), skipping.Parameters[i].Grad.ToArray());
        }
    }
}
