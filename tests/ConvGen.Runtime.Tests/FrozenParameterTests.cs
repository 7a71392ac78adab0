using System;
using System.Linq;
using ConvGen.Layers;
using ConvGen.Optimizers;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// Parameter.RequiresGrad (PyTorch's requires_grad): false freezes a parameter. Containers' renamed views share the flag,
    /// layers leave a frozen gradient untouched, and optimizers leave a frozen value as it is (even with momentum and weight
    /// decay, which would move it on a zero gradient).
    /// </summary>
    public class FrozenParameterTests
    {
        [Fact]
        public void Parameters_require_gradients_by_default_and_renamed_views_share_the_flag()
        {
            var p = new Parameter("w", new Tensor(2), new Tensor(2));
            Parameter view = p.WithName("layer.w");
            Assert.True(p.RequiresGrad);
            view.RequiresGrad = false;
            Assert.False(p.RequiresGrad);
            Assert.Equal("layer.w", view.Name);
            Assert.Same(p.Value, view.Value);
            Assert.Same(p.Grad, view.Grad);
        }

        [Fact]
        public void Freezing_a_sequential_parameter_freezes_the_layers_own()
        {
            var linear = new Linear(3, 2, random: new Random(1));
            var model = new Sequential(("fc", (ILayer)linear));
            model.Parameters.Single(p => p.Name == "fc.weight").RequiresGrad = false;
            Assert.False(linear.Parameters[0].RequiresGrad);
            Assert.True(linear.Parameters[1].RequiresGrad);
        }

        [Theory]
        [InlineData(false, true)]
        [InlineData(true, false)]
        [InlineData(false, false)]
        public void Linear_leaves_frozen_gradients_untouched_and_still_returns_the_input_gradient(bool weight, bool bias)
        {
            var frozen = new Linear(4, 3, random: new Random(1));
            var free = new Linear(4, 3, random: new Random(1));
            frozen.Parameters[0].RequiresGrad = weight;
            frozen.Parameters[1].RequiresGrad = bias;
            frozen.WeightGrad.AsSpan().Fill(7);
            frozen.BiasGrad!.AsSpan().Fill(7);
            Tensor x = TestData.Random(1, 5, 4), gy = TestData.Random(2, 5, 3);

            Tensor gx = frozen.Backward(Forward(frozen, x, gy));
            Tensor expected = free.Backward(Forward(free, x, gy));

            Assert.Equal(expected.ToArray(), gx.ToArray());
            // A frozen gradient keeps its 7s exactly; a free one gains the gradient (added onto 7, so rounded differently).
            if (weight) TestData.Equal(AddSeven(free.WeightGrad), frozen.WeightGrad.AsSpan(), 1e-5);
            else Assert.Equal(Enumerable.Repeat(7f, 12).ToArray(), frozen.WeightGrad.ToArray());
            if (bias) TestData.Equal(AddSeven(free.BiasGrad!), frozen.BiasGrad.AsSpan(), 1e-5);
            else Assert.Equal(Enumerable.Repeat(7f, 3).ToArray(), frozen.BiasGrad.ToArray());
        }

        private static Tensor Forward(Linear layer, Tensor x, Tensor gy)
        {
            layer.Forward(x);
            return gy;
        }

        private static float[] AddSeven(Tensor t) => t.ToArray().Select(v => v + 7).ToArray();

        [Fact]
        public void Optimizers_do_not_move_frozen_parameters()
        {
            foreach (Func<Parameter[], Optimizer> make in new Func<Parameter[], Optimizer>[]
            {
                ps => new Sgd(ps, 0.1f, momentum: 0.9f, weightDecay: 0.01f),
                ps => new Adam(ps, 0.1f, weightDecay: 0.01f),
            })
            {
                var frozen = new Parameter("a", new Tensor(new float[] { 1, 2 }, 2), new Tensor(2)) { RequiresGrad = false };
                var free = new Parameter("b", new Tensor(new float[] { 1, 2 }, 2), new Tensor(2));
                Optimizer optimizer = make([frozen, free]);
                for (int step = 0; step < 3; step++)
                {
                    frozen.Grad.AsSpan().Fill(1);
                    free.Grad.AsSpan().Fill(1);
                    optimizer.Step();
                }
                Assert.Equal(new float[] { 1, 2 }, frozen.Value.ToArray());
                Assert.NotEqual(new float[] { 1, 2 }, free.Value.ToArray());
            }
        }

        /// <summary>
        /// Adam counts each parameter's own steps (PyTorch keeps state["step"] per parameter): a parameter frozen for two steps
        /// and then trained takes the same first update as one trained from the start, bias correction included.
        /// </summary>
        [Fact]
        public void Adam_counts_steps_per_parameter()
        {
            var late = new Parameter("late", new Tensor(new float[] { 1, -2 }, 2), new Tensor(2)) { RequiresGrad = false };
            var other = new Parameter("other", new Tensor(new float[] { 3 }, 1), new Tensor(1));
            var adam = new Adam([other, late], 0.1f);
            for (int step = 0; step < 2; step++) { other.Grad.AsSpan().Fill(1); adam.Step(); }
            late.RequiresGrad = true;
            late.Grad.AsSpan().Fill(0.5f);
            adam.Step();

            var fresh = new Parameter("fresh", new Tensor(new float[] { 1, -2 }, 2), new Tensor(new float[] { 0.5f, 0.5f }, 2));
            new Adam([fresh], 0.1f).Step();
            Assert.Equal(fresh.Value.ToArray(), late.Value.ToArray());
        }
    }
}
