using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// ConvPacking.ImagesPerCacheSlice: images per slice whose packed bytes fit twice the L2 per thread, a whole number of
    /// images per thread (except when the batch is smaller), never fewer than one nor more than the batch.
    /// </summary>
    [Collection(MaxThreadsCollection.Name)]
    public class CacheSliceTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Slices_fill_the_budget_in_whole_images_per_thread(int threads)
        {
            int saved = ParallelRunner.MaxThreads;
            ParallelRunner.MaxThreads = threads;
            try
            {
                long budget = 2L * CacheSizes.L2Bytes * threads;
                foreach (long perImage in new[] { 1L, budget / 7, budget / 6 + 1, budget / 2, budget, 3 * budget })
                foreach (int batch in new[] { 1, 2, 5, 64, 1000 })
                {
                    int images = ConvPacking.ImagesPerCacheSlice(batch, perImage);
                    Assert.InRange(images, 1, batch);
                    if (images < batch)
                    {
                        Assert.True(images % threads == 0, $"{images} images for {threads} threads");
                        Assert.True(images == threads || images * perImage <= budget, $"{images} x {perImage} bytes over the budget {budget}");
                        Assert.True((images + threads) * perImage > budget, $"{images} images leave room for {threads} more");
                    }
                }
                Assert.Equal(1000, ConvPacking.ImagesPerCacheSlice(1000, 1));
                Assert.Equal(System.Math.Min(threads, 5), ConvPacking.ImagesPerCacheSlice(5, 3 * budget));
            }
            finally { ParallelRunner.MaxThreads = saved; }
        }
    }
}
