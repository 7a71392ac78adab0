using System;
using System.ComponentModel;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Up to four pinned float buffers handed to a kernel job running on worker threads. Generated code sees only spans,
    /// so it needs no <c>unsafe</c> context; the runtime pins the caller's spans for the duration of the run.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public readonly unsafe struct KernelBuffers
    {
        private readonly float* _p0, _p1, _p2, _p3;
        private readonly int _l0, _l1, _l2, _l3;

        internal KernelBuffers(float* p0, int l0, float* p1, int l1, float* p2, int l2, float* p3, int l3)
        {
            _p0 = p0; _l0 = l0; _p1 = p1; _l1 = l1; _p2 = p2; _l2 = l2; _p3 = p3; _l3 = l3;
        }

        /// <summary>The first buffer passed to <see cref="ParallelRunner.Run{TJob}"/>.</summary>
        public Span<float> B0 => new(_p0, _l0);
        /// <summary>The second buffer.</summary>
        public Span<float> B1 => new(_p1, _l1);
        /// <summary>The third buffer.</summary>
        public Span<float> B2 => new(_p2, _l2);
        /// <summary>The fourth buffer.</summary>
        public Span<float> B3 => new(_p3, _l3);
    }

    /// <summary>One independent slice of a kernel's work; <see cref="Execute"/> must only write what slice <c>index</c> owns.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public interface IKernelJob
    {
        /// <summary>Runs work item <paramref name="index"/>.</summary>
        void Execute(int index, in KernelBuffers buffers);
    }

    /// <summary>
    /// Splits kernel work over the machine's cores. Small jobs run inline: below <see cref="SerialFlopThreshold"/> the cost of
    /// waking a second thread exceeds the work. Work items own disjoint outputs, so results do not depend on scheduling.
    /// </summary>
    public static class ParallelRunner
    {
        private static int s_maxThreads = Environment.ProcessorCount;

        /// <summary>Threads kernels may use (default: all cores). Benchmarks set 1 or 2 to hold every engine to the same count.</summary>
        public static int MaxThreads
        {
            get => s_maxThreads;
            set => s_maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
        }

        /// <summary>Work below this many floating-point operations runs on the calling thread.</summary>
        public static long SerialFlopThreshold { get; set; } = 2_000_000;

        /// <summary>Runs <paramref name="job"/> for every index in [0, <paramref name="count"/>), in parallel when worth it.</summary>
        public static unsafe void Run<TJob>(TJob job, int count, long flops,
            ReadOnlySpan<float> b0, ReadOnlySpan<float> b1 = default, ReadOnlySpan<float> b2 = default, ReadOnlySpan<float> b3 = default)
            where TJob : struct, IKernelJob
        {
            fixed (float* p0 = b0, p1 = b1, p2 = b2, p3 = b3)
            {
                var buffers = new KernelBuffers(p0, b0.Length, p1, b1.Length, p2, b2.Length, p3, b3.Length);
                int threads = Math.Min(s_maxThreads, count);
                if (threads <= 1 || flops < SerialFlopThreshold)
                {
                    for (int i = 0; i < count; i++) job.Execute(i, buffers);
                    return;
                }
                RunParallel(job, count, threads, buffers);
            }
        }

        /// <summary>
        /// Runs <paramref name="job"/> on up to <paramref name="threads"/> pool threads with no buffers and no flop threshold:
        /// the runtime layers decide for themselves when their loops are worth splitting. Allocates nothing, unlike
        /// <c>Parallel.For</c>, whose per-call state was most of what a training step still allocated.
        /// </summary>
        internal static void RunOnThreads<TJob>(TJob job, int count, int threads) where TJob : struct, IKernelJob
            => RunParallel(job, count, Math.Min(threads, count), default);

        private static void RunParallel<TJob>(TJob job, int count, int threads, KernelBuffers buffers) where TJob : struct, IKernelJob
        {
            // One run at a time: the job lives in a static slot per job type, so handing it to the workers allocates nothing.
            lock (WorkerPool.Gate)
            {
                JobSlot<TJob>.Job = job;
                JobSlot<TJob>.Buffers = buffers;
                JobSlot<TJob>.Count = count;
                JobSlot<TJob>.Threads = threads;
                WorkerPool.Run(JobSlot<TJob>.RunPart, threads);
                JobSlot<TJob>.Job = default;
            }
        }

        /// <summary>The job being run, per job type; <see cref="RunPart"/> is cached once, so a run allocates no delegate.</summary>
        private static class JobSlot<TJob> where TJob : struct, IKernelJob
        {
            public static TJob Job;
            public static KernelBuffers Buffers;
            public static int Count, Threads;

            // Contiguous chunks, one per thread: neighbouring items share weights and input rows in cache. Work stealing (own range
            // from the front, then the others' from the back, 16 items per thread, claims in grains) measured neutral in-process
            // (ResNet 3x3 and stem forwards 1.004-1.008, stride-2 0.993-1.003, ResNet backward 1.001), so the split stays static.
            public static readonly Action<int> RunPart = part =>
            {
                int start = (int)((long)Count * part / Threads), end = (int)((long)Count * (part + 1) / Threads);
                for (int i = start; i < end; i++) Job.Execute(i, Buffers);
            };
        }
    }
}
