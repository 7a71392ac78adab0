using System.Runtime.Intrinsics;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// The masks and loads of the direct forwards (evaluation mode over the caller's input): a lane is kept exactly when the
    /// input column it reads (its own column + the tap's offset) lies in its row, checked against that definition for rows
    /// narrower and wider than a vector and vectors spanning up to three rows; masked-off lanes load as zero.
    /// </summary>
    public class MaskedRowLoadTests
    {
        [Theory]
        [InlineData(8)]
        [InlineData(9)]
        [InlineData(15)]
        [InlineData(16)]
        [InlineData(17)]
        [InlineData(56)]
        public void Flat_column_masks_keep_the_lanes_whose_tap_stays_in_their_row(int width)
        {
            for (int position = 0; position < 3 * width; position++)
            for (int offset = -3; offset <= 3; offset++)
            {
                Vector512<float> mask = MaskedRowLoad.FlatColumnMask(position, width, offset);
                for (int lane = 0; lane < Vector512<float>.Count; lane++)
                {
                    int column = (position + lane) % width + offset;
                    bool kept = column >= 0 && column < width;
                    Assert.True(kept == (mask.AsInt32()[lane] == -1), $"width {width}, position {position}, offset {offset}, lane {lane}");
                }
            }
        }

        [Fact]
        public void Row_column_masks_keep_the_columns_inside_the_row()
        {
            foreach (int width in new[] { 16, 32, 56 })
            for (int first = -20; first < width + 4; first++)
            {
                Vector512<float> mask = MaskedRowLoad.ColumnMask(first, width);
                for (int lane = 0; lane < Vector512<float>.Count; lane++)
                    Assert.Equal(first + lane >= 0 && first + lane < width, mask.AsInt32()[lane] == -1);
            }
        }

        [Fact]
        public void Masked_off_lanes_load_as_zero_and_the_rest_as_stored()
        {
            if (!MaskedRowLoad.IsSupported) return; // AVX-512 only: the direct forwards do not run elsewhere
            var data = new float[40];
            for (int i = 0; i < data.Length; i++) data[i] = float.PositiveInfinity;
            for (int i = 8; i < 32; i++) data[i] = i;
            Vector512<float> mask = MaskedRowLoad.ColumnMask(-2, 16); // lanes 2..15 kept
            Vector512<float> v = MaskedRowLoad.Load(ref data[10], -2, mask);
            for (int lane = 0; lane < Vector512<float>.Count; lane++)
                Assert.Equal(lane >= 2 ? 8 + lane : 0f, v[lane]);
        }
    }
}
