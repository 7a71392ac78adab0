using System;
using System.Runtime.Intrinsics;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// The masked stores of the flat-plane forward: a vector at flat position f (rows rowStride apart) lands lane i at output
    /// (row, column) = divmod(f + i, rowStride) when column &lt; width, and nowhere else: checked against that definition for
    /// every position of small planes, rows narrower and wider than a vector, and with guards on both sides of the plane.
    /// </summary>
    public class FlatTileStoreTests
    {
        public static TheoryData<int, int> Cases()
        {
            var data = new TheoryData<int, int>();
            foreach (int rowStride in new[] { 8, 9, 14, 15, 16, 17, 29, 32, 58, 115 })
            foreach (int reach in new[] { 0, 1, 2, 4, 6 })
                if (reach < rowStride) data.Add(rowStride, rowStride - reach);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Stores_exactly_the_valid_lanes_of_every_vector(int rowStride, int width)
        {
            if (!FlatTileStore.IsSupported) return; // the flat plane only runs where AVX-512 is; nothing to check elsewhere
            const int rows = 5, guard = 64;
            int positions = (rows - 1) * rowStride + width, lanes = Vector512<float>.Count;
            var buffer = new float[guard + rows * width + guard];
            for (int at = 0; at + lanes <= positions; at++)
            {
                Array.Fill(buffer, float.NaN);
                // Lane i carries its flat position, so every stored value says where it came from.
                Vector512<float> value = Vector512.CreateSequence((float)at, 1f);
                new FlatTileStore(at, rowStride, width).Store(value, ref buffer[guard]);

                for (int i = 0; i < buffer.Length; i++)
                {
                    int o = i - guard, row = o >= 0 ? o / width : -1, column = o >= 0 ? o % width : -1;
                    int flat = row * rowStride + column;
                    bool written = o >= 0 && o < rows * width && flat >= at && flat < at + lanes;
                    if (written) Assert.Equal(flat, buffer[i]);
                    else Assert.True(float.IsNaN(buffer[i]), $"rowStride {rowStride}, width {width}, at {at}: element {o} written");
                }
            }
        }

        [Fact]
        public void Flat_plane_is_chosen_only_where_it_keeps_more_lanes_useful()
        {
            Assert.True(FlatTileStore.IsFaster(56, 58));    // ResNet 3x3: 97 % against 87.5 %
            Assert.True(FlatTileStore.IsFaster(28, 29));    // stride 2 on 56: 97 % against 87.5 %
            Assert.True(FlatTileStore.IsFaster(10, 14));    // LeNet C3: 71 % against row pairs' 62.5 %
            Assert.False(FlatTileStore.IsFaster(32, 34));   // CIFAR stem: rows fill whole tiles already
            Assert.False(FlatTileStore.IsFaster(28, 32));   // LeNet C1: equal (87.5 %)
            Assert.False(FlatTileStore.IsFaster(4, 7));     // rows narrower than MinRowStride
        }
    }
}
