using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using ConvGen.Testing;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>Gradients against central finite differences, PyTorch's accumulation semantics, determinism, and the error cases.</summary>
    public class BackwardContractTests
    {
        // A convolution is linear in its input and in its weights, so a central difference is exact for any step; a large step
        // keeps float32 cancellation noise (abs ~1e-5 at ε = 1e-2) far below the 1e-3 relative bound.
        private static readonly GradientCheckOptions FiniteDifferences = new() { Epsilon = 0.5, Seed = 3 };

        // The first three run the direct weight gradient, the last two the column one (a GEMM over copied input rows).
        public static TheoryData<string> Geometries => new() { "Acceptance", "ReflectDilated", "GroupedFlippedNoBias", "BandedColumns", "GroupedColumns" };

        private static (ILayer Generated, ConvGeometry Geometry, int H, int W) Layer(string name) => name switch
        {
            "Acceptance" => (new Acceptance(new Random(1)), Acceptance.Geometry, 9, 11),
            "ReflectDilated" => (new ReflectDilated(new Random(1)), ReflectDilated.Geometry, 7, 8),
            "GroupedFlippedNoBias" => (new GroupedFlippedNoBias(new Random(1)), GroupedFlippedNoBias.Geometry, 8, 10),
            "BandedColumns" => (new BandedColumns(new Random(1)), BandedColumns.Geometry, 6, 19),
            "GroupedColumns" => (new GroupedColumns(new Random(1)), GroupedColumns.Geometry, 9, 7),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Geometries))]
        public void Reference_backward_matches_central_differences(string name)
        {
            var (_, g, h, w) = Layer(name);
            var result = GradientCheck.Run(new NaiveConvLayer(g, new Random(5)), TestData.Random(2, 2, g.InChannels, h, w), FiniteDifferences);
            Assert.True(result.MaxRelativeError <= 1e-3, result.ToString());
        }

        [Theory]
        [MemberData(nameof(Geometries))]
        public void Generated_backward_matches_central_differences(string name)
        {
            var (layer, g, h, w) = Layer(name);
            var result = GradientCheck.Run(layer, TestData.Random(2, 2, g.InChannels, h, w), FiniteDifferences);
            Assert.True(result.MaxRelativeError <= 1e-3, result.ToString());
        }

        [Fact]
        public void Two_backward_calls_accumulate_parameter_gradients_and_return_the_same_input_gradient()
        {
            var layer = new Acceptance(new Random(1));
            Tensor x = TestData.Random(3, 2, 5, 17, 23);
            Tensor gy = TestData.Random(4, layer.Forward(x).Shape.ToArray());

            float[] gx1 = layer.Backward(gy).ToArray();
            float[] gw1 = layer.WeightGrad.ToArray(), gb1 = layer.BiasGrad!.ToArray();
            float[] gx2 = layer.Backward(gy).ToArray();

            Assert.Equal(gx1, gx2);
            Assert.InRange(TestData.RelativeError(layer.WeightGrad.AsSpan(), gw1.Select(v => 2 * v).ToArray()), 0, 1e-6);
            Assert.InRange(TestData.RelativeError(layer.BiasGrad!.AsSpan(), gb1.Select(v => 2 * v).ToArray()), 0, 1e-6);
        }

        [Fact]
        public void Results_are_bitwise_identical_across_runs()
        {
            float[] Run()
            {
                var layer = new Acceptance(new Random(1));
                Tensor x = TestData.Random(3, 4, 5, 33, 29);
                Tensor y = layer.Forward(x);
                Tensor gx = layer.Backward(TestData.Random(4, y.Shape.ToArray()));
                return y.ToArray().Concat(gx.ToArray()).Concat(layer.WeightGrad.ToArray()).Concat(layer.BiasGrad!.ToArray()).ToArray();
            }
            Assert.Equal(Run(), Run());
        }

        [Fact]
        public void Backward_before_forward_throws_and_says_so()
        {
            var layer = new Acceptance(new Random(1));
            var e = Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor(2, 7, 9, 10)));
            Assert.Contains("before Forward", e.Message);
        }

        [Fact]
        public void Wrong_grad_output_shape_names_expected_and_actual()
        {
            var layer = new Acceptance(new Random(1));
            layer.Forward(new Tensor(2, 5, 17, 23));
            var e = Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor(2, 7, 9, 12)));
            Assert.Contains("[2, 7, 9, 11]", e.Message);
            Assert.Contains("[2, 7, 9, 12]", e.Message);
        }

        [Fact]
        public void Wrong_input_shape_names_expected_and_actual()
        {
            var layer = new Acceptance(new Random(1));
            var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(2, 4, 17, 23)));
            Assert.Contains("[N, 5, H, W]", e.Message);
            Assert.Contains("[2, 4, 17, 23]", e.Message);
            var tooSmall = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(1, 5, 1, 2)));
            Assert.Contains("[1, 5, 1, 2]", tooSmall.Message);
        }

        [Fact]
        public void Span_overloads_check_buffer_lengths()
        {
            var layer = new Acceptance(new Random(1));
            var e = Assert.Throws<ArgumentException>(() => layer.Forward(new float[2 * 5 * 17 * 23], new float[10], 2, 17, 23));
            Assert.Contains("[2, 7, 9, 11]", e.Message);
        }

        /// <summary>
        /// The kernels read the input while they write the output (some read the caller's input directly, with no copy), so an
        /// output buffer overlapping the input, or dX overlapping dY, is refused instead of giving a silently wrong result.
        /// </summary>
        [Fact]
        public void Span_overloads_refuse_an_output_that_overlaps_what_they_read()
        {
            var layer = new Acceptance(new Random(1));
            const int batch = 2, h = 17, w = 23;
            int inputLength = batch * 5 * h * w, outputLength = batch * 7 * 9 * 11;
            var shared = new float[inputLength + outputLength];
            var forward = Assert.Throws<ArgumentException>(() => layer.Forward(shared.AsSpan(0, inputLength), shared.AsSpan(inputLength - 1, outputLength), batch, h, w));
            Assert.Contains("overlaps", forward.Message);
            layer.Forward(shared.AsSpan(0, inputLength), shared.AsSpan(inputLength, outputLength), batch, h, w); // adjacent: fine

            var grads = new float[outputLength + inputLength];
            var backward = Assert.Throws<ArgumentException>(() => layer.Backward(grads.AsSpan(0, outputLength), grads.AsSpan(outputLength - 1, inputLength)));
            Assert.Contains("overlaps", backward.Message);
            layer.Backward(grads.AsSpan(0, outputLength), grads.AsSpan(outputLength, inputLength));
        }
    }
}
