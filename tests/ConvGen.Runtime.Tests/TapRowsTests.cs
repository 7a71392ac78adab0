using System;
using System.Linq;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>TapRows.Range keeps exactly the tap rows that read at least one row of data, for tiles of one or two rows.</summary>
    public class TapRowsTests
    {
        [Fact]
        public void LeNet_C3_input_gradient_keeps_50_of_70_tap_rows()
        {
            // dX of 14 rows from dY of 10 rows behind a 4-row border (GradTop 4); tap row i of dX row q reads bordered row q + 4 - i.
            int kept = 0;
            for (int q = 0; q < 14; q++)
            {
                TapRows.Range(q, 1, 4, -1, 5, 4, 14, out int first, out int end);
                Assert.Equal(Math.Max(0, q - 9), first);
                Assert.Equal(Math.Min(5, q + 1), end);
                kept += end - first;
            }
            Assert.Equal(50, kept);
        }

        [Fact]
        public void Matches_a_row_by_row_check_for_any_step_and_tile_height()
        {
            var random = new Random(7);
            for (int trial = 0; trial < 20_000; trial++)
            {
                int taps = random.Next(1, 12), rows = random.Next(1, 3), rowStep = random.Next(-3, 4), rowStart = random.Next(-6, 12);
                int row = random.Next(-4, 30), dataFrom = random.Next(0, 8), dataEnd = dataFrom + random.Next(0, 20);
                bool[] reaches = Enumerable.Range(0, taps)
                    .Select(i => Enumerable.Range(row, rows).Any(r => r + rowStart + i * rowStep >= dataFrom && r + rowStart + i * rowStep < dataEnd)).ToArray();

                TapRows.Range(row, rows, rowStart, rowStep, taps, dataFrom, dataEnd, out int first, out int end);

                Assert.InRange(first, 0, taps);
                Assert.InRange(end, first, taps);
                for (int i = 0; i < taps; i++)
                    Assert.True(reaches[i] == (i >= first && i < end),
                        $"tap row {i} of {taps}: reaches data {reaches[i]}, range [{first}, {end}) (row {row} x {rows}, start {rowStart}, step {rowStep}, data [{dataFrom}, {dataEnd}))");
            }
        }
    }
}
