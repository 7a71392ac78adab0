using System;
using ConvGen.Layers;
using ConvGen.Testing;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class AvgPool2dTests
    {
        private static Tensor Ramp(int h, int w)
        {
            var t = new Tensor(1, 1, h, w);
            for (int i = 0; i < t.Length; i++) t.AsSpan()[i] = i;
            return t;
        }

        private static readonly Tensor OneToFour = new(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2);

        [Fact]
        public void TwoByTwo_Averages()
            => Assert.Equal(new float[] { 2.5f, 4.5f, 10.5f, 12.5f }, new AvgPool2d(2).Forward(Ramp(4, 4)).ToArray());

        [Fact]
        public void Padding_CountIncludePad_DividesByFullWindow()
        {
            // k=2, s=2, pad=1 on [[1,2],[3,4]]: each window holds one real element and three padding zeros.
            TestData.Equal(new float[] { 0.25f, 0.5f, 0.75f, 1f }, new AvgPool2d(2, 2, 1).Forward(OneToFour).AsSpan());
        }

        [Fact]
        public void Padding_ExcludePad_DividesByRealElements()
            => TestData.Equal(new float[] { 1, 2, 3, 4 }, new AvgPool2d(2, 2, 1, countIncludePad: false).Forward(OneToFour).AsSpan());

        [Fact]
        public void DivisorOverride_ReplacesDivisor()
            => TestData.Equal(new float[] { 1 / 3f, 2 / 3f, 1, 4 / 3f }, new AvgPool2d(2, 2, 1, divisorOverride: 3).Forward(OneToFour).AsSpan());

        [Fact]
        public void CeilMode_PartialWindowDividesByItsClippedSize()
        {
            // 3x3 ramp, k=2, s=2, ceil: windows {0,1,3,4}, {2,5}, {6,7}, {8}.
            TestData.Equal(new float[] { 2, 3.5f, 6.5f, 8 }, new AvgPool2d(2, ceilMode: true).Forward(Ramp(3, 3)).AsSpan());
        }

        [Fact]
        public void Backward_SpreadsGradientOverWindow()
        {
            var pool = new AvgPool2d(2, 2, 1);
            pool.Forward(OneToFour);
            var dx = pool.Backward(new Tensor(new float[] { 4, 8, 12, 16 }, 1, 1, 2, 2));
            TestData.Equal(new float[] { 1, 2, 3, 4 }, dx.AsSpan());
        }

        [Theory]
        [InlineData(3, 2, 1, true, true, null, 7, 6)]
        [InlineData(3, 2, 1, true, false, null, 7, 6)]
        [InlineData(3, 2, 1, false, false, null, 8, 5)]
        [InlineData(2, 3, 1, true, true, 5, 8, 9)]
        [InlineData(3, 1, 0, false, true, null, 5, 5)]
        public void MatchesPaddedReference(int k, int s, int p, bool ceil, bool includePad, int? divisor, int h, int w)
        {
            var x = TestData.Random(h * 31 + w, 2, 2, h, w);
            var y = new AvgPool2d(k, s, p, ceil, includePad, divisor).Forward(x);
            int oh = PoolReference.OutSize(h, k, s, p, 1, ceil), ow = PoolReference.OutSize(w, k, s, p, 1, ceil);
            Assert.Equal(new[] { 2, 2, oh, ow }, y.Shape.ToArray());
            for (int n = 0; n < 2; n++)
                for (int c = 0; c < 2; c++)
                {
                    var expected = PoolReference.Avg(PoolReference.Plane(x, n, c), k, s, p, ceil, includePad, divisor);
                    for (int i = 0; i < oh; i++)
                        for (int j = 0; j < ow; j++)
                            Assert.Equal(expected[i, j], y[n, c, i, j], 5);
                }
        }

        [Theory]
        [InlineData(3, 2, 1, true, true, null)]
        [InlineData(3, 2, 1, true, false, null)]
        [InlineData(2, 2, 1, false, true, 3)]
        public void GradientCheck_Passes(int k, int s, int p, bool ceil, bool includePad, int? divisor)
        {
            var result = GradientCheck.Run(new AvgPool2d(k, s, p, ceil, includePad, divisor), TestData.Random(3, 2, 2, 7, 6));
            Assert.True(result.MaxRelativeError < 1e-3, result.ToString());
        }

        [Fact]
        public void Errors()
        {
            Assert.Throws<InvalidOperationException>(() => new AvgPool2d(2).Backward(new Tensor(1, 1, 1, 1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => new AvgPool2d(2, divisorOverride: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new AvgPool2d(3, padding: 2));
            var e = Assert.Throws<ArgumentException>(() => new AvgPool2d(2).Forward(new Tensor(4, 4)));
            Assert.Contains("[4, 4]", e.Message);
        }
    }
}
