using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// TransposeGradOutputJob: dY [n, channels, pixels] to [n, pixels, channels] for the channel-vector weight gradient, by
    /// 8 x 8 register blocks where channels come in 8s (scalar for the rest), in chunks of pixels that split one image across
    /// threads.
    /// </summary>
    [Collection(MaxThreadsCollection.Name)] // both set the process-wide ParallelRunner.MaxThreads
    public class TransposeGradOutputTests
    {
        [Theory]
        [InlineData(1, 8, 8)]
        [InlineData(2, 16, 100)]      // 100 pixels: 12 blocks of 8 and 4 left over
        [InlineData(1, 64, 2_500)]    // three chunks, the last one short
        [InlineData(3, 24, 1_031)]    // chunks ending inside a block of 8 pixels
        [InlineData(2, 5, 37)]        // channels not in 8s: all scalar
        [InlineData(1, 12, 3)]
        public void Transposes_every_element_on_one_and_two_threads(int batch, int channels, int pixels)
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
                    ParallelRunner.Run(new ConvPacking.TransposeGradOutputJob(channels, pixels),
                        ConvPacking.TransposeGradOutputJob.Items(batch, pixels), long.MaxValue, source, destination);
                }
                finally { ParallelRunner.MaxThreads = saved; }
                for (int n = 0; n < batch; n++)
                for (int p = 0; p < pixels; p++)
                for (int c = 0; c < channels; c++)
                    Assert.Equal(source[(n * channels + c) * pixels + p], destination[(n * pixels + p) * channels + c]);
                Assert.All(destination.AsSpan(source.Length).ToArray(), v => Assert.True(float.IsNaN(v))); // nothing written past the end
            }
        }

        [Theory]
        [InlineData(1, 1, 1)]
        [InlineData(2, 1_024, 2)]
        [InlineData(3, 1_025, 6)]
        public void Items_are_images_times_chunks_of_1024_pixels(int batch, int pixels, int items)
            => Assert.Equal(items, ConvPacking.TransposeGradOutputJob.Items(batch, pixels));
    }
}
