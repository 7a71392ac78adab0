using System;
using System.ComponentModel;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Scratch memory for kernels that stage data per work item (the column weight gradient copies input rows into a band):
    /// one buffer per thread, grown on demand and kept, so calls after the first allocate nothing. It is pinned, so its
    /// start can be aligned to a 64-byte cache line once: rows laid out in whole lines then never split a vector load.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class ThreadScratch
    {
        private const int AlignmentFloats = AlignedFloats.LineFloats;

        [ThreadStatic] private static float[]? t_buffer;
        [ThreadStatic] private static int t_offset;

        /// <summary>
        /// This thread's scratch, at least <paramref name="floats"/> long and starting on a 64-byte boundary. Its contents are
        /// whatever the last user left: callers write before they read. The span is valid until this thread's next call.
        /// </summary>
        public static Span<float> Get(int floats)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(floats);
            float[]? buffer = t_buffer;
            if (buffer is null || buffer.Length - t_offset < floats)
            {
                buffer = GC.AllocateUninitializedArray<float>(floats + AlignmentFloats, pinned: true);
                t_offset = AlignedFloats.AlignedOffset(buffer);
                t_buffer = buffer;
            }
            return buffer.AsSpan(t_offset, floats);
        }
    }
}
