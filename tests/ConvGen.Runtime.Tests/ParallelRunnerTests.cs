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
            private readonly int _caller, _stallMs, _throwAt, _callerItemUs;
            private readonly bool _throwOnWorker;

            public CountingJob(int count, int stallMs = 0, int throwAt = -1, bool throwOnWorker = false, int callerItemUs = 0)
            {
                _callerItemUs = callerItemUs;
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
                if (_callerItemUs > 0 && !onWorker)
                {
                    long end = System.Diagnostics.Stopwatch.GetTimestamp() + _callerItemUs * System.Diagnostics.Stopwatch.Frequency / 1_000_000;
                    while (System.Diagnostics.Stopwatch.GetTimestamp() < end) Thread.SpinWait(20);
                }
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
                // A worker that starts sleeps 300 ms in its first item; the caller's items take 200 us each, so the worker starts
                // while the caller is on its own 32, after which the caller runs every other one of the worker's: exactly one
                // item runs off the caller. Should the worker not start at all, the caller ran everything; then repeat.
                for (int attempt = 0; attempt < 10; attempt++)
                {
                    var job = new CountingJob(64, stallMs: 300, callerItemUs: 200);
                    ParallelRunner.Run(job, 64, long.MaxValue, default);
                    Assert.All(job.Runs, runs => Assert.Equal(1, runs));
                    Assert.True(job.ItemsOffCaller() <= 1, $"{job.ItemsOffCaller()} items ran on the stalled worker");
                    if (job.ItemsOffCaller() == 1) return;
                }
                Assert.Fail("no worker started in 10 runs of 13 ms");
            });
        }

        [Fact]
        public void An_exception_on_a_worker_reaches_the_caller_and_the_other_items_still_run()
        {
            WithThreads(2, () =>
            {
                // The caller's items take 50 us each (20 ms in all), so a worker starts before they are done; should one not, the
                // caller ran everything (checked) and the run is repeated.
                for (int attempt = 0; attempt < 10; attempt++)
                {
                    var job = new CountingJob(400, throwOnWorker: true, callerItemUs: 50);
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
                Assert.Fail("no worker started in 10 runs of 20 ms");
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

        /// <summary>Each item starts a run of its own (4 items); a worker's items also wait, so a worker is running when they do.</summary>
        private readonly struct NestingJob : IKernelJob
        {
            private readonly int[] _outerRuns, _innerRuns;
            private readonly int _caller;

            public NestingJob(int count)
            {
                _outerRuns = new int[count];
                _innerRuns = new int[count * 4];
                _caller = Environment.CurrentManagedThreadId;
            }

            public int[] OuterRuns => _outerRuns;
            public int[] InnerRuns => _innerRuns;

            public void Execute(int index, in KernelBuffers buffers)
            {
                Interlocked.Increment(ref _outerRuns[index]);
                var inner = new InnerJob(_innerRuns, index * 4);
                ParallelRunner.Run(inner, 4, long.MaxValue, default);
                if (Environment.CurrentManagedThreadId == _caller) Thread.Sleep(1); // give a worker time to start
            }
        }

        private readonly struct InnerJob(int[] runs, int offset) : IKernelJob
        {
            public void Execute(int index, in KernelBuffers buffers) => Interlocked.Increment(ref runs[offset + index]);
        }

        [Fact]
        public void A_run_started_inside_a_run_runs_inline_on_caller_and_workers_alike()
        {
            WithThreads(2, () =>
            {
                var job = new NestingJob(32);
                var run = System.Threading.Tasks.Task.Run(() => ParallelRunner.Run(job, 32, long.MaxValue, default));
                Assert.True(run.Wait(TimeSpan.FromSeconds(30)), "a nested run deadlocked");
                Assert.All(job.OuterRuns, runs => Assert.Equal(1, runs));
                Assert.All(job.InnerRuns, runs => Assert.Equal(1, runs));
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
