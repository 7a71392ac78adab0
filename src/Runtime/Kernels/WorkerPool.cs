using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ConvGen.Kernels
{
    /// <summary>
    /// A few dedicated background threads that run the parts of one kernel at a time. Unlike Parallel.For it allocates nothing
    /// per run, and workers spin briefly before sleeping, so back-to-back kernels (a training step) do not pay a wake-up each.
    /// </summary>
    internal static class WorkerPool
    {
        public static readonly object Gate = new();

        private static Worker[] s_workers = Array.Empty<Worker>();
        private static Action<int>? s_part;
        private static int s_pending;
        private static ExceptionDispatchInfo? s_error;
        // ManualResetEventSlim's spin yields to the OS between checks; a pause-only spin of 50-200 us before both waits
        // changed neither the 2-thread ResNet forward nor the split CIFAR stem. Wake-ups take about 1 us at the median here; the
        // slow ones (99th percentile 0.5-0.8 ms) stayed with spinning too, so most likely the hypervisor descheduled the vCPU.
        private static readonly ManualResetEventSlim s_done = new(false, spinCount: 2000);

        /// <summary>Runs part(0) on the caller and part(1..parts-1) on workers; returns when all are done. Caller holds <see cref="Gate"/>.</summary>
        public static void Run(Action<int> part, int parts)
        {
            EnsureWorkers(parts - 1);
            s_part = part;
            s_error = null;
            s_done.Reset();
            Volatile.Write(ref s_pending, parts - 1);
            for (int i = 1; i < parts; i++) s_workers[i - 1].Start(i);
            try
            {
                part(0);
            }
            finally
            {
                s_done.Wait();
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

        private static void Finish()
        {
            if (Interlocked.Decrement(ref s_pending) == 0) s_done.Set();
        }

        private sealed class Worker
        {
            private readonly ManualResetEventSlim _go = new(false, spinCount: 2000);
            private int _part;

            public Worker()
            {
                var thread = new Thread(Loop) { IsBackground = true, Name = "ConvGen worker" };
                thread.Start();
            }

            public void Start(int part)
            {
                _part = part;
                _go.Set();
            }

            private void Loop()
            {
                while (true)
                {
                    _go.Wait();
                    _go.Reset();
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
                        Finish();
                    }
                }
            }
        }
    }
}
