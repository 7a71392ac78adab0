using System;
using ConvGen.Layers;
using ConvGen.Losses;
using ConvGen.Optimizers;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// Layers and losses keep their output and gradient tensors across calls. These tests hold the two sides of that:
    /// a steady-state step allocates (almost) nothing, and reuse never changes a result.
    /// </summary>
    public class BufferReuseTests
    {
        // Every layer whose buffers are reused, with an input shape it accepts.
        public static TheoryData<string> LayerNames => new() { "relu", "tanh", "sigmoid", "maxpool", "avgpool", "linear" };

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
            var (layer, shape) = Make(name, 16);
            Tensor x = TestData.Random(1, shape);
            Tensor g = TestData.Random(2, layer.Forward(x).Shape.ToArray());
            layer.Backward(g);
            int outputBytes = g.Length * sizeof(float);

            long before = GC.GetAllocatedBytesForCurrentThread();
            const int calls = 20;
            for (int i = 0; i < calls; i++)
            {
                layer.Forward(x);
                layer.Backward(g);
            }
            long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / calls;

            // Before buffers were reused, each call pair allocated its output and its input gradient (>= 2 outputs).
            Assert.True(outputBytes >= 4096, $"test shape too small to tell: output {outputBytes} B");
            Assert.True(perCall < 512, $"{name}: {perCall} B per forward+backward in steady state (output is {outputBytes} B)");
        }

        [Theory]
        [MemberData(nameof(LayerNames))]
        public void Reused_buffers_give_the_same_results_as_a_new_layer_even_when_the_batch_changes(string name)
        {
            var (layer, shape4) = Make(name, 4);
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
            var relu = new ReLU();
            Tensor x = TestData.Random(3, 2, 50);
            Tensor y1 = relu.Forward(x);
            float[] expected = y1.ToArray();
            Tensor y2 = relu.Forward(y1);
            Assert.NotSame(y1, y2);
            Assert.Equal(expected, y1.ToArray());
            Assert.Equal(expected, y2.ToArray());   // ReLU is idempotent

            var linear = new Linear(50, 50, random: new Random(5));
            var twin = new Linear(50, 50, random: new Random(5));
            Tensor h = linear.Forward(x);
            float[] once = h.ToArray();
            Tensor twice = linear.Forward(h);   // h is linear's own buffer: reading and writing it at once would be wrong
            Assert.Equal(once, h.ToArray());
            TestData.Equal(twin.Forward(twin.Forward(x).Clone()).AsSpan(), twice.AsSpan());
        }

        [Fact]
        public void Loss_gradient_survives_later_forward_calls_and_its_steady_state_allocates_nothing()
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

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                loss.Forward(logits, labels);
                loss.Backward();
            }
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256, "CrossEntropyLoss allocates per step");
        }

        [Fact]
        public void Steady_state_training_step_allocates_less_than_a_kilobyte()
        {
            Rng.ManualSeed(3);
            var net = new Sequential(
                ("pool", new MaxPool2d(2)), ("tanh", new Tanh()), ("flatten", new Flatten()),
                ("fc1", new Linear(3 * 8 * 8, 32)), ("relu", new ReLU()), ("fc2", new Linear(32, 10)));
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

            long before = GC.GetAllocatedBytesForCurrentThread();
            const int steps = 10;
            float last = 0;
            for (int s = 0; s < steps; s++) last = Step();
            long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;

            // The activations alone are 12 KB + 3 KB + ... per step; fresh tensors would show up many times over.
            Assert.True(perStep < 1024, $"{perStep} B per training step");
            Assert.True(last < first, $"loss did not fall: {first} -> {last}");
        }
    }
}
