using System;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>AlignedFloats: a zeroed buffer of the asked length whose first float sits on a 64-byte line, and stays there.</summary>
    public class AlignedFloatsTests
    {
        private static unsafe long Address(Span<float> span)
        {
            fixed (float* p = span) return (long)p;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(17)]
        [InlineData(100_003)]
        public void Starts_on_a_64_byte_boundary_zeroed_with_the_length_asked_for(int floats)
        {
            var buffer = new AlignedFloats(floats);
            Assert.Equal(floats, buffer.Length);
            Assert.Equal(floats, buffer.Span.Length);
            Assert.Equal(0, Address(buffer.Span) % 64);
            Assert.All(buffer.Span.ToArray(), v => Assert.Equal(0f, v));
        }

        [Fact]
        public void Stays_aligned_after_garbage_collections()
        {
            var buffer = new AlignedFloats(4_096);
            long before = Address(buffer.Span);
            for (int i = 0; i < 3; i++) { _ = new float[100_000]; GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true); }
            Assert.Equal(before, Address(buffer.Span));
        }

        [Fact]
        public void Empty_has_no_floats_and_a_negative_length_throws()
        {
            Assert.Equal(0, AlignedFloats.Empty.Span.Length);
            Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedFloats(-1));
        }
    }
}
