using ConvGen.Generator.Emit;
using Xunit;

namespace ConvGen.Generator.Tests
{
    /// <summary>
    /// The part of the weight-gradient block that 16-register widths keep in registers (BackwardWeightEmitter.NarrowPart):
    /// accumulators + dY vectors + one input vector within 15 registers, the fewest loads per multiply-add.
    /// </summary>
    public class NarrowWeightGradPartTests
    {
        [Theory]
        [InlineData(6, 4, 1, 4, 2)] // the 1x1 layer: 8 accumulators, 6 loads per 8 multiply-adds (was 6 x 1: 7 per 6)
        [InlineData(4, 1, 6, 2, 1)] // the 7x7 stem's tap groups of 6: 12 accumulators (the AVX-512 block's 24 spilled)
        [InlineData(1, 1, 1, 1, 1)]
        public void The_part_fits_the_registers_with_the_fewest_loads(int channels, int inputs, int taps, int part, int live)
        {
            Assert.Equal((part, live), BackwardWeightEmitter.NarrowPart(channels, inputs, taps));
        }

        [Theory]
        [InlineData(12, 8, 1)]
        [InlineData(6, 4, 3)]
        [InlineData(4, 2, 6)]
        [InlineData(8, 1, 9)]
        public void Every_part_fits_15_registers_and_divides_the_inputs(int channels, int inputs, int taps)
        {
            var (part, live) = BackwardWeightEmitter.NarrowPart(channels, inputs, taps);
            Assert.InRange(part, 1, channels);
            Assert.Equal(0, inputs % live);
            Assert.True(part * live * taps + part + 1 <= 15, $"{part} x {live} x {taps} accumulators + {part} + 1 registers");
        }
    }
}
