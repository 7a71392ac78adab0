using System;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Parity
{
    /// <summary>
    /// The course note's "convolution vs cross-correlation": PyTorch's conv2d is a cross-correlation (the kernel slides as
    /// written); <c>FlipKernel = true</c> is the true convolution, which is the cross-correlation with the kernel flipped in
    /// both axes, and the two agree whenever the kernel is symmetric under that flip.
    /// </summary>
    public class FlipKernelTests
    {
        private const double Tolerance = 1e-5;

        /// <summary>[.., K1, K2] reversed along both kernel axes.</summary>
        private static Tensor Flip(Tensor w)
        {
            int k1 = w.Dim(2), k2 = w.Dim(3);
            var flipped = new Tensor(w.Shape.ToArray());
            ReadOnlySpan<float> src = w.AsSpan();
            Span<float> dst = flipped.AsSpan();
            for (int f = 0; f < w.Length / (k1 * k2); f++)
                for (int a = 0; a < k1; a++)
                    for (int b = 0; b < k2; b++)
                        dst[(f * k1 + a) * k2 + b] = src[(f * k1 + (k1 - 1 - a)) * k2 + (k2 - 1 - b)];
            return flipped;
        }

        private static void Load(ILayer layer, Tensor weight, Tensor? bias)
        {
            weight.AsSpan().CopyTo(layer.Parameters[0].Value.AsSpan());
            if (bias is not null) bias.AsSpan().CopyTo(layer.Parameters[1].Value.AsSpan());
        }

        public static TheoryData<string> Pairs => new() { "K3x5", "K3_S2_G2" };

        private static (ILayer Flip, ILayer Corr, int InChannels) Pair(string name) => name switch
        {
            "K3x5" => (new Flip_K3x5(new Random(1)), new Corr_K3x5(new Random(2)), 2),
            "K3_S2_G2" => (new Flip_K3_S2_G2(new Random(1)), new Corr_K3_S2_G2(new Random(2)), 4),
            _ => throw new ArgumentException(name),
        };

        [Theory, MemberData(nameof(Pairs))]
        public void Convolution_equals_cross_correlation_with_the_flipped_kernel(string pair)
        {
            var (conv, corr, cin) = Pair(pair);
            Tensor w = TestData.Random(11, conv.Parameters[0].Value.Shape.ToArray());
            Tensor b = TestData.Random(12, conv.Parameters[1].Value.Shape.ToArray());
            Load(conv, w, b);
            Load(corr, Flip(w), b);
            Tensor x = TestData.Random(13, 2, cin, 11, 14);

            Tensor yConv = conv.Forward(x), yCorr = corr.Forward(x);
            Assert.Equal(yCorr.Shape.ToArray(), yConv.Shape.ToArray());
            Assert.InRange(TestData.RelativeError(yConv.AsSpan(), yCorr.AsSpan()), 0, Tolerance);

            // Backward: same input gradient and bias gradient; the weight gradients are flips of each other.
            Tensor gy = TestData.Random(14, yConv.Shape.ToArray());
            Tensor gxConv = conv.Backward(gy), gxCorr = corr.Backward(gy);
            Assert.InRange(TestData.RelativeError(gxConv.AsSpan(), gxCorr.AsSpan()), 0, Tolerance);
            Assert.InRange(TestData.RelativeError(conv.Parameters[0].Grad.AsSpan(), Flip(corr.Parameters[0].Grad).AsSpan()), 0, Tolerance);
            Assert.InRange(TestData.RelativeError(conv.Parameters[1].Grad.AsSpan(), corr.Parameters[1].Grad.AsSpan()), 0, Tolerance);

            // And with the same (asymmetric) kernel they differ: FlipKernel is not a no-op.
            Load(corr, w, b);
            Assert.True(TestData.RelativeError(conv.Forward(x).AsSpan(), corr.Forward(x).AsSpan()) > 1e-2);
        }

        [Theory, MemberData(nameof(Pairs))]
        public void Symmetric_kernel_gives_the_same_result_both_ways(string pair)
        {
            var (conv, corr, cin) = Pair(pair);
            Tensor w = TestData.Random(21, conv.Parameters[0].Value.Shape.ToArray());
            // Symmetrise: w := (w + flip(w)) / 2, so flip(w) == w.
            Tensor flipped = Flip(w);
            System.Numerics.Tensors.TensorPrimitives.Add(w.AsSpan(), flipped.AsSpan(), w.AsSpan());
            System.Numerics.Tensors.TensorPrimitives.Multiply(w.AsSpan(), 0.5f, w.AsSpan());
            Assert.Equal(w.ToArray(), Flip(w).ToArray());
            Tensor b = TestData.Random(22, conv.Parameters[1].Value.Shape.ToArray());
            Load(conv, w, b);
            Load(corr, w, b);
            Tensor x = TestData.Random(23, 1, cin, 9, 12);

            Tensor yConv = conv.Forward(x), yCorr = corr.Forward(x);
            Assert.InRange(TestData.RelativeError(yConv.AsSpan(), yCorr.AsSpan()), 0, Tolerance);
            Tensor gy = TestData.Random(24, yConv.Shape.ToArray());
            Assert.InRange(TestData.RelativeError(conv.Backward(gy).AsSpan(), corr.Backward(gy).AsSpan()), 0, Tolerance);
            // The weight gradient still sees the flip: dL/dw of the convolution is the flip of the cross-correlation's.
            Assert.InRange(TestData.RelativeError(conv.Parameters[0].Grad.AsSpan(), Flip(corr.Parameters[0].Grad).AsSpan()), 0, Tolerance);
        }

        [Fact]
        public void Hand_computed_example()
        {
            // x = [[1,2,3],[4,5,6],[7,8,9]], w = [[1,2],[3,4]], no padding: 2x2 outputs.
            var x = new Tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 1, 1, 3, 3);
            var w = new Tensor(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2);
            var corr = new Tiny_Corr(new Random(1));
            var conv = new Tiny_Flip(new Random(1));
            Load(corr, w, null);
            Load(conv, w, null);

            // Cross-correlation starts at the beginning of the kernel and moves forward: y00 = 1*1 + 2*2 + 4*3 + 5*4 = 37.
            Assert.Equal(new float[] { 37, 47, 67, 77 }, corr.Forward(x).ToArray());
            // Convolution starts at the end of the kernel and moves back: y00 = 1*4 + 2*3 + 4*2 + 5*1 = 23.
            Assert.Equal(new float[] { 23, 33, 53, 63 }, conv.Forward(x).ToArray());
        }
    }
}
