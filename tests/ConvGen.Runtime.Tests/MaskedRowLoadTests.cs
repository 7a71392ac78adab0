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

        [Fact]
        public void Vector256_column_masks_keep_the_columns_inside_the_row()
        {
            foreach (int width in new[] { 8, 16, 17, 32 })
            for (int first = -10; first < width + 4; first++)
            {
                Vector256<float> mask = MaskedRowLoad.ColumnMask256(first, width);
                for (int lane = 0; lane < Vector256<float>.Count; lane++)
                    Assert.Equal(first + lane >= 0 && first + lane < width, mask.AsInt32()[lane] == -1);
            }
        }

        [Fact]
        public void Vector256_masked_off_lanes_load_as_zero_and_the_rest_as_stored()
        {
            if (!MaskedRowLoad.IsSupported256) return; // AVX2 only: the direct forwards' Vector256 tiles do not run elsewhere
            var data = new float[40];
            for (int i = 0; i < data.Length; i++) data[i] = float.PositiveInfinity;
            for (int i = 8; i < 32; i++) data[i] = i;
            Vector256<float> left = MaskedRowLoad.ColumnMask256(-1, 16); // lanes 1..7 kept
            Vector256<float> v = MaskedRowLoad.Load(ref data[9], -1, left);
            for (int lane = 0; lane < Vector256<float>.Count; lane++)
                Assert.Equal(lane >= 1 ? 8 + lane : 0f, v[lane]);
            Vector256<float> right = MaskedRowLoad.ColumnMask256(13, 16); // lanes 0..2 kept
            v = MaskedRowLoad.Load(ref data[8], 13, right);
            for (int lane = 0; lane < Vector256<float>.Count; lane++)
                Assert.Equal(lane <= 2 ? 21 + lane : 0f, v[lane]);
        }
    }
}
