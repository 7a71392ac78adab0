using System;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>
    /// After <see cref="ILayer.EnableBufferReuse"/> the generated Tensor overloads return tensors the layer keeps and reuses
    /// while the shape stays the same. Reuse must never change a result, a steady-state call must not allocate its output
    /// again, and without it every call must still return a new tensor.
    /// </summary>
    public class TensorBufferReuseTests
    {
        private static T Reusing<T>(T layer) where T : ILayer
        {
            layer.EnableBufferReuse(output: true, inputGradient: true);
            return layer;
        }

        [Fact]
        public void Without_reuse_each_call_returns_a_new_tensor()
        {
            var layer = new Acceptance(new Random(1));
            Tensor y1 = layer.Forward(TestData.Random(1, 2, Acceptance.InChannels, 9, 11));
            float[] kept = y1.ToArray();
            Tensor y2 = layer.Forward(TestData.Random(2, 2, Acceptance.InChannels, 9, 11));
            Assert.NotSame(y1, y2);
            Assert.Equal(kept, y1.ToArray());
            Tensor g1 = layer.Backward(TestData.Random(3, y2.Shape.ToArray()));
            Assert.NotSame(g1, layer.Backward(TestData.Random(4, y2.Shape.ToArray())));
        }

        [Fact]
        public void Reused_output_and_gradient_match_a_new_layer_across_batch_size_changes()
        {
            var layer = Reusing(new Acceptance(new Random(1)));
            foreach (var (batch, seed) in new[] { (3, 10), (1, 11), (3, 12), (3, 13) })
            {
                layer.WeightGrad.Clear();
                layer.BiasGrad!.Clear();
                Tensor x = TestData.Random(seed, batch, Acceptance.InChannels, 17, 23);
                Tensor y = layer.Forward(x);
                Tensor gy = TestData.Random(seed + 100, y.Shape.ToArray());
                Tensor gx = layer.Backward(gy);

                var fresh = new Acceptance(new Random(1));
                Assert.Equal(fresh.Forward(x).ToArray(), y.ToArray());
                Assert.Equal(fresh.Backward(gy).ToArray(), gx.ToArray());
                Assert.Equal(fresh.WeightGrad.ToArray(), layer.WeightGrad.ToArray());
                Assert.Equal(batch, y.Dim(0));
                Assert.Equal(batch, gx.Dim(0));
            }
        }

        [Fact]
        public void Feeding_a_layer_its_own_output_gives_the_composition()
        {
            var layer = Reusing(new SameShape(new Random(2)));
            Tensor x = TestData.Random(3, 2, 3, 9, 9);
            Tensor once = layer.Forward(x);
            float[] onceValues = once.ToArray();
            Tensor twice = layer.Forward(once);

            var a = new SameShape(new Random(2));
            var b = new SameShape(new Random(2));
            Assert.Equal(onceValues, once.ToArray());   // the input was not written over
            Assert.Equal(b.Forward(a.Forward(x)).ToArray(), twice.ToArray());
        }

        [Fact]
        public void Steady_state_tensor_calls_allocate_far_less_than_their_output()
        {
            var layer = Reusing(new Acceptance(new Random(1)));
            Tensor x = TestData.Random(4, 8, Acceptance.InChannels, 17, 23);
            Tensor gy = TestData.Random(5, layer.Forward(x).Shape.ToArray());
            layer.Backward(gy);
            long outputBytes = (long)gy.Length * sizeof(float) + (long)x.Length * sizeof(float);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                layer.Forward(x);
                layer.Backward(gy);
            }
            long perPair = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
            // Only the small shape arrays of the checks remain; a fresh output and input gradient would be outputBytes.
            Assert.True(perPair < 512, $"{perPair} B per Forward+Backward (output + input gradient are {outputBytes} B)");
        }
    }
}
