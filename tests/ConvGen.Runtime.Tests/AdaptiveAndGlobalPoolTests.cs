using System;
using ConvGen.Layers;
using ConvGen.Testing;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class AdaptiveAndGlobalPoolTests
    {
        [Theory]
        [InlineData(5, 3, new[] { 0, 1, 3 }, new[] { 2, 4, 5 })]
        [InlineData(7, 2, new[] { 0, 3 }, new[] { 4, 7 })]
        [InlineData(3, 5, new[] { 0, 0, 1, 1, 2 }, new[] { 1, 2, 2, 3, 3 })]
        [InlineData(6, 3, new[] { 0, 2, 4 }, new[] { 2, 4, 6 })]
        public void Windows_FollowFloorCeilRule(int inSize, int outSize, int[] starts, int[] ends)
        {
            for (int i = 0; i < outSize; i++)
            {
                Assert.Equal(starts[i], AdaptiveAvgPool2d.WindowStart(i, inSize, outSize));
                Assert.Equal(ends[i], AdaptiveAvgPool2d.WindowEnd(i, inSize, outSize));
            }
        }

        [Fact]
        public void Adaptive_NonDividingSizes_AveragesOverlappingWindows()
        {
            // x[r, c] = 7r + c on 5x7 -> (3, 2): row windows [0,2) [1,4) [3,5) (means 0.5, 2, 3.5),
            // column windows [0,4) [3,7) (means 1.5, 4.5), so y[i, j] = 7 * rowMean + colMean.
            var x = new Tensor(1, 1, 5, 7);
            for (int i = 0; i < 35; i++) x.AsSpan()[i] = i;
            var y = new AdaptiveAvgPool2d((3, 2)).Forward(x);
            Assert.Equal(new[] { 1, 1, 3, 2 }, y.Shape.ToArray());
            TestData.Equal(new float[] { 5, 8, 15.5f, 18.5f, 26, 29 }, y.AsSpan(), 1e-5);
        }

        [Fact]
        public void Adaptive_Backward_SplitsGradientAcrossOverlaps()
        {
            // 3 -> 2 along one axis: windows [0,2) and [1,3); the middle input belongs to both.
            var pool = new AdaptiveAvgPool2d((1, 2));
            pool.Forward(new Tensor(1, 1, 1, 3));
            var dx = pool.Backward(new Tensor(new float[] { 2, 4 }, 1, 1, 1, 2));
            TestData.Equal(new float[] { 1, 1 + 2, 2 }, dx.AsSpan());
        }

        [Fact]
        public void Adaptive_GradientCheck()
        {
            var result = GradientCheck.Run(new AdaptiveAvgPool2d((3, 4)), TestData.Random(5, 2, 3, 7, 5));
            Assert.True(result.MaxRelativeError < 1e-3, result.ToString());
        }

        [Fact]
        public void Global_AveragesEachPlane_AndBackwardSpreadsEvenly()
        {
            var x = new Tensor(new float[] { 1, 2, 3, 4, 10, 20, 30, 40 }, 1, 2, 2, 2);
            var pool = new GlobalAvgPool2d();
            var y = pool.Forward(x);
            Assert.Equal(new[] { 1, 2, 1, 1 }, y.Shape.ToArray());
            Assert.Equal(new float[] { 2.5f, 25 }, y.ToArray());
            var dx = pool.Backward(new Tensor(new float[] { 4, 8 }, 1, 2, 1, 1));
            Assert.Equal(new float[] { 1, 1, 1, 1, 2, 2, 2, 2 }, dx.ToArray());
        }

        [Fact]
        public void Global_EqualsAdaptiveOfOne()
        {
            var x = TestData.Random(9, 3, 4, 5, 6);
            TestData.Equal(new AdaptiveAvgPool2d(1).Forward(x).AsSpan(), new GlobalAvgPool2d().Forward(x).AsSpan(), 1e-6);
            var result = GradientCheck.Run(new GlobalAvgPool2d(), x);
            Assert.True(result.MaxRelativeError < 1e-3, result.ToString());
        }

        [Fact]
        public void Errors()
        {
            Assert.Throws<InvalidOperationException>(() => new AdaptiveAvgPool2d(2).Backward(new Tensor(1, 1, 2, 2)));
            Assert.Throws<InvalidOperationException>(() => new GlobalAvgPool2d().Backward(new Tensor(1, 1, 1, 1)));
            var pool = new GlobalAvgPool2d();
            pool.Forward(new Tensor(2, 3, 4, 4));
            var e = Assert.Throws<ArgumentException>(() => pool.Backward(new Tensor(2, 3)));
            Assert.Contains("[2, 3, 1, 1]", e.Message);
        }
    }
}
