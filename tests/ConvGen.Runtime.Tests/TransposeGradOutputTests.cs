using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// TransposeGradOutputJob: dY [n, channels, pixels] to [channels / block, n, pixels, block] for the channel-vector weight
    /// gradient, by 8 x 8 register blocks where blocks come in 8s (scalar otherwise), in chunks of pixels that split one image
    /// across threads. A block of all the channels is plain pixel-major [n, pixels, channels].
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
