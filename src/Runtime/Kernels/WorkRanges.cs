using System;
using System.Threading;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The item ranges of one parallel run, one contiguous range per part: a part's thread claims its own items from the
    /// front and, once those are gone, other parts' items from the back. So a core that starts late (busy with another
    /// process, or its wake-up slow) loses its items to the cores that are running instead of holding the run up, and
    /// neighbouring items (which share weights and input rows in cache) still mostly run on one core. Claims are one
    /// compare-and-swap on a (front, back) pair per item; each pair has its own cache line.
    /// </summary>
    internal static class WorkRanges
    {
        /// <summary>Longs per range: 64 bytes, so two parts' claims never share a cache line.</summary>
        private const int Pad = 8;

        private static long[] s_ranges = new long[Pad];
        private static int s_parts;

        /// <summary>Splits [0, <paramref name="count"/>) into <paramref name="parts"/> contiguous ranges. Caller holds <see cref="WorkerPool.Gate"/>.</summary>
        public static void Reset(int count, int parts)
        {
            if (s_ranges.Length < parts * Pad) s_ranges = new long[parts * Pad];
            s_parts = parts;
            for (int p = 0; p < parts; p++)
            {
                int start = (int)((long)count * p / parts), end = (int)((long)count * (p + 1) / parts);
                Volatile.Write(ref s_ranges[p * Pad], Pack(start, end));
            }
        }

        /// <summary>The next item for part <paramref name="part"/>: its own front item, else the back item of the next part that has one; -1 when none is left.</summary>
        public static int Claim(int part)
        {
            int item = ClaimFront(part);
            for (int k = 1; item < 0 && k < s_parts; k++) item = ClaimBack((part + k) % s_parts);
            return item;
        }

        private static int ClaimFront(int part)
        {
            ref long range = ref s_ranges[part * Pad];
            while (true)
            {
                long seen = Volatile.Read(ref range);
                int front = (int)seen, back = (int)(seen >> 32);
                if (front >= back) return -1;
                if (Interlocked.CompareExchange(ref range, Pack(front + 1, back), seen) == seen) return front;
            }
        }

        private static int ClaimBack(int part)
        {
            ref long range = ref s_ranges[part * Pad];
            while (true)
            {
                long seen = Volatile.Read(ref range);
                int front = (int)seen, back = (int)(seen >> 32);
                if (front >= back) return -1;
                if (Interlocked.CompareExchange(ref range, Pack(front, back - 1), seen) == seen) return back - 1;
            }
        }

        private static long Pack(int front, int back) => (uint)front | (long)back << 32;
    }
}
