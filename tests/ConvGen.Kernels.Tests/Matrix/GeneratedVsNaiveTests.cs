using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Matrix
{
    /// <summary>Every generated layer of the matrix against the naive reference kernel: forward and all three gradients.</summary>
    public class GeneratedVsNaiveTests
    {
        private const double Tolerance = 1e-4;

        [Theory]
        [MemberData(nameof(MatrixCases.All), MemberType = typeof(MatrixCases))]
        public void Forward_matches_naive(string layerName, int batch, int height, int width)
        {
            var (_, create, g) = MatrixCases.Layer(layerName);
            ILayer layer = create(new Random(42));
            Tensor x = TestData.Random(7, batch, g.InChannels, height, width);

            Tensor y = layer.Forward(x);
            Tensor expected = ConvReference.Forward(g, x, layer.Parameters[0].Value, g.HasBias ? layer.Parameters[1].Value : null);

            Assert.Equal(expected.Shape.ToArray(), y.Shape.ToArray());
            Assert.InRange(TestData.RelativeError(y.AsSpan(), expected.AsSpan()), 0, Tolerance);
        }

        /// <summary>
        /// Evaluation mode may pack differently (stride-1 zero-padded layers share border columns between rows; stride-2 and
        /// unpadded ones may read plain rows or the caller's input): each mode matches the reference, also after switching
        /// from the other (the scratch buffers are re-laid then), and a Backward after the training-mode Forward is exact.
        /// </summary>
        [Theory]
        [MemberData(nameof(MatrixCases.All), MemberType = typeof(MatrixCases))]
        public void Evaluation_forward_matches_naive_between_training_calls(string layerName, int batch, int height, int width)
        {
            var (_, create, g) = MatrixCases.Layer(layerName);
            ILayer layer = create(new Random(42));
            Tensor x = TestData.Random(7, batch, g.InChannels, height, width), x2 = TestData.Random(8, batch, g.InChannels, height, width);
            Tensor? bias = g.HasBias ? layer.Parameters[1].Value : null;
            Tensor expected = ConvReference.Forward(g, x, layer.Parameters[0].Value, bias);
            for (int call = 0; call < 3; call++)
            {
                bool training = call == 1;
                layer.SetTraining(training);
                Tensor input = training ? x2 : x;
                Tensor y = layer.Forward(input);
                Tensor want = training ? ConvReference.Forward(g, x2, layer.Parameters[0].Value, bias) : expected;
                Assert.InRange(TestData.RelativeError(y.AsSpan(), want.AsSpan()), 0, Tolerance);
                if (!training) continue;
                Tensor gy = TestData.Random(9, y.Shape.ToArray());
                Tensor gx = layer.Backward(gy);
                var (ex, ew, _) = ConvReference.Backward(g, x2, layer.Parameters[0].Value, gy);
                Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, Tolerance);
                Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan()), 0, Tolerance);
            }
        }

        [Theory]
        [MemberData(nameof(MatrixCases.All), MemberType = typeof(MatrixCases))]
        public void Backward_matches_naive(string layerName, int batch, int height, int width)
        {
            var (_, create, g) = MatrixCases.Layer(layerName);
            ILayer layer = create(new Random(42));
            Tensor x = TestData.Random(7, batch, g.InChannels, height, width);
            Tensor y = layer.Forward(x);
            Tensor gy = TestData.Random(9, y.Shape.ToArray());

            Tensor gx = layer.Backward(gy);
            var (ex, ew, eb) = ConvReference.Backward(g, x, layer.Parameters[0].Value, gy);

            Assert.Equal(x.Shape.ToArray(), gx.Shape.ToArray());
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, Tolerance);
            Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan()), 0, Tolerance);
            Assert.InRange(TestData.RelativeError(layer.Parameters[1].Grad.AsSpan(), eb.AsSpan()), 0, Tolerance);
        }
    }
}
