using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>
    /// Frozen parameters (Parameter.RequiresGrad false) in generated layers: Backward leaves their gradients exactly as they
    /// were, still accumulates the others as before, and returns the same input gradient bits; with every parameter frozen it
    /// computes the input gradient alone (backward-data). Both weight-gradient strategies: the direct kernel (a strided layer)
    /// and the column one (the CIFAR stem).
    /// </summary>
    public class FrozenParameterTests
    {
        public static TheoryData<string, bool, bool> Cases()
        {
            var data = new TheoryData<string, bool, bool>();
            foreach (string name in new[] { nameof(SlicedCifarStem), nameof(Acceptance) })
                foreach (var (weight, bias) in new[] { (false, true), (true, false), (false, false) })
                    data.Add(name, weight, bias);
            return data;
        }

        private static ILayer Create(string name) => name switch
        {
            nameof(SlicedCifarStem) => new SlicedCifarStem(new Random(1)),
            nameof(Acceptance) => new Acceptance(new Random(1)),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Frozen_gradients_stay_as_they_were_and_the_rest_is_unchanged(string name, bool weight, bool bias)
        {
            ILayer frozen = Create(name), free = Create(name);
            frozen.Parameters[0].RequiresGrad = weight;
            frozen.Parameters[1].RequiresGrad = bias;
            foreach (Parameter p in frozen.Parameters) p.Grad.AsSpan().Fill(7);
            foreach (Parameter p in free.Parameters) p.Grad.AsSpan().Fill(7);
            Tensor x = TestData.Random(3, 5, free.Parameters[0].Value.Dim(1), 13, 11);
            Tensor gy = TestData.Random(4, free.Forward(x).Shape.ToArray());
            frozen.Forward(x);

            Tensor gx = frozen.Backward(gy);
            Tensor expected = free.Backward(gy);

            Assert.Equal(expected.ToArray(), gx.ToArray());
            Assert.Equal(weight ? free.Parameters[0].Grad.ToArray() : Enumerable.Repeat(7f, frozen.Parameters[0].Grad.Length).ToArray(), frozen.Parameters[0].Grad.ToArray());
            Assert.Equal(bias ? free.Parameters[1].Grad.ToArray() : Enumerable.Repeat(7f, frozen.Parameters[1].Grad.Length).ToArray(), frozen.Parameters[1].Grad.ToArray());
        }

        [Fact]
        public void A_frozen_layer_still_matches_the_reference_input_gradient_and_can_be_unfrozen()
        {
            var layer = new SlicedCifarStem(new Random(1));
            foreach (Parameter p in ((ILayer)layer).Parameters) p.RequiresGrad = false;
            Tensor x = TestData.Random(5, 3, 3, 16, 12);
            Tensor gy = TestData.Random(6, layer.Forward(x).Shape.ToArray());
            Tensor gx = layer.Backward(gy);
            var (ex, ew, _) = ConvReference.Backward(SlicedCifarStem.Geometry, x, layer.Weight, gy);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, 1e-4);
            Assert.All(layer.WeightGrad.ToArray(), v => Assert.Equal(0f, v));

            foreach (Parameter p in ((ILayer)layer).Parameters) p.RequiresGrad = true;
            layer.Backward(gy);
            Assert.InRange(TestData.RelativeError(layer.WeightGrad.AsSpan(), ew.AsSpan()), 0, 1e-4);
        }
    }
}
