using System;
using ConvGen.Losses;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class LossTests
    {
        [Fact]
        public void CrossEntropy_MatchesHandComputedValues()
        {
            // Row 0: logits (1, 2, 3), label 2: loss = ln(e + e² + e³) − 3 = 0.40760596.
            // Row 1: logits (0, 0, 0), label 0: loss = ln 3 = 1.09861229.
            var loss = new CrossEntropyLoss();
            float value = loss.Forward(new Tensor(new float[] { 1, 2, 3, 0, 0, 0 }, 2, 3), [2, 0]);
            Assert.Equal((0.40760596 + 1.09861229) / 2, value, 6);
            // (softmax − onehot) / N with softmax(1, 2, 3) = (0.09003057, 0.24472847, 0.66524096).
            TestData.Equal(new float[] { 0.09003057f / 2, 0.24472847f / 2, (0.66524096f - 1) / 2, (1 / 3f - 1) / 2, 1 / 6f, 1 / 6f },
                loss.Backward().AsSpan(), 1e-6);
        }

        [Fact]
        public void CrossEntropy_ExtremeLogits_StayFinite()
        {
            var loss = new CrossEntropyLoss();
            var logits = new Tensor(new float[] { 1e4f, 0, -1e4f, 1e4f, 0, -1e4f, -1e4f, -1e4f, -1e4f }, 3, 3);
            float value = loss.Forward(logits, [0, 2, 1]);
            // Row 0 is right with certainty (0), row 1 is off by 2e4, row 2 is uniform (ln 3).
            Assert.Equal((0 + 2e4 + Math.Log(3)) / 3, value, 1);
            var g = loss.Backward();
            Assert.All(g.ToArray(), v => Assert.True(float.IsFinite(v)));
            TestData.Equal(new float[] { 0, 0, 0, 1 / 3f, 0, -1 / 3f, 1 / 9f, 1 / 9f - 1 / 3f, 1 / 9f }, g.AsSpan(), 1e-6);
        }

        [Fact]
        public void CrossEntropy_GradientMatchesFiniteDifferences()
        {
            var logits = TestData.Random(3, 4, 5);
            int[] labels = [1, 4, 0, 2];
            var loss = new CrossEntropyLoss();
            loss.Forward(logits, labels);
            var g = loss.Backward();
            for (int i = 0; i < logits.Length; i++)
            {
                float original = logits.AsSpan()[i];
                logits.AsSpan()[i] = original + 1e-2f;
                double plus = loss.Forward(logits, labels);
                logits.AsSpan()[i] = original - 1e-2f;
                double minus = loss.Forward(logits, labels);
                logits.AsSpan()[i] = original;
                Assert.Equal((plus - minus) / 2e-2, g.AsSpan()[i], 3);
            }
        }

        [Fact]
        public void CrossEntropy_RejectsBadInput()
        {
            var loss = new CrossEntropyLoss();
            Assert.Throws<InvalidOperationException>(() => loss.Backward());
            Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(new Tensor(2, 3), [0, 3]));
            var e = Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(2, 3), [0]));
            Assert.Contains("[2, 3]", e.Message);
            Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(2, 3, 1), [0, 1]));
        }

        [Fact]
        public void Mse_MeanOfSquares_AndGradient()
        {
            var mse = new MSELoss();
            float value = mse.Forward(new Tensor(new float[] { 1, 2, 3, 4 }, 2, 2), new Tensor(new float[] { 0, 2, 5, 4 }, 2, 2));
            Assert.Equal((1 + 0 + 4 + 0) / 4f, value);
            Assert.Equal(new float[] { 0.5f, 0, -1, 0 }, mse.Backward().ToArray());
            var e = Assert.Throws<ArgumentException>(() => mse.Forward(new Tensor(2, 2), new Tensor(4)));
            Assert.Contains("[2, 2]", e.Message);
            Assert.Contains("[4]", e.Message);
        }
    }
}
