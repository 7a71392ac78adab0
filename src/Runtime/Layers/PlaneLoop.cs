using System;
using ConvGen.Kernels;

namespace ConvGen.Layers
{
    /// <summary>
    /// Runs a loop body over independent items (image planes, matrix rows), on the kernels' worker threads when there is
    /// enough work to pay for them. The body is a struct job, so a call allocates nothing (no closure, no delegate); items
    /// own disjoint outputs, so the result does not depend on the schedule.
    /// </summary>
    internal static class PlaneLoop
    {
        /// <summary>Work (inner-loop iterations) below which a plane loop stays on the calling thread.</summary>
        public const long MinimumPlaneWork = 1 << 15;

        /// <summary>Runs <paramref name="job"/> for every index in [0, <paramref name="count"/>).</summary>
        public static void For<TJob>(int count, long workPerItem, TJob job, long minimumParallelWork = MinimumPlaneWork)
            where TJob : struct, IKernelJob
        {
            int threads = ParallelRunner.MaxThreads;
            if (count > 1 && workPerItem * count >= minimumParallelWork && threads > 1)
                ParallelRunner.RunOnThreads(job, count, threads);
            else
                for (int i = 0; i < count; i++) job.Execute(i, default);
        }

        /// <summary>The same for a lambda body (its closure is allocated by the caller; the loop itself allocates nothing).</summary>
        public static void For(int count, long workPerItem, Action<int> body) => For(count, workPerItem, new DelegateJob(body));

        private readonly struct DelegateJob(Action<int> body) : IKernelJob
        {
            public void Execute(int index, in KernelBuffers _) => body(index);
        }
    }
}
