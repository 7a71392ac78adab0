using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ConvGen.Kernels
{
    /// <summary>
    /// A few dedicated background threads that run the parts of one kernel at a time. Unlike Parallel.For it allocates nothing
    /// per run, and workers spin briefly before sleeping, so back-to-back kernels (a training step) do not pay a wake-up each.
    /// <para>
    /// A part is offered to a worker, not handed over: when the caller has run out of items (its own and, through
    /// <see cref="WorkRanges"/>, everyone else's) it withdraws every offer no worker has taken up yet and waits only for
    /// workers already running. A kernel of a few tens of microseconds therefore never waits for a core that is busy elsewhere:
    /// split over two cores with a plain hand-over, the CIFAR stem's batch-1 forward ran 20.7 us when the second core was free
    /// and 92.4 us when it was not (its serial time: ~32 us).
    /// </para>
    /// </summary>
    internal static class WorkerPool
    {
        public static readonly object Gate = new();

        [ThreadStatic] private static bool t_isWorker;

        /// <summary>
        /// Whether this thread is inside a run: the caller of one (it holds <see cref="Gate"/>) or a worker. A run started
        /// from there must not use the pool: the caller would reset the ranges of the run it is part of, and a worker would
        /// wait for the gate its own caller holds until the worker finishes.
        /// </summary>
        public static bool InsideRun => t_isWorker || Monitor.IsEntered(Gate);

        private static Worker[] s_workers = Array.Empty<Worker>();
        private static Action<int>? s_part;
        private static ExceptionDispatchInfo? s_error;

        /// <summary>
        /// Offers part(1..parts-1) to workers, runs part(0) on the caller and returns when no part is running. Each part must
        /// loop until no items are left (<see cref="WorkRanges.Claim"/>), so a withdrawn offer leaves nothing undone. Caller
        /// holds <see cref="Gate"/>.
        /// </summary>
        public static void Run(Action<int> part, int parts)
        {
            EnsureWorkers(parts - 1);
            s_part = part;
            s_error = null;
            for (int i = 1; i < parts; i++) s_workers[i - 1].Offer(i);
            try
            {
                part(0);
            }
            finally
            {
                for (int i = 1; i < parts; i++) s_workers[i - 1].WithdrawOrAwait();
                s_part = null;
            }
            s_error?.Throw();
        }

        private static void EnsureWorkers(int count)
        {
            if (s_workers.Length >= count) return;
            var workers = new Worker[count];
            Array.Copy(s_workers, workers, s_workers.Length);
            for (int i = s_workers.Length; i < count; i++) workers[i] = new Worker();
            s_workers = workers;
        }

        private sealed class Worker
        {
            private const int Idle = 0, Offered = 1, Running = 2;

            // ManualResetEventSlim's spin yields to the OS between checks; a pause-only spin of 50-200 us changed neither the
            // 2-thread ResNet forward nor the split CIFAR stem. Wake-ups take about 1 us at the median here; the slow ones
            // (99th percentile 0.5-0.8 ms) stayed with spinning too, so most likely the hypervisor descheduled the vCPU.
            private readonly ManualResetEventSlim _go = new(false, spinCount: 2000);
            private int _part, _state;

            public Worker()
            {
                var thread = new Thread(Loop) { IsBackground = true, Name = "ConvGen worker" };
                thread.Start();
            }

            public void Offer(int part)
            {
                _part = part;
                Volatile.Write(ref _state, Offered);
                _go.Set();
            }

            /// <summary>Takes the offer back if the worker has not started it; otherwise waits until it has finished.</summary>
            public void WithdrawOrAwait()
            {
                if (Interlocked.CompareExchange(ref _state, Idle, Offered) == Offered) return;
                var spinner = new SpinWait();
                // No items are left to claim, so a running worker is in its last one: spin (and yield), never sleep a millisecond.
                while (Volatile.Read(ref _state) == Running) spinner.SpinOnce(sleep1Threshold: -1);
            }

            private void Loop()
            {
                t_isWorker = true;
                while (true)
                {
                    _go.Wait();
                    _go.Reset(); // before the state check: an offer made after it sets the event again, so none is missed
                    if (Interlocked.CompareExchange(ref _state, Running, Offered) != Offered) continue; // withdrawn
                    try
                    {
                        s_part!(_part);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref s_error, ExceptionDispatchInfo.Capture(e), null);
                    }
                    finally
                    {
                        Volatile.Write(ref _state, Idle);
                    }
                }
            }
        }
    }
}
