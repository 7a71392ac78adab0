using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// TransposeGradOutputJob: dY [n, channels, pixels] to [channels / block, n, pixels, block] for the channel-vector weight
    /// gradient, by 8 x 8 register blocks where blocks come in 8s (scalar otherwise), in chunks of pixels that split one image
    /// across threads. A block of all the channels is plain pixel-major [n, pixels, channels]. With a third buffer it also
    /// writes each chunk's sums for the bias gradient, which add up to ConvPacking.PlaneSum's bits (the other paths' sums).
    /// </summary>
    [Collection(MaxThreadsCollection.Name)] // both set the process-wide ParallelRunner.MaxThreads
    public class TransposeGradOutputTests
    {
        [Theory]
        [InlineData(1, 8, 8, 8)]
        [InlineData(2, 16, 100, 16)]      // 100 pixels: 12 blocks of 8 and 4 left over
        [InlineData(2, 16, 100, 8)]       // two blocks of 8 channels
        [InlineData(1, 64, 2_500, 64)]    // three chunks, the last one short
        [InlineData(3, 64, 1_031, 32)]    // chunks ending inside a block of 8 pixels; two blocks of 32 over three images
        [InlineData(2, 128, 50, 32)]      // the stride-2 ResNet layer's blocks
        [InlineData(3, 24, 1_031, 24)]
        [InlineData(2, 5, 37, 5)]         // channels not in 8s: all scalar
        [InlineData(2, 12, 9, 4)]         // blocks not in 8s: scalar
        [InlineData(1, 12, 3, 12)]
        public void Transposes_every_element_into_its_block_on_one_and_two_threads(int batch, int channels, int pixels, int block)
        {
            var source = new float[batch * channels * pixels];
            for (int i = 0; i < source.Length; i++) source[i] = i + 0.5f;
            foreach (int threads in new[] { 1, 2 })
            {
                var destination = new float[source.Length + 8];
                destination.AsSpan().Fill(float.NaN);
                int saved = ParallelRunner.MaxThreads;
                ParallelRunner.MaxThreads = threads;
                try
                {
                    ParallelRunner.Run(new ConvPacking.TransposeGradOutputJob(channels, pixels, block, batch),
                        ConvPacking.TransposeGradOutputJob.Items(batch, pixels), long.MaxValue, source, destination);
                }
                finally { ParallelRunner.MaxThreads = saved; }
                for (int n = 0; n < batch; n++)
                for (int p = 0; p < pixels; p++)
                for (int c = 0; c < channels; c++)
                    Assert.Equal(source[(n * channels + c) * pixels + p], destination[((c / block * batch + n) * pixels + p) * block + c % block]);
                Assert.All(destination.AsSpan(source.Length).ToArray(), v => Assert.True(float.IsNaN(v))); // nothing written past the end
            }
        }

        [Theory]
        [InlineData(1, 64, 12_544, 32)]   // the ResNet stem's dY: 13 chunks, the last 256 pixels
        [InlineData(3, 64, 1_031, 32)]    // 7 pixels past the first chunk: a chunk of no whole vector
        [InlineData(2, 16, 100, 8)]       // 4 pixels past the last vector
        [InlineData(2, 12, 9, 4)]         // blocks not in 8s: the scalar transpose, ChunkSum per channel
        [InlineData(1, 8, 3, 8)]          // fewer pixels than a vector
        public void Its_chunk_sums_add_up_to_PlaneSum_bit_for_bit_on_one_and_two_threads(int batch, int channels, int pixels, int block)
        {
            // Values of mixed sign and magnitude, so a different order of additions would show in the low bits.
            var random = new Random(pixels);
            var source = new float[batch * channels * pixels];
            for (int i = 0; i < source.Length; i++) source[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
            int items = ConvPacking.TransposeGradOutputJob.Items(batch, pixels);
            foreach (int threads in new[] { 1, 2 })
            {
                var chunkSums = new float[items * channels];
                chunkSums.AsSpan().Fill(float.NaN); // every sum is written, none accumulated onto what was there
                int saved = ParallelRunner.MaxThreads;
                ParallelRunner.MaxThreads = threads;
                try
                {
                    ParallelRunner.Run(new ConvPacking.TransposeGradOutputJob(channels, pixels, block, batch), items, long.MaxValue,
                        source, new float[source.Length], chunkSums);
                }
                finally { ParallelRunner.MaxThreads = saved; }
                var planeSums = new float[batch * channels];
                ConvPacking.TransposeGradOutputJob.PlaneSums(chunkSums, batch, pixels, channels, planeSums);
                for (int n = 0; n < batch; n++)
                for (int c = 0; c < channels; c++)
                {
                    ReadOnlySpan<float> plane = source.AsSpan((n * channels + c) * pixels, pixels);
                    Assert.Equal(ConvPacking.PlaneSum(plane), planeSums[n * channels + c]);
                    double exact = 0;
                    foreach (float v in plane) exact += v;
                    Assert.InRange(Math.Abs(planeSums[n * channels + c] - exact), 0, 1e-5 * pixels * 1000);
                }
            }
        }

        [Fact]
        public void PlaneSum_adds_chunks_of_1024_each_in_8_lanes_then_the_rest()
        {
            // 1024 + 13 values: chunk 0 in lanes, chunk 1 one vector and 5 left over; the same arithmetic written out in doubles
            // rounded to float at each step.
            var values = new float[1_037];
            var random = new Random(3);
            for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
            float Chunk(int first, int length)
            {
                var lanes = new float[8];
                int full = length / 8 * 8;
                for (int p = 0; p < full; p++) lanes[p % 8] += values[first + p];
                float sum = full > 0 ? ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7])) : 0;
                for (int p = full; p < length; p++) sum += values[first + p];
                return sum;
            }
            float expected = 0f + Chunk(0, 1_024);
            expected += Chunk(1_024, 13);
            Assert.Equal(expected, ConvPacking.PlaneSum(values));
            Assert.Equal(0f, ConvPacking.PlaneSum(ReadOnlySpan<float>.Empty));
        }

        [Fact]
        public void PlaneSums_with_buffers_too_short_throws_naming_both_lengths()
        {
            var ex = Assert.Throws<ArgumentException>(() => ConvPacking.TransposeGradOutputJob.PlaneSums(new float[10], 1, 2_000, 8, new float[8]));
            Assert.Contains("16 chunk sums", ex.Message);
            Assert.Contains("got 10", ex.Message);
        }

        [Fact]
        public void A_block_that_does_not_divide_the_channels_throws_naming_both()
        {
            var ex = Assert.Throws<ArgumentException>(() => ParallelRunner.Run(new ConvPacking.TransposeGradOutputJob(12, 4, 8, 1),
                ConvPacking.TransposeGradOutputJob.Items(1, 4), long.MaxValue, new float[48], new float[48]));
            Assert.Contains("block 8", ex.Message);
            Assert.Contains("12 channels", ex.Message);
        }

        [Fact]
        public void A_destination_shorter_than_the_batch_throws()
            => Assert.ThrowsAny<ArgumentException>(() => ParallelRunner.Run(new ConvPacking.TransposeGradOutputJob(8, 4, 8, 2),
                ConvPacking.TransposeGradOutputJob.Items(2, 4), long.MaxValue, new float[64], new float[63]));

        [Theory]
        [InlineData(1, 1, 1)]
        [InlineData(2, 1_024, 2)]
        [InlineData(3, 1_025, 6)]
        public void Items_are_images_times_chunks_of_1024_pixels(int batch, int pixels, int items)
            => Assert.Equal(items, ConvPacking.TransposeGradOutputJob.Items(batch, pixels));
    }
}
