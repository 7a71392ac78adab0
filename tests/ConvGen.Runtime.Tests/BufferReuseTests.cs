using System;
using ConvGen.Layers;
using ConvGen.Losses;
using ConvGen.Optimizers;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// Layers (once <see cref="ILayer.EnableBufferReuse"/> is on, as Sequential does for its inner tensors) and losses keep
    /// their output and gradient tensors across calls. These tests hold both sides of that: a steady-state step allocates
    /// (almost) nothing, reuse never changes a result, and nothing is reused where a caller may still hold the result.
    /// </summary>
    public class BufferReuseTests
    {
        /// <summary>
        /// Bytes the calling thread allocates per call, in the quietest of three windows of <paramref name="calls"/> calls: what
        /// every call allocates shows in every window, while a one-off shows in one only (lazy runtime state such as the event
        /// behind a thread's first blocking wait, 88 B; with two busy-looping processes beside it, one run of a single 10-step
        /// window read 352 B per step more than the steady state, cause not pinned down).
        /// </summary>
        private static long SteadyStateBytesPerCall(Action call, int calls)
        {
            long least = long.MaxValue;
            for (int window = 0; window < 3; window++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < calls; i++) call();
                least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / calls);
            }
            return least;
        }

        // Every layer whose buffers are reused, with an input shape it accepts.
        public static TheoryData<string> LayerNames => new() { "relu", "tanh", "sigmoid", "maxpool", "avgpool", "linear" };

        private static (ILayer Layer, int[] InputShape) Reusing(string name, int batch)
        {
            var made = Make(name, batch);
            made.Layer.EnableBufferReuse(output: true, inputGradient: true);
            return made;
        }

        private static (ILayer Layer, int[] InputShape) Make(string name, int batch) => name switch
        {
            "relu" => (new ReLU(), [batch, 3, 8, 8]),
            "tanh" => (new Tanh(), [batch, 3, 8, 8]),
            "sigmoid" => (new Sigmoid(), [batch, 3, 8, 8]),
            // Overlapping windows (stride < kernel): the backward pass adds several contributions into one input gradient.
            "maxpool" => (new MaxPool2d(3, stride: 1), [batch, 3, 8, 8]),
            "avgpool" => (new AvgPool2d(3, stride: 1), [batch, 3, 8, 8]),
            "linear" => (new Linear(40, 80, random: new Random(4)), [batch, 40]),
            _ => throw new ArgumentException(name),
        };

        /// <summary>Forward and backward on a new layer: what any call with these inputs must give.</summary>
        private static (float[] Output, float[] GradInput, float[] ParamGrads) Fresh(string name, Tensor x, Tensor g)
        {
            var (layer, _) = Make(name, x.Dim(0));
            float[] y = layer.Forward(x).ToArray();
            float[] dx = layer.Backward(g).ToArray();
            return (y, dx, ParamGrads(layer));
        }

        private static float[] ParamGrads(ILayer layer)
        {
            var all = new System.Collections.Generic.List<float>();
            foreach (var p in layer.Parameters) all.AddRange(p.Grad.ToArray());
            return all.ToArray();
        }

        private static void ZeroGrads(ILayer layer)
        {
            foreach (var p in layer.Parameters) p.ZeroGrad();
        }

        [Theory]
        [MemberData(nameof(LayerNames))]
        public void Steady_state_forward_and_backward_allocate_far_less_than_one_output(string name)
        {
            var (layer, shape) = Reusing(name, 16);
            Tensor x = TestData.Random(1, shape);
            Tensor g = TestData.Random(2, layer.Forward(x).Shape.ToArray());
            layer.Backward(g);
            int outputBytes = g.Length * sizeof(float);

            long perCall = SteadyStateBytesPerCall(() =>
            {
                layer.Forward(x);
                layer.Backward(g);
            }, calls: 20);

            // Before buffers were reused, each call pair allocated its output and its input gradient (>= 2 outputs).
            Assert.True(outputBytes >= 4096, $"test shape too small to tell: output {outputBytes} B");
            Assert.True(perCall < 512, $"{name}: {perCall} B per forward+backward in steady state (output is {outputBytes} B)");
        }

        [Theory]
        [MemberData(nameof(LayerNames))]
        public void Reused_buffers_give_the_same_results_as_a_new_layer_even_when_the_batch_changes(string name)
        {
            var (layer, shape4) = Reusing(name, 4);
            int[] shape2 = [2, .. shape4[1..]];
            Tensor x4 = TestData.Random(10, shape4), x2 = TestData.Random(11, shape2), x4b = TestData.Random(12, shape4);
            Tensor g4 = TestData.Random(20, layer.Forward(x4).Shape.ToArray());
            layer.Backward(g4);

            // Batch 4, then 2, then 4 again with other values: each result must equal a new layer's on that input alone.
            foreach (var (x, seed) in new[] { (x2, 21), (x4b, 22), (x4b, 23) })
            {
                ZeroGrads(layer);
                Tensor y = layer.Forward(x);
                Tensor g = TestData.Random(seed, y.Shape.ToArray());
                var expected = Fresh(name, x, g);
                Assert.Equal(x.Dim(0), y.Dim(0));
                TestData.Equal(expected.Output, y.AsSpan());
                TestData.Equal(expected.GradInput, layer.Backward(g).AsSpan());
                TestData.Equal(expected.ParamGrads, ParamGrads(layer));
            }
        }

        [Fact]
        public void A_layer_fed_its_own_output_does_not_overwrite_its_input()
        {
            ILayer relu = new ReLU();
            relu.EnableBufferReuse(true, true);
            Tensor x = TestData.Random(3, 2, 50);
            Tensor y1 = relu.Forward(x);
            float[] expected = y1.ToArray();
            Tensor y2 = relu.Forward(y1);
            Assert.NotSame(y1, y2);
            Assert.Equal(expected, y1.ToArray());
            Assert.Equal(expected, y2.ToArray());   // ReLU is idempotent

            ILayer linear = new Linear(50, 50, random: new Random(5));
            linear.EnableBufferReuse(true, true);
            var twin = new Linear(50, 50, random: new Random(5));
            Tensor h = linear.Forward(x);
            float[] once = h.ToArray();
            Tensor twice = linear.Forward(h);   // h is linear's own buffer: reading and writing it at once would be wrong
            Assert.Equal(once, h.ToArray());
            TestData.Equal(twin.Forward(twin.Forward(x).Clone()).AsSpan(), twice.AsSpan());
        }

        [Fact]
        public void Loss_gradient_survives_later_calls_and_the_loss_allocates_only_that_copy()
        {
            var loss = new CrossEntropyLoss();
            Tensor logits = TestData.Random(4, 32, 10);
            int[] labels = new int[32];
            for (int i = 0; i < labels.Length; i++) labels[i] = i % 10;
            loss.Forward(logits, labels);
            float[] expected = loss.Backward().ToArray();
            Tensor g = loss.Backward();
            loss.Forward(TestData.Random(5, 32, 10), labels);
            Assert.Equal(expected, g.ToArray());

            long perStep = SteadyStateBytesPerCall(() =>
            {
                loss.Forward(logits, labels);
                loss.Backward();
            }, calls: 10);
            // The gradient [32, 10] handed back each time (1,280 B + headers); the softmax buffer itself is reused.
            Assert.True(perStep < 32 * 10 * sizeof(float) + 256, $"CrossEntropyLoss allocates {perStep} B per step");
        }

        [Theory]
        [MemberData(nameof(LayerNames))]
        public void Without_reuse_enabled_each_call_returns_a_new_tensor(string name)
        {
            // The equivariance pattern: keep y, run a shifted input, compare. Reuse here would compare a tensor with itself.
            var (layer, shape) = Make(name, 2);
            Tensor y1 = layer.Forward(TestData.Random(30, shape));
            float[] kept = y1.ToArray();
            Tensor y2 = layer.Forward(TestData.Random(31, shape));
            Assert.NotSame(y1, y2);
            Assert.Equal(kept, y1.ToArray());
            Tensor g1 = layer.Backward(TestData.Random(32, y2.Shape.ToArray()));
            float[] keptGrad = g1.ToArray();
            Tensor g2 = layer.Backward(TestData.Random(33, y2.Shape.ToArray()));
            Assert.NotSame(g1, g2);
            Assert.Equal(keptGrad, g1.ToArray());
        }

        [Fact]
        public void Sequential_hands_back_new_tensors_but_reuses_the_ones_between_its_layers()
        {
            Rng.ManualSeed(4);
            var net = new Sequential(new ReLU(), new Linear(6, 4), new Tanh());
            Tensor a = net.Forward(TestData.Random(40, 3, 6));
            float[] kept = a.ToArray();
            Tensor b = net.Forward(TestData.Random(41, 3, 6));
            Assert.NotSame(a, b);
            Assert.Equal(kept, a.ToArray());
            Tensor ga = net.Backward(TestData.Random(42, 3, 4));
            Tensor gb = net.Backward(TestData.Random(43, 3, 4));
            Assert.NotSame(ga, gb);

            // Inner layers reuse: the ReLU's output is the same tensor call after call.
            Tensor h1 = net[0].Forward(TestData.Random(44, 3, 6));
            Assert.Same(h1, net[0].Forward(TestData.Random(45, 3, 6)));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Steady_state_training_step_allocates_only_what_the_model_hands_back(bool reuseEverything)
        {
            Rng.ManualSeed(3);
            var net = new Sequential(
                ("pool", new MaxPool2d(2)), ("tanh", new Tanh()), ("flatten", new Flatten()),
                ("fc1", new Linear(3 * 8 * 8, 32)), ("relu", new ReLU()), ("fc2", new Linear(32, 10)));
            if (reuseEverything) ((ILayer)net).EnableBufferReuse(true, true);
            var sgd = new Sgd(net.Parameters, 0.05f, momentum: 0.9f, weightDecay: 1e-4f);
            var loss = new CrossEntropyLoss();
            Tensor x = TestData.Random(6, 16, 3, 16, 16);
            int[] labels = new int[16];
            for (int i = 0; i < labels.Length; i++) labels[i] = (i * 7) % 10;
            float Step()
            {
                sgd.ZeroGrad();
                float l = loss.Forward(net.Forward(x), labels);
                net.Backward(loss.Backward());
                sgd.Step();
                return l;
            }
            float first = Step();
            Step();   // the momentum buffers are created on the first step

            float last = 0;
            long perStep = SteadyStateBytesPerCall(() => last = Step(), calls: 10);

            // Without reuse the activations and gradients were ~100 KB per step. What the caller may keep is still new each
            // step: the loss gradient [16, 10], and from a top-level Sequential its output [16, 10] and input gradient
            // [16, 3, 16, 16].
            long handedBack = (16 * 10 + (reuseEverything ? 0 : 16 * 10 + 16 * 3 * 16 * 16)) * sizeof(float);
            Assert.True(perStep < handedBack + 1024, $"{perStep} B per training step (of which the model hands back {handedBack} B)");
            Assert.True(last < first, $"loss did not fall: {first} -> {last}");
        }
    }
}
