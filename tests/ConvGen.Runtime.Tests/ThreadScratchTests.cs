using System;
using System.Threading;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>ThreadScratch hands each thread one pinned buffer, aligned to a cache line, grown on demand and then reused.</summary>
    public class ThreadScratchTests
    {
        private static unsafe long Address(Span<float> span)
        {
            fixed (float* p = span) return (long)p;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        [InlineData(70_000)]
        public void Scratch_starts_on_a_64_byte_boundary_and_has_the_length_asked_for(int floats)
        {
            Span<float> scratch = ThreadScratch.Get(floats);
            Assert.Equal(floats, scratch.Length);
            Assert.Equal(0, Address(scratch) % 64);
        }

        [Fact]
        public void A_second_call_reuses_the_buffer_without_allocating()
        {
            long first = Address(ThreadScratch.Get(5_000));
            long before = GC.GetAllocatedBytesForCurrentThread();
            long second = Address(ThreadScratch.Get(4_000));
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
            Assert.Equal(first, second);
        }

        [Fact]
        public void Each_thread_has_its_own_buffer()
        {
            long mine = Address(ThreadScratch.Get(1_000)), other = 0;
            var thread = new Thread(() => other = Address(ThreadScratch.Get(1_000)));
            thread.Start();
            thread.Join();
            Assert.NotEqual(mine, other);
        }

        [Fact]
        public void A_negative_length_is_refused()
            => Assert.Throws<ArgumentOutOfRangeException>(() => ThreadScratch.Get(-1));
    }
}
