using System;
using System.Linq;
using ConvGen.Kernels;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    // LeNet C3: on AVX2 without AVX-512 its output rows of any width take the channel-vector weight gradient (16 output channels
    // of a pixel in 2 vectors).
    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5)]
    public partial class NarrowRowsC3 { }

    // 32 output channels (two blocks of 16), reflect padding materialised in the packed input it reads, and a flipped kernel
    // (true convolution), whose weight element for tap (ky, kx) is (K1 - 1 - ky, K2 - 1 - kx).
    [Conv2d(InChannels = 5, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1, PaddingMode = PaddingMode.Reflect, FlipKernel = true)]
    public partial class NarrowRowsReflectFlipped { }

    // 6 taps a row, the widest the 16 AVX2 registers take (12 accumulators), in a rectangular kernel.
    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 2, K2 = 6, PadH = 1, PadW = 2)]
    public partial class NarrowRowsWideKernel { }

    // Stride 2 (rows of any width take it): 64 output channels in two blocks of 4 vectors, 3 tap groups of 3.
    [Conv2d(InChannels = 5, OutChannels = 64, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class StrideTwoBlocks { }

    // The ResNet stem's 7 x 7 stride-2 kernel with 16 output channels: 2 vectors x groups of 5 or 6 taps across kernel rows.
    [Conv2d(InChannels = 2, OutChannels = 16, K1 = 7, K2 = 7, Stride = 2, Pad = 3, Bias = false)]
    public partial class StrideTwoWideKernel { }

    // 24 output channels (3 vectors x 4 taps), dilation 2 (taps two pixels apart in the stride phases), replicate padding.
    [Conv2d(InChannels = 4, OutChannels = 24, K1 = 3, K2 = 3, Stride = 2, Pad = 2, Dilation = 2, PaddingMode = PaddingMode.Replicate)]
    public partial class StrideTwoDilated { }

    // Stride 2 down the rows only, and across the columns only; 8 channels, one vector.
    [Conv2d(InChannels = 4, OutChannels = 8, K1 = 3, K2 = 3, StrideH = 2, StrideW = 1, Pad = 1)]
    public partial class StrideTwoRows { }
    [Conv2d(InChannels = 4, OutChannels = 8, K1 = 3, K2 = 3, StrideH = 1, StrideW = 2, Pad = 1)]
    public partial class StrideTwoColumns { }

    // Stride 1 with rows of two vectors and more (as ResNet's 56-wide 3x3 layers): 32 output channels, 4 vectors x 3 taps.
    [Conv2d(InChannels = 7, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class WideRows { }

    // Output channels not in 8s: no channel-vector tile, so AVX2 keeps the pixel-vector weight gradient, at any width.
    [Conv2d(InChannels = 5, OutChannels = 12, K1 = 3, K2 = 3, Pad = 1)]
    public partial class PixelVectorRows { }

    /// <summary>
    /// The channel-vector weight gradient (AVX2 without AVX-512, rows of any width, one-group layers with output channels in 8s):
    /// gradients against the reference where it runs and where the pixel-vector kernel runs (output channels not in 8s), the same
    /// bits on one and two threads and without the input gradient, and accumulation over calls, with bands of output rows that
    /// cross images. On other vector paths the same cases check the kernels that run there.
    /// </summary>
    public class ChannelWeightGradTests : WeightGradTheories<ChannelWeightGradTests>, IWeightGradCases
    {
        public static TheoryData<string, int, int, int> CaseList => new()
        {
            { nameof(NarrowRowsC3), 3, 14, 14 },            // 10 x 10 outputs
            { nameof(NarrowRowsC3), 1, 9, 5 },              // 5 x 1: a single output column
            { nameof(NarrowRowsC3), 2, 7, 20 },             // 16 wide
            { nameof(NarrowRowsReflectFlipped), 2, 6, 13 }, // 13 wide, reflect padding
            { nameof(NarrowRowsReflectFlipped), 5, 11, 3 },
            { nameof(NarrowRowsWideKernel), 2, 8, 9 },      // 9 x 9 outputs
            { nameof(NarrowRowsWideKernel), 1, 3, 12 },
            { nameof(StrideTwoBlocks), 2, 17, 23 },         // 9 x 12 outputs
            { nameof(StrideTwoBlocks), 1, 160, 64 },        // 80 x 32 outputs: 20 bands of 4 rows (16 KB of dY each)
            { nameof(StrideTwoBlocks), 6, 40, 20 },         // 20 x 10 outputs x 6 images: 10 bands of 12 rows, across images
            { nameof(StrideTwoBlocks), 1, 9, 300 },         // 5 x 150 outputs: rows wider than a band, one row per band
            { nameof(StrideTwoWideKernel), 2, 30, 41 },     // 15 x 21 outputs
            { nameof(StrideTwoWideKernel), 1, 4, 5 },       // 2 x 3 outputs, most taps on padding
            { nameof(StrideTwoDilated), 3, 19, 26 },
            { nameof(StrideTwoRows), 2, 21, 9 },
            { nameof(StrideTwoRows), 1, 9, 33 },            // 33 wide
            { nameof(StrideTwoColumns), 2, 9, 37 },
            { nameof(WideRows), 2, 30, 57 },                // 57 wide: 2 rows of 57 pixels per band (16 KB of dY), across images
            { nameof(WideRows), 1, 5, 200 },                // rows wider than a band, one row per band
            { nameof(WideRows), 3, 17, 16 },                // exactly two vectors wide
            { nameof(PixelVectorRows), 2, 11, 21 },         // 21 wide: the pixel-vector kernel, with a partial vector
        };

        public static (ILayer Layer, ConvGeometry Geometry) CreateLayer(string name) => name switch
        {
            nameof(NarrowRowsC3) => (new NarrowRowsC3(new Random(1)), NarrowRowsC3.Geometry),
            nameof(NarrowRowsReflectFlipped) => (new NarrowRowsReflectFlipped(new Random(1)), NarrowRowsReflectFlipped.Geometry),
            nameof(NarrowRowsWideKernel) => (new NarrowRowsWideKernel(new Random(1)), NarrowRowsWideKernel.Geometry),
            nameof(StrideTwoBlocks) => (new StrideTwoBlocks(new Random(1)), StrideTwoBlocks.Geometry),
            nameof(StrideTwoWideKernel) => (new StrideTwoWideKernel(new Random(1)), StrideTwoWideKernel.Geometry),
            nameof(StrideTwoDilated) => (new StrideTwoDilated(new Random(1)), StrideTwoDilated.Geometry),
            nameof(StrideTwoRows) => (new StrideTwoRows(new Random(1)), StrideTwoRows.Geometry),
            nameof(StrideTwoColumns) => (new StrideTwoColumns(new Random(1)), StrideTwoColumns.Geometry),
            nameof(WideRows) => (new WideRows(new Random(1)), WideRows.Geometry),
            nameof(PixelVectorRows) => (new PixelVectorRows(new Random(1)), PixelVectorRows.Geometry),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 2)]
        public void The_bias_gradient_has_the_same_bits_on_every_path(int batch, int threads)
        {
            // 81 x 33 = 2,673 outputs per image: three chunks of the transpose, the last with 5 pixels past its vectors. The
            // channel-vector path takes dBias from the transpose's chunk sums (with or without dX); frozen weights take the packing's
            // or the plain plane sums. All are ConvPacking.PlaneSum's order, so the bits agree, and they match the reference.
            var (_, g) = CreateLayer(nameof(StrideTwoBlocks));
            Tensor x = TestData.Random(5, batch, g.InChannels, 161, 66);
            float[] Bias(bool inputGradient, bool weightGradient) => TestData.OnThreads(threads, () =>
            {
                var (layer, _) = CreateLayer(nameof(StrideTwoBlocks));
                layer.SetInputGradientRequired(inputGradient);
                layer.Parameters[0].RequiresGrad = weightGradient;
                Tensor gy = TestData.Random(6, layer.Forward(x).Shape.ToArray());
                layer.Backward(gy);
                return layer.Parameters[1].Grad.ToArray();
            });
            float[] full = Bias(true, true);
            Assert.Equal(full, Bias(false, true));  // weights only: the transpose's sums, no packed dY
            Assert.Equal(full, Bias(true, false));  // frozen weights: the packing's sums
            Assert.Equal(full, Bias(false, false)); // bias alone: the plain plane sums
            var (reference, _) = CreateLayer(nameof(StrideTwoBlocks));
            Tensor y = reference.Forward(x);
            Tensor dy = TestData.Random(6, y.Shape.ToArray());
            var (_, _, eb) = ConvReference.Backward(g, x, reference.Parameters[0].Value, dy);
            Assert.InRange(TestData.RelativeError(full, eb!.AsSpan()), 0, Tolerance);
        }

        [Fact]
        public void Gradients_accumulate_over_calls_and_survive_a_change_of_input_size()
        {
            var (layer, g) = CreateLayer(nameof(NarrowRowsC3));
            var reference = new float[layer.Parameters[0].Grad.Length];
            foreach (var (batch, height, width, seed) in new[] { (3, 14, 14, 1), (1, 12, 21, 2), (2, 14, 14, 3) })
            {
                Tensor x = TestData.Random(seed, batch, g.InChannels, height, width);
                Tensor gy = TestData.Random(seed + 10, layer.Forward(x).Shape.ToArray());
                layer.Backward(gy);
                var (_, ew, _) = ConvReference.Backward(g, x, layer.Parameters[0].Value, gy);
                for (int i = 0; i < reference.Length; i++) reference[i] += ew.AsSpan()[i];
            }
            Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), reference), 0, Tolerance);
        }
    }
}
