using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    // Column weight-gradient layers (dY read as passed) pack dY only for the input gradient, slice by slice of the batch
    // (ConvPacking.ImagesPerCacheSlice). Reflect padding folds the packed borders back by adding onto a cleared dX.
    [Conv2d(InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class DxSliceStem { }

    [Conv2d(InChannels = 2, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1, PaddingMode = PaddingMode.Reflect, Bias = false)]
    public partial class DxSliceReflect { }

    /// <summary>
    /// The input gradient of the column weight-gradient layers, packed and computed in slices of the batch: images large enough
    /// that every slice holds one image per thread (the packed dY of one image exceeds the budget of twice the L2 per thread,
    /// whatever this machine's L2), batches that end in a short slice. Against the reference; bit for bit the same as the same
    /// images one call each; and the same bits on one and two threads.
    /// </summary>
    [Collection(nameof(ThreadCountCollection))]
    public class InputGradientSliceTests
    {
        private const double Tolerance = 1e-4;

        private static (ILayer Layer, ConvGeometry Geometry) Create(string name) => name switch
        {
            nameof(DxSliceStem) => (new DxSliceStem(new Random(1)), DxSliceStem.Geometry),
            nameof(DxSliceReflect) => (new DxSliceReflect(new Random(1)), DxSliceReflect.Geometry),
            _ => throw new ArgumentException(name),
        };

        /// <summary>A square size whose packed dY per image (bordered planes) is above the slice budget at two threads.</summary>
        private static int SideAboveBudget(ConvGeometry g)
        {
            long budget = 2L * CacheSizes.L2Bytes * 2;
            int side = (int)Math.Ceiling(Math.Sqrt(budget / (4.0 * g.OutChannels))) + 1;
            Assert.True(ConvPacking.ImagesPerCacheSlice(5, 4L * g.OutChannels * side * side) <= 2);
            return side;
        }

        [Theory]
        [InlineData(nameof(DxSliceStem), 3)]
        [InlineData(nameof(DxSliceReflect), 3)]
        [InlineData(nameof(DxSliceReflect), 2)]
        public void Sliced_input_gradient_matches_the_reference_and_per_image_calls(string name, int batch)
        {
            var (layer, g) = Create(name);
            int side = SideAboveBudget(g);
            Tensor x = TestData.Random(7, batch, g.InChannels, side, side);
            Tensor gy = TestData.Random(9, layer.Forward(x).Shape.ToArray());
            float[] sliced = TestData.OnThreads(1, () => layer.Backward(gy).ToArray());
            ConvReference.AssertBackwardMatches(layer, g, x, gy, new Tensor(sliced, x.Shape.ToArray()), Tolerance);

            int image = g.InChannels * side * side, gradImage = gy.Length / batch;
            for (int n = 0; n < batch; n++)
            {
                var (single, _) = Create(name);
                single.Forward(Tensor.FromSpan(x.AsSpan().Slice(n * image, image), 1, g.InChannels, side, side));
                float[] alone = TestData.OnThreads(1, () => single.Backward(Tensor.FromSpan(gy.AsSpan().Slice(n * gradImage, gradImage), gy.Shape.ToArray().Skip(1).Prepend(1).ToArray())).ToArray());
                Assert.True(alone.AsSpan().SequenceEqual(sliced.AsSpan(n * image, image)), $"{name}: image {n} of {batch} differs from its own call");
            }
        }

        [Theory]
        [InlineData(nameof(DxSliceStem), 5)]
        [InlineData(nameof(DxSliceReflect), 3)]
        public void Sliced_input_gradient_is_the_same_bits_on_one_and_two_threads(string name, int batch)
        {
            float[] Run(int threads) => TestData.OnThreads(threads, () =>
            {
                var (layer, g) = Create(name);
                int side = SideAboveBudget(g);
                Tensor x = TestData.Random(7, batch, g.InChannels, side, side);
                Tensor gx = layer.Backward(TestData.Random(9, layer.Forward(x).Shape.ToArray()));
                return gx.ToArray().Concat(layer.Parameters.SelectMany(p => p.Grad.ToArray())).ToArray();
            });
            Assert.Equal(Run(1), Run(2));
        }
    }
}
