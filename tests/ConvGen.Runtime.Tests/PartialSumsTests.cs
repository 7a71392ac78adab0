using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>PartialSums.AddInOrder adds the parts left to right onto the target, so its bits are fixed by the part order.</summary>
    public class PartialSumsTests
    {
        [Theory]
        [InlineData(1, 5)]
        [InlineData(3, 1)]
        [InlineData(16, 37)]
        public void Adds_the_parts_in_index_order_onto_the_target(int count, int length)
        {
            var random = new Random(count * 100 + length);
            float[] parts = new float[count * length], target = new float[length];
            for (int i = 0; i < parts.Length; i++) parts[i] = (float)(random.NextDouble() * 2e3 - 1e3) * (i % 3 == 0 ? 1e-4f : 1f);
            for (int i = 0; i < length; i++) target[i] = (float)random.NextDouble();
            float[] expected = new float[length];
            for (int i = 0; i < length; i++)
            {
                float sum = parts[i];
                for (int k = 1; k < count; k++) sum += parts[k * length + i];
                expected[i] = target[i] + sum;
            }

            PartialSums.AddInOrder(parts, count, target);

            Assert.Equal(expected, target); // bit for bit: the same association as the scalar loop
        }

        [Fact]
        public void Too_few_parts_name_the_expected_and_actual_lengths()
        {
            var e = Assert.Throws<ArgumentException>(() => PartialSums.AddInOrder(new float[5], 2, new float[3]));
            Assert.Contains("2 part(s) of 3 floats", e.Message);
            Assert.Contains("got 5", e.Message);
        }
    }
}
