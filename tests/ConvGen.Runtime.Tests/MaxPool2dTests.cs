using System;
using ConvGen.Layers;
using ConvGen.Testing;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class MaxPool2dTests
    {
        private static Tensor Ramp(int h, int w)
        {
            var t = new Tensor(1, 1, h, w);
            for (int i = 0; i < t.Length; i++) t.AsSpan()[i] = i;
            return t;
        }

        [Fact]
        public void TwoByTwo_TakesWindowMaxima_AndIndices()
        {
            var (y, idx) = new MaxPool2d(2).ForwardWithIndices(Ramp(4, 4));
            Assert.Equal(new[] { 1, 1, 2, 2 }, y.Shape.ToArray());
            Assert.Equal(new float[] { 5, 7, 13, 15 }, y.ToArray());
            Assert.Equal(new[] { 5, 7, 13, 15 }, idx);
        }

        [Fact]
        public void CeilMode_KeepsPartialLastWindow()
        {
            // 5x5, k=2, s=2: floor gives 2x2, ceil gives 3x3 whose last row/column windows hold one input row/column.
            Assert.Equal(new[] { 1, 1, 2, 2 }, new MaxPool2d(2).Forward(Ramp(5, 5)).Shape.ToArray());
            var y = new MaxPool2d(2, ceilMode: true).Forward(Ramp(5, 5));
            Assert.Equal(new float[] { 6, 8, 9, 16, 18, 19, 21, 23, 24 }, y.ToArray());
        }

        [Fact]
        public void CeilMode_DropsWindowStartingInRightPadding()
        {
            // size 5, k=2, s=2, pad=1: ceil((5+2-2)/2)+1 = 4, but the 4th window would start at 6 >= 5+1, so PyTorch gives 3.
            Assert.Equal(3, PoolReference.OutSize(5, 2, 2, 1, 1, true));
            Assert.Equal(new[] { 1, 1, 3, 3 }, new MaxPool2d(2, 2, padding: 1, ceilMode: true).Forward(Ramp(5, 5)).Shape.ToArray());
        }

        [Fact]
        public void Padding_IsIgnoredNotZero()
        {
            // All-negative input: zero padding would win; PyTorch pads with -inf.
            var x = Ramp(4, 4);
            System.Numerics.Tensors.TensorPrimitives.Subtract(x.AsSpan(), 100f, x.AsSpan());
            var y = new MaxPool2d(3, 2, padding: 1).Forward(x);
            Assert.Equal(new float[] { 5 - 100, 7 - 100, 13 - 100, 15 - 100 }, y.ToArray());
        }

        [Fact]
        public void Dilation_SkipsTaps()
        {
            // k=2, dilation 2: taps (i, j), (i, j+2), (i+2, j), (i+2, j+2); the max is always the last one.
            var y = new MaxPool2d(2, 1, dilation: 2).Forward(Ramp(4, 4));
            Assert.Equal(new float[] { 10, 11, 14, 15 }, y.ToArray());
        }

        [Fact]
        public void Ties_GoToFirstMaximum_ForwardAndBackward()
        {
            var x = new Tensor(new float[] { 3, 3, 3, 3 }, 1, 1, 2, 2);
            var pool = new MaxPool2d(2);
            var (_, idx) = pool.ForwardWithIndices(x);
            Assert.Equal(new[] { 0 }, idx);
            var dx = pool.Backward(new Tensor(new float[] { 2 }, 1, 1, 1, 1));
            Assert.Equal(new float[] { 2, 0, 0, 0 }, dx.ToArray());
        }

        [Fact]
        public void Backward_AccumulatesWhereWindowsOverlap()
        {
            // k=3, s=1 on 4x4 ramp: every window's max is its bottom-right corner.
            var pool = new MaxPool2d(3, 1);
            pool.Forward(Ramp(4, 4));
            var dx = pool.Backward(new Tensor(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2));
            var expected = new float[16];
            expected[10] = 1; expected[11] = 2; expected[14] = 3; expected[15] = 4;
            Assert.Equal(expected, dx.ToArray());
        }

        [Fact]
        public void TwoByTwo_FastPath_MatchesReference_WithManyTies_AndOddSizes()
        {
            // Values on a coarse grid: most windows hold ties, which must go to the first maximum in window order.
            var x = TestData.Random(17, 2, 3, 7, 9);
            Span<float> v = x.AsSpan();
            for (int i = 0; i < v.Length; i++) v[i] = MathF.Round(v[i] * 2);
            var (y, idx) = new MaxPool2d(2).ForwardWithIndices(x);
            Assert.Equal(new[] { 2, 3, 3, 4 }, y.Shape.ToArray());
            for (int n = 0; n < 2; n++)
                for (int c = 0; c < 3; c++)
                {
                    var expected = PoolReference.Max(PoolReference.Plane(x, n, c), 2, 2, 0, 1, false, out int[,] argmax);
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 4; j++)
                        {
                            Assert.Equal((float)expected[i, j], y[n, c, i, j]);
                            Assert.Equal(argmax[i, j], idx[((n * 3 + c) * 3 + i) * 4 + j]);
                        }
                }
        }

        [Theory]
        [InlineData(28, 28)] // LeNet's first pooling: 14 outputs per row, two overlapping vectors of 8
        [InlineData(12, 40)] // 20 outputs per row
        [InlineData(6, 18)]  // 9 outputs per row
        [InlineData(16, 16)] // exactly one vector per row
        [InlineData(10, 10)] // 5 outputs per row: the clear-and-scatter path
        [InlineData(9, 67)]  // odd sizes: the windows do not tile the input, so the clear-and-scatter path
        public void TwoByTwo_Backward_PutsEachGradientAtItsWinner_AndZerosElsewhere(int h, int w)
        {
            var pool = new MaxPool2d(2);
            ((ILayer)pool).EnableBufferReuse(true, true); // the gradient buffer comes back with the previous call's values in it
            var x = TestData.Random(31, 2, 3, h, w);
            Span<float> v = x.AsSpan();
            for (int i = 0; i < v.Length; i++) v[i] = i % 31 == 0 ? float.NaN : MathF.Round(v[i] * 2);
            var (y, idx) = pool.ForwardWithIndices(x);
            int oh = h / 2, ow = w / 2;
            for (int call = 0; call < 2; call++)
            {
                var gy = TestData.Random(40 + call, 2, 3, oh, ow);
                Span<float> gs = gy.AsSpan();
                for (int i = 0; i < gs.Length; i += 7) gs[i] = -0f; // a winner's -0 comes back as +0, as from a scatter-add into zeros
                Tensor dx = pool.Backward(gy);

                var expected = new float[2 * 3 * h * w];
                for (int plane = 0; plane < 6; plane++)
                    for (int o = 0; o < oh * ow; o++)
                        expected[plane * h * w + idx[plane * oh * ow + o]] += gs[plane * oh * ow + o];
                float[] actual = dx.ToArray();
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                        $"call {call}, dX[{i}]: expected {expected[i]}, got {actual[i]}");
            }
        }

        [Theory]
        [InlineData(28, 28)] // LeNet's first pooling: 14 outputs per row, one partial vector
        [InlineData(12, 40)] // 20 outputs per row: a full vector and an overlapping one
        [InlineData(9, 67)]  // odd sizes: the last row and column of the input are not pooled
        [InlineData(10, 10)]
        [InlineData(6, 18)]  // 9 outputs per row: on AVX2 (8 lanes) a full vector and an overlapping one
        [InlineData(4, 14)]  // 7 outputs: one partial AVX2 vector
        // AVX-512 runs 16 outputs per vector, AVX2 8; CI runs these again with DOTNET_EnableAVX512=0 for the AVX2 path.
        public void TwoByTwo_VectorPath_FollowsTheWindowRule_WithTiesAndNaNs(int h, int w)
        {
            var x = TestData.Random(23, 2, 3, h, w);
            Span<float> v = x.AsSpan();
            for (int i = 0; i < v.Length; i++) v[i] = i % 29 == 0 ? float.NaN : MathF.Round(v[i] * 2);
            var (y, idx) = new MaxPool2d(2).ForwardWithIndices(x);
            int oh = h / 2, ow = w / 2;
            for (int plane = 0; plane < 6; plane++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        // Window order a b / c d: a later value wins if greater or NaN; nothing displaces a NaN.
                        int[] at = { 2 * i * w + 2 * j, 2 * i * w + 2 * j + 1, (2 * i + 1) * w + 2 * j, (2 * i + 1) * w + 2 * j + 1 };
                        int best = at[0];
                        foreach (int k in at[1..])
                        {
                            float current = v[plane * h * w + best], candidate = v[plane * h * w + k];
                            if (!float.IsNaN(current) && (candidate > current || float.IsNaN(candidate))) best = k;
                        }
                        int o = (plane * oh + i) * ow + j;
                        Assert.Equal(best, idx[o]);
                        Assert.Equal(v[plane * h * w + best], y.AsSpan()[o]);
                    }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void TwoByTwo_FirstNaN_WinsAndIsWhereTheGradientGoes(int nanAt)
        {
            // A larger value after the NaN must not displace it; a second NaN after it must not either.
            var values = new float[] { 1, 4, 2, 9 };
            values[nanAt] = float.NaN;
            if (nanAt < 3) values[3] = float.NaN;
            var pool = new MaxPool2d(2);
            var (y, idx) = pool.ForwardWithIndices(new Tensor(values, 1, 1, 2, 2));
            Assert.True(float.IsNaN(y.AsSpan()[0]));
            Assert.Equal(new[] { nanAt }, idx);
            var expected = new float[4];
            expected[nanAt] = 5;
            Assert.Equal(expected, pool.Backward(new Tensor(new float[] { 5 }, 1, 1, 1, 1)).ToArray());
        }

        [Fact]
        public void NaN_Propagates()
        {
            var x = new Tensor(new float[] { 1, float.NaN, 5, 2 }, 1, 1, 2, 2);
            Assert.True(float.IsNaN(new MaxPool2d(2).Forward(x).AsSpan()[0]));
        }

        [Theory]
        [InlineData(3, 2, 1, 1, true, 7, 7)]
        [InlineData(3, 2, 1, 1, false, 8, 6)]
        [InlineData(2, 2, 1, 2, true, 6, 9)]
        [InlineData(3, 3, 1, 1, true, 10, 8)]
        [InlineData(2, 1, 0, 3, false, 7, 7)]
        public void MatchesPaddedReference(int k, int s, int p, int d, bool ceil, int h, int w)
        {
            var x = TestData.Random(k * 100 + h, 2, 3, h, w);
            var pool = new MaxPool2d(k, s, p, d, ceil);
            var (y, idx) = pool.ForwardWithIndices(x);
            int oh = PoolReference.OutSize(h, k, s, p, d, ceil), ow = PoolReference.OutSize(w, k, s, p, d, ceil);
            Assert.Equal(new[] { 2, 3, oh, ow }, y.Shape.ToArray());
            for (int n = 0; n < 2; n++)
                for (int c = 0; c < 3; c++)
                {
                    var expected = PoolReference.Max(PoolReference.Plane(x, n, c), k, s, p, d, ceil, out int[,] argmax);
                    for (int i = 0; i < oh; i++)
                        for (int j = 0; j < ow; j++)
                        {
                            Assert.Equal((float)expected[i, j], y[n, c, i, j]);
                            Assert.Equal(argmax[i, j], idx[((n * 3 + c) * oh + i) * ow + j]);
                        }
                }
        }

        [Theory]
        [InlineData(2, 2, 0, 1, false)]
        [InlineData(3, 2, 1, 1, true)]
        [InlineData(2, 1, 1, 2, false)]
        public void GradientCheck_Passes(int k, int s, int p, int d, bool ceil)
        {
            // Distinct values 0.05 apart: no ties within epsilon, so max is differentiable at this input.
            var x = TestData.Distinct(7, 0.05, 2, 2, 6, 5);
            var result = GradientCheck.Run(new MaxPool2d(k, s, p, d, ceil), x, new GradientCheckOptions { Epsilon = 1e-3 });
            Assert.True(result.MaxRelativeError < 1e-3, result.ToString());
        }

        [Fact]
        public void Errors_NameShapes()
        {
            var pool = new MaxPool2d(2);
            Assert.Throws<InvalidOperationException>(() => pool.Backward(new Tensor(1, 1, 1, 1)));
            var e = Assert.Throws<ArgumentException>(() => pool.Forward(new Tensor(2, 4, 4)));
            Assert.Contains("[2, 4, 4]", e.Message);
            pool.Forward(new Tensor(1, 1, 4, 4));
            e = Assert.Throws<ArgumentException>(() => pool.Backward(new Tensor(1, 1, 3, 2)));
            Assert.Contains("[1, 1, 2, 2]", e.Message);
            Assert.Contains("[1, 1, 3, 2]", e.Message);
            Assert.Throws<ArgumentException>(() => new MaxPool2d(2).Forward(new Tensor(1, 1, 1, 1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d(2, padding: 2));
        }
    }
}
