using System;
using System.ComponentModel;
using System.Runtime.Intrinsics;

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

        /// <summary>
        /// Work below this many floating-point operations runs on the calling thread. It stands for a few microseconds of work
        /// against a wake-up (~1 us at the median, see WorkerPool), so it follows the vector width: 400 K flops without 512-bit
        /// vectors, 800 K with them (twice the flops per cycle; not measured on such a machine). Since a late worker's items
        /// go to the caller, splitting a small kernel costs little when the other core is busy. Zen 3, 2 threads, inline
        /// against split in paired 20 ms windows: LeNet C3 batch 1 (0.5 MFLOP) 0.69-0.88x the time, the CIFAR stem batch 1
        /// (1.8 MFLOP) 0.64-1.01x, LeNet C1 batch 1 (0.24 MFLOP) 0.89-1.05x, so it stays inline; with the second core kept
        /// busy by another process, split cost 1.03x (CIFAR) and 1.04x (C3), where a plain hand-over had cost 3x.
        /// </summary>
        public static long SerialFlopThreshold { get; set; } = Vector512.IsHardwareAccelerated ? 800_000 : 400_000;

        /// <summary>Runs <paramref name="job"/> for every index in [0, <paramref name="count"/>), in parallel when worth it.</summary>
        public static unsafe void Run<TJob>(TJob job, int count, long flops,
            ReadOnlySpan<float> b0, ReadOnlySpan<float> b1 = default, ReadOnlySpan<float> b2 = default, ReadOnlySpan<float> b3 = default)
            where TJob : struct, IKernelJob
        {
            fixed (float* p0 = b0, p1 = b1, p2 = b2, p3 = b3)
            {
                var buffers = new KernelBuffers(p0, b0.Length, p1, b1.Length, p2, b2.Length, p3, b3.Length);
                RunParallel(job, count, flops < SerialFlopThreshold ? 1 : Math.Min(s_maxThreads, count), buffers);
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
            // One thread, or a job that starts a run of its own (see WorkerPool.InsideRun: one run owns the pool at a time): inline.
            if (threads <= 1 || WorkerPool.InsideRun)
            {
                for (int i = 0; i < count; i++) job.Execute(i, buffers);
                return;
            }
            // One run at a time: the job lives in a static slot per job type, so handing it to the workers allocates nothing.
            lock (WorkerPool.Gate)
            {
                JobSlot<TJob>.Job = job;
                JobSlot<TJob>.Buffers = buffers;
                WorkRanges.Reset(count, threads);
                WorkerPool.Run(JobSlot<TJob>.RunPart, threads);
                JobSlot<TJob>.Job = default;
            }
        }

        /// <summary>The job being run, per job type; <see cref="RunPart"/> is cached once, so a run allocates no delegate.</summary>
        private static class JobSlot<TJob> where TJob : struct, IKernelJob
        {
            public static TJob Job;
            public static KernelBuffers Buffers;

            // A contiguous range per part (neighbouring items share weights and input rows in cache), taken from the front; then
            // the other parts' leftovers from the back, so the run ends when the items do, whichever cores showed up. Against
            // the static split it replaced (2 threads, forwards, paired 60 ms windows): ResNet 3x3 0.91x the time, stride-2 0.98x,
            // ResNet stem 0.99x, pointwise 1.00x; and a kernel no longer waits for a core that is busy elsewhere.
            public static readonly Action<int> RunPart = part =>
            {
                for (int i = WorkRanges.Claim(part); i >= 0; i = WorkRanges.Claim(part)) Job.Execute(i, Buffers);
            };
        }
    }
}
