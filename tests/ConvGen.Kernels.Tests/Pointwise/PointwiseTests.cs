using System;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Pointwise
{
    /// <summary>
    /// The pointwise (flattened-pixel GEMM) forward against the reference, on planes below one tile (which fall back to the
    /// packed row kernel), exactly one tile, tiles plus a tail, and many tiles (AVX-512 tiles are 32 pixels, AVX2 tiles 24:
    /// 4 x 8 is one of them plus a tail, 5 x 10 two plus a tail); and its evaluation mode.
    /// </summary>
    public class PointwiseTests
    {
        public static TheoryData<string, int, int, int> Cases()
        {
            var data = new TheoryData<string, int, int, int>();
            foreach (string layer in new[] { nameof(PointwiseLayer), nameof(GroupedPointwiseNoBias), nameof(DeepPointwise), nameof(GroupedDeepPointwise), nameof(NarrowPointwise) })
            foreach (var (h, w) in new[] { (1, 1), (4, 5), (4, 8), (6, 6), (7, 9), (5, 10), (3, 31), (28, 28) })
            foreach (int batch in new[] { 1, 3 })
                data.Add(layer, batch, h, w);
            return data;
        }

        private static (ILayer Layer, ConvGeometry Geometry) Create(string name) => name switch
        {
            nameof(PointwiseLayer) => (new PointwiseLayer(new Random(4)), PointwiseLayer.Geometry),
            nameof(GroupedPointwiseNoBias) => (new GroupedPointwiseNoBias(new Random(4)), GroupedPointwiseNoBias.Geometry),
            nameof(DeepPointwise) => (new DeepPointwise(new Random(4)), DeepPointwise.Geometry),
            nameof(GroupedDeepPointwise) => (new GroupedDeepPointwise(new Random(4)), GroupedDeepPointwise.Geometry),
            nameof(NarrowPointwise) => (new NarrowPointwise(new Random(4)), NarrowPointwise.Geometry),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_and_gradients_match_the_reference(string name, int batch, int height, int width)
        {
            var (layer, g) = Create(name);
            Tensor x = TestData.Random(9, batch, g.InChannels, height, width);
            Tensor w = layer.Parameters[0].Value;
            Tensor? b = g.HasBias ? layer.Parameters[1].Value : null;
            Tensor y = layer.Forward(x);
            Assert.InRange(TestData.RelativeError(y.AsSpan(), ConvReference.Forward(g, x, w, b).AsSpan()), 0, 1e-5);

            Tensor gy = TestData.Random(10, y.Shape.ToArray());
            Tensor gx = layer.Backward(gy);
            var (ex, ew, eb) = ConvReference.Backward(g, x, w, gy);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, 1e-5);
            Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan()), 0, 1e-5);
            if (g.HasBias) Assert.InRange(TestData.RelativeError(layer.Parameters[1].Grad.AsSpan(), eb.AsSpan()), 0, 1e-5);
        }

        /// <summary>
        /// Weights only (SetInputGradientRequired(false)): without AVX-512 the deep layers then sum dY's planes for dBias without
        /// packing dY; both ways give the same parameter gradients, bit for bit, on top of what was there.
        /// </summary>
        [Theory]
        [InlineData(nameof(DeepPointwise), 1, 6, 7)]
        [InlineData(nameof(DeepPointwise), 3, 28, 28)]
        [InlineData(nameof(GroupedDeepPointwise), 2, 5, 9)]
        public void Weights_only_backward_accumulates_the_same_parameter_gradients(string name, int batch, int height, int width)
        {
            var (full, g) = Create(name);
            var (weightsOnly, _) = Create(name);
            weightsOnly.SetInputGradientRequired(false);
            Tensor x = TestData.Random(12, batch, g.InChannels, height, width);
            Tensor gy = TestData.Random(13, batch, g.OutChannels, height, width);
            foreach (ILayer layer in new[] { full, weightsOnly })
            {
                foreach (Parameter p in layer.Parameters) p.Grad.AsSpan().Fill(0.5f);
                layer.Forward(x);
                layer.Backward(gy);
            }
            for (int i = 0; i < full.Parameters.Count; i++)
                Assert.Equal(full.Parameters[i].Grad.ToArray(), weightsOnly.Parameters[i].Grad.ToArray());
        }

        /// <summary>
        /// An infinite input pixel poisons the weight gradient of its input channel only: the pointwise weight tiles read each
        /// plane's pixels and nothing past them (the 7 x 5 plane ends 3 pixels into a vector of 8 and 3 into one of 16).
        /// </summary>
        [Fact]
        public void An_infinite_input_pixel_poisons_only_its_input_channels_weight_gradients()
        {
            var (layer, g) = Create(nameof(DeepPointwise));
            Tensor x = TestData.Random(14, 2, g.InChannels, 7, 5);
            const int channel = 38; // in the 4 x 1 tail tile's neighbour block
            x[1, channel, 6, 4] = float.PositiveInfinity;
            Tensor gy = TestData.Random(15, 2, g.OutChannels, 7, 5);
            layer.Forward(x);
            layer.Backward(gy);
            Tensor finite = x.Clone();
            finite[1, channel, 6, 4] = 0;
            var (_, ew, _) = ConvReference.Backward(g, finite, layer.Parameters[0].Value, gy);
            for (int co = 0; co < g.OutChannels; co++)
            for (int ci = 0; ci < g.InChannels; ci++)
            {
                float got = layer.Parameters[0].Grad[co, ci, 0, 0];
                if (ci == channel) Assert.False(float.IsFinite(got), $"dW[{co}, {ci}] = {got}");
                else Assert.InRange(Math.Abs(got - ew[co, ci, 0, 0]), 0, 1e-4 * (1 + Math.Abs(ew[co, ci, 0, 0])));
            }
        }

        [Fact]
        public void Evaluation_mode_gives_the_same_output_and_refuses_backward_until_training_resumes()
        {
            var layer = new PointwiseLayer(new Random(4));
            Tensor x = TestData.Random(11, 2, 20, 9, 7);
            float[] training = layer.Forward(x).ToArray();

            layer.SetTraining(false);
            Tensor y = layer.Forward(x);
            Assert.Equal(training, y.ToArray());
            var e = Assert.Throws<InvalidOperationException>(() => layer.Backward(y));
            Assert.Contains("training mode", e.Message);

            layer.SetTraining(true);
            layer.Forward(x);
            Tensor gx = layer.Backward(y);
            var (ex, _, _) = ConvReference.Backward(PointwiseLayer.Geometry, x, layer.Weight, y);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, 1e-5);
        }
    }
}
