using System;
using System.Threading;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// ParallelRunner runs every item exactly once on any number of threads, does not wait for a worker that is slow to
    /// take its share (the caller takes the items over), and passes exceptions from any thread to the caller.
    /// </summary>
    [Collection(MaxThreadsCollection.Name)] // both set the process-wide ParallelRunner.MaxThreads
    public class ParallelRunnerTests
    {
        /// <summary>Counts runs per item and records which thread ran each; a worker can be made to stall on its first item.</summary>
        private readonly struct CountingJob : IKernelJob
        {
            private readonly int[] _runs, _threads;
            private readonly int _caller, _stallMs, _throwAt;
            private readonly bool _throwOnWorker;

            public CountingJob(int count, int stallMs = 0, int throwAt = -1, bool throwOnWorker = false)
            {
                _runs = new int[count];
                _threads = new int[count];
                _caller = Environment.CurrentManagedThreadId;
                _stallMs = stallMs;
                _throwAt = throwAt;
                _throwOnWorker = throwOnWorker;
            }

            public int[] Runs => _runs;
            public int ItemsOffCaller() { int n = 0; foreach (int t in _threads) n += t != _caller ? 1 : 0; return n; }

            public void Execute(int index, in KernelBuffers buffers)
            {
                int thread = Environment.CurrentManagedThreadId;
                _threads[index] = thread;
                Interlocked.Increment(ref _runs[index]);
                bool onWorker = thread != _caller;
                if (index == _throwAt || (_throwOnWorker && onWorker)) throw new InvalidOperationException($"item {index}");
                if (_stallMs > 0 && onWorker) Thread.Sleep(_stallMs);
            }
        }

        private static void WithThreads(int threads, Action body)
        {
            int before = ParallelRunner.MaxThreads;
            ParallelRunner.MaxThreads = threads;
            try { body(); }
            finally { ParallelRunner.MaxThreads = before; }
        }

        [Theory]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void Every_item_runs_exactly_once_over_many_back_to_back_runs(int threads)
        {
            WithThreads(threads, () =>
            {
                var random = new Random(threads);
                for (int run = 0; run < 3_000; run++)
                {
                    var job = new CountingJob(random.Next(1, 41));
                    ParallelRunner.Run(job, job.Runs.Length, long.MaxValue, default);
                    for (int i = 0; i < job.Runs.Length; i++)
                        Assert.True(job.Runs[i] == 1, $"run {run}: item {i} of {job.Runs.Length} ran {job.Runs[i]} times on {threads} threads");
                }
            });
        }

        [Fact]
        public void The_caller_takes_over_the_items_of_a_worker_that_stalls()
        {
            WithThreads(2, () =>
            {
                // A worker that starts sleeps 300 ms in its first item; the caller meanwhile runs its own 32 items and every
                // other one of the worker's, so at most that one item runs off the caller.
                var job = new CountingJob(64, stallMs: 300);
                ParallelRunner.Run(job, 64, long.MaxValue, default);
                Assert.All(job.Runs, runs => Assert.Equal(1, runs));
                Assert.True(job.ItemsOffCaller() <= 1, $"{job.ItemsOffCaller()} items ran on the stalled worker");
            });
        }

        [Fact]
        public void An_exception_on_a_worker_reaches_the_caller_and_the_other_items_still_run()
        {
            WithThreads(2, () =>
            {
                // Items are only taken off the caller if a worker starts in time; repeat until one did.
                for (int attempt = 0; attempt < 200; attempt++)
                {
                    var job = new CountingJob(400, throwOnWorker: true);
                    try
                    {
                        ParallelRunner.Run(job, 400, long.MaxValue, default);
                        Assert.Equal(0, job.ItemsOffCaller());
                        continue;
                    }
                    catch (InvalidOperationException)
                    {
                        Assert.Equal(1, job.ItemsOffCaller());
                        Assert.All(job.Runs, runs => Assert.Equal(1, runs));
                        return;
                    }
                }
                Assert.Fail("no worker started in 200 runs of 400 items");
            });
        }

        [Fact]
        public void An_exception_on_the_caller_propagates_and_the_pool_keeps_working()
        {
            WithThreads(2, () =>
            {
                var failing = new CountingJob(8, throwAt: 0); // item 0 is the caller's first
                var error = Assert.Throws<InvalidOperationException>(() => ParallelRunner.Run(failing, 8, long.MaxValue, default));
                Assert.Equal("item 0", error.Message);
                var next = new CountingJob(8);
                ParallelRunner.Run(next, 8, long.MaxValue, default);
                Assert.All(next.Runs, runs => Assert.Equal(1, runs));
            });
        }

        [Fact]
        public void Work_below_the_flop_threshold_runs_on_the_caller()
        {
            WithThreads(2, () =>
            {
                var job = new CountingJob(16, stallMs: 1000);
                ParallelRunner.Run(job, 16, 0, default);
                Assert.Equal(0, job.ItemsOffCaller());
                Assert.All(job.Runs, runs => Assert.Equal(1, runs));
            });
        }
    }
}
