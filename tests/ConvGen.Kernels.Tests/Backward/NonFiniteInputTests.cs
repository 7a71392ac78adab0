using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    // 40 output columns in 42-wide padded rows: on AVX-512 the forward takes the flat plane (40/42 of lanes against 40/64),
    // and the weight gradient then reads that packed input, where a row's last vector runs on into the next row.
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Pad = 1)]
    public partial class FlatPlaneEdge { }

    // Unpadded and 5 wide, so evaluation mode keeps the same packed input for Backward (padded stride-1 layers pack rows with
    // shared borders then, and narrower kernels read the caller's input where rows fill whole tiles: Backward throws after
    // both); 36 outputs in 40-wide rows, whose lanes between rows read the next row's pixels.
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 5, K2 = 5)]
    public partial class FlatPlaneValid { }

    // A 1x1 layer: on AVX-512 its packed copy is a flat plane per channel, here 5 x 40 = 200 pixels, so the weight gradient's
    // last vector over channel 0 runs 8 lanes into channel 1's plane.
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 1, K2 = 1)]
    public partial class PointwiseEdge { }

    /// <summary>
    /// An infinite input pixel poisons exactly the weight-gradient sums whose taps touch it. Here the pixel is in input column
    /// 0, which tap column kx = 2 never reaches; on the flat-plane layout the previous row's last vector reads it through its
    /// zero-gradient lanes (0 x inf = NaN) unless those input lanes are masked, so this checks they are. BandedColumns runs the
    /// column weight gradient, whose band rows are written with whole vectors that run on into the next row (overwritten)
    /// and past the band (zeroed), and whose 200 pixels end mid-vector (the last vector from zero-padded dY lanes).
    /// </summary>
    public class NonFiniteInputTests
    {
        [Theory]
        [InlineData(nameof(FlatPlaneEdge), 2, 0)]
        [InlineData(nameof(BandedColumns), 2, 0)]
        [InlineData(nameof(BandedColumns), 4, 3)] // read by tap row 0's last band row running past the band's end (zeroed)
        public void Weight_gradient_taps_that_never_touch_an_infinite_pixel_stay_finite_and_exact(string name, int infRow, int infColumn)
        {
            ILayer layer = name == nameof(FlatPlaneEdge) ? new FlatPlaneEdge(new Random(3)) : new BandedColumns(new Random(3));
            AssertUntouchedTapsExact(layer, infRow, infColumn, float.PositiveInfinity);
        }

        /// <summary>
        /// Packing notes on every call whether the input was finite, and the flat-plane weight gradient drops its mask only then.
        /// One instance, calls in turn: finite (every gradient matches the reference), infinite, finite again (the mask must not
        /// stick, nor the infinity linger), NaN, finite.
        /// </summary>
        [Fact]
        public void The_flat_weight_gradient_masks_exactly_the_calls_whose_input_is_not_finite()
        {
            var layer = new FlatPlaneEdge(new Random(3));
            for (int call = 0; call < 5; call++)
            {
                foreach (Parameter p in layer.Parameters) p.ZeroGrad();
                if (call % 2 == 1)
                {
                    AssertUntouchedTapsExact(layer, 2, 0, call == 1 ? float.PositiveInfinity : float.NaN);
                    continue;
                }
                Tensor x = TestData.Random(20 + call, 1, 2, 5, 40);
                Tensor y = layer.Forward(x);
                Tensor gy = TestData.Random(30 + call, y.Shape.ToArray());
                ConvReference.AssertBackwardMatches(layer, FlatPlaneEdge.Geometry, x, gy, layer.Backward(gy), 1e-4);
            }
        }

        /// <summary>
        /// Evaluation mode skips the finiteness check, so a Backward after an evaluation-mode Forward must take the masked
        /// gradient even when the training-mode call before it found its input finite.
        /// </summary>
        [Fact]
        public void A_backward_after_an_evaluation_forward_of_an_infinity_keeps_the_mask()
        {
            var layer = new FlatPlaneValid(new Random(3));
            Tensor x = TestData.Random(21, 1, 2, 5, 40);
            layer.Backward(TestData.Random(22, layer.Forward(x).Shape.ToArray()));
            layer.SetTraining(false);
            foreach (Parameter p in layer.Parameters) p.ZeroGrad();
            AssertUntouchedTapsExact(layer, 2, 0, float.PositiveInfinity, pad: 0, k: 5);
        }

        /// <summary>Channel 1's first pixel infinite: dW[co, 1] must be non-finite (the pixel is read), dW[co, 0] finite and exact.</summary>
        [Fact]
        public void A_pointwise_channel_gradient_ignores_the_next_planes_infinity()
        {
            const int height = 5, width = 40, plane = height * width;
            var layer = new PointwiseEdge(new Random(3));
            Tensor x = TestData.Random(13, 1, 2, height, width);
            x.AsSpan()[plane] = float.PositiveInfinity;
            Tensor y = layer.Forward(x);
            Tensor gy = TestData.Random(14, y.Shape.ToArray());
            layer.Backward(gy);
            float[] xs = x.ToArray(), gys = gy.ToArray(), gw = layer.Parameters[0].Grad.ToArray();
            for (int co = 0; co < 3; co++)
            {
                double expected = 0;
                for (int p = 0; p < plane; p++) expected += (double)gys[co * plane + p] * xs[p];
                Assert.True(Math.Abs(gw[co * 2] - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"dW[{co}, 0] = {gw[co * 2]}, expected {expected}");
                Assert.False(float.IsFinite(gw[co * 2 + 1]), $"dW[{co}, 1] = {gw[co * 2 + 1]}: the infinite pixel was not read");
            }
        }

        private static void AssertUntouchedTapsExact(ILayer layer, int infRow, int infColumn, float poison, int pad = 1, int k = 3)
        {
            const int height = 5, width = 40, ci = 0;
            int outHeight = height + 2 * pad - (k - 1), outWidth = width + 2 * pad - (k - 1);
            int outChannels = layer.Parameters[0].Value.Dim(0);
            Tensor x = TestData.Random(11, 1, 2, height, width);
            x.AsSpan()[(ci * height + infRow) * width + infColumn] = poison;
            Tensor y = layer.Forward(x);
            Tensor gy = TestData.Random(12, y.Shape.ToArray());
            layer.Backward(gy);

            float[] xs = x.ToArray(), gys = gy.ToArray(), gw = layer.Parameters[0].Grad.ToArray();
            int untouched = 0;
            for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
            {
                // Tap (ky, kx) meets the pixel if some output (oy, ox) = (infRow - ky + pad, infColumn - kx + pad) exists.
                int oy0 = infRow - ky + pad, ox0 = infColumn - kx + pad;
                if (oy0 >= 0 && oy0 < outHeight && ox0 >= 0 && ox0 < outWidth) continue;
                untouched++;
                for (int co = 0; co < outChannels; co++)
                {
                    double expected = 0;
                    for (int oy = 0; oy < outHeight; oy++)
                    for (int ox = 0; ox < outWidth; ox++)
                    {
                        int iy = oy + ky - pad, ix = ox + kx - pad;
                        if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                        expected += (double)gys[(co * outHeight + oy) * outWidth + ox] * xs[(ci * height + iy) * width + ix];
                    }
                    float actual = gw[((co * 2 + ci) * k + ky) * k + kx];
                    Assert.True(double.IsFinite(expected));
                    Assert.True(Math.Abs(actual - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"dW[{co}, {ci}, {ky}, {kx}] = {actual}, expected {expected}");
                }
            }
            Assert.True(untouched >= 3, $"only {untouched} tap(s) miss the pixel: the test checks too little");
        }
    }
}
