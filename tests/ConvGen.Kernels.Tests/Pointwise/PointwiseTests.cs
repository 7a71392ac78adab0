using System;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Pointwise
{
    /// <summary>
    /// The pointwise (flattened-pixel GEMM) forward against the reference, on planes below one tile (which fall back to the
    /// packed row kernel), exactly one tile, tiles plus a tail, and many tiles; and its evaluation mode.
    /// </summary>
    public class PointwiseTests
    {
        public static TheoryData<string, int, int, int> Cases()
        {
            var data = new TheoryData<string, int, int, int>();
            foreach (string layer in new[] { nameof(PointwiseLayer), nameof(GroupedPointwiseNoBias) })
            foreach (var (h, w) in new[] { (1, 1), (4, 5), (4, 8), (6, 6), (7, 9), (3, 31), (28, 28) })
            foreach (int batch in new[] { 1, 3 })
                data.Add(layer, batch, h, w);
            return data;
        }

        private static (ILayer Layer, ConvGeometry Geometry) Create(string name) => name switch
        {
            nameof(PointwiseLayer) => (new PointwiseLayer(new Random(4)), PointwiseLayer.Geometry),
            nameof(GroupedPointwiseNoBias) => (new GroupedPointwiseNoBias(new Random(4)), GroupedPointwiseNoBias.Geometry),
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
