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
        [Theory]
        [InlineData(1, 3, true, true)]
        [InlineData(5, 4, true, true)]
        [InlineData(16, 7, true, false)]
        [InlineData(3, 2, false, true)] // frozen weights: the bias column alone
        public void Column_partials_split_into_weights_and_the_bias_column(int count, int rows, bool weights, bool bias)
        {
            const int weightColumns = 5;
            int columns = weightColumns + (bias ? 1 : 0), length = rows * columns;
            var random = new Random(count * 10 + rows);
            float[] parts = new float[count * length], weightGrad = new float[weights ? rows * weightColumns : 0], biases = new float[bias ? rows : 0];
            for (int i = 0; i < parts.Length; i++) parts[i] = (float)(random.NextDouble() * 2e3 - 1e3) * (i % 3 == 0 ? 1e-4f : 1f);
            for (int i = 0; i < weightGrad.Length; i++) weightGrad[i] = (float)random.NextDouble();
            for (int i = 0; i < biases.Length; i++) biases[i] = (float)random.NextDouble();
            float[] expectedWeights = (float[])weightGrad.Clone(), expectedBias = (float[])biases.Clone();
            for (int r = 0; r < rows; r++)
            for (int j = 0; j < columns; j++)
            {
                float sum = parts[r * columns + j];
                for (int k = 1; k < count; k++) sum += parts[k * length + r * columns + j];
                if (j < weightColumns) { if (weights) expectedWeights[r * weightColumns + j] += sum; }
                else expectedBias[r] += sum;
            }

            PartialSums.AddColumnsInOrder(parts, count, rows, columns, weightGrad, biases);

            Assert.Equal(expectedWeights, weightGrad); // bit for bit, as above
            Assert.Equal(expectedBias, biases);
        }

        [Fact]
        public void Column_partials_of_the_wrong_shape_name_the_lengths()
        {
            var e = Assert.Throws<ArgumentException>(() => PartialSums.AddColumnsInOrder(new float[20], 1, 3, 4, new float[10], default));
            Assert.Contains("[3, at most 4 columns", e.Message);
            Assert.Contains("got 10", e.Message);
            e = Assert.Throws<ArgumentException>(() => PartialSums.AddColumnsInOrder(new float[20], 1, 2, 5, new float[10], new float[2]));
            Assert.Contains("one less with a bias", e.Message); // 5 weight columns leave none for the bias
            e = Assert.Throws<ArgumentException>(() => PartialSums.AddColumnsInOrder(new float[19], 2, 2, 5, new float[8], new float[2]));
            Assert.Contains("2 part(s) of 10 floats", e.Message);
            Assert.Contains("got 19", e.Message);
        }
    }
}
