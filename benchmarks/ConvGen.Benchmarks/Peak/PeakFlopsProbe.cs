using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace ConvGen.Benchmarks.Peak
{
    /// <summary>Measured float32 peak of this machine for a thread count.</summary>
    /// <param name="Threads">Threads that ran the probe at once.</param>
    /// <param name="GFlops">Best GFLOP/s over the trials, all threads together.</param>
    /// <param name="Isa">The vector width used, e.g. "Vector512 FMA".</param>
    public sealed record PeakResult(int Threads, double GFlops, string Isa);

    /// <summary>
    /// Measures attainable float32 FLOP/s: each thread runs independent chains of vector fused multiply-adds, enough to
    /// cover FMA latency x issue width on current x86 cores (Zen 3 to 5: 4-cycle latency x 2 pipes = 8 chains needed). Data
    /// stays in registers, so this is the compute ceiling a convolution's "% of peak" is measured against. The chains and the
    /// two constants must fit the register file: 16 on AVX-512 (32 registers), 12 on AVX2 (16 registers; 16 chains spilled
    /// there and measured 55 GFLOP/s on a Zen 3 core that 12 chains drive at 94).
    /// </summary>
    public static class PeakFlopsProbe
    {
        private const int Chains512 = 16, Chains256 = 12;

        /// <summary>Best of <paramref name="trials"/> runs of about <paramref name="seconds"/> each, on <paramref name="threads"/> threads.</summary>
        public static PeakResult Measure(int threads, int trials = 5, double seconds = 0.2)
        {
            int lanes = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;
            string isa = Vector512.IsHardwareAccelerated ? "Vector512 FMA" : "Vector256 FMA";
            double flopsPerIteration = (Vector512.IsHardwareAccelerated ? Chains512 : Chains256) * lanes * 2.0;

            // Calibrate the iteration count on one thread so each trial takes about the requested time.
            long iterations = 1 << 16;
            while (true)
            {
                var sw = Stopwatch.StartNew();
                Chain(iterations);
                if (sw.Elapsed.TotalSeconds > seconds / 4) break;
                iterations *= 2;
            }
            iterations = (long)(iterations * 4);

            double best = 0;
            for (int t = 0; t < trials; t++)
            {
                double elapsed = RunOnThreads(threads, iterations);
                best = Math.Max(best, flopsPerIteration * iterations * threads / elapsed / 1e9);
            }
            return new PeakResult(threads, best, isa);
        }

        private static double RunOnThreads(int threads, long iterations)
        {
            using var start = new Barrier(threads + 1);
            var workers = new Thread[threads];
            for (int i = 0; i < threads; i++)
            {
                workers[i] = new Thread(() =>
                {
                    start.SignalAndWait();
                    Chain(iterations);
                }) { IsBackground = true };
                workers[i].Start();
            }
            start.SignalAndWait();
            var sw = Stopwatch.StartNew();
            foreach (Thread w in workers) w.Join();
            return sw.Elapsed.TotalSeconds;
        }

        /// <summary>Independent FMA chains; the result is returned so the JIT cannot drop the work.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static float Chain(long iterations)
            => Vector512.IsHardwareAccelerated ? Chain512(iterations) : Chain256(iterations);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static float Chain512(long iterations)
        {
            Vector512<float> m = Vector512.Create(0.9999999f), c = Vector512.Create(1e-7f);
            Vector512<float> a0 = Vector512.Create(0.1f), a1 = Vector512.Create(0.2f), a2 = Vector512.Create(0.3f), a3 = Vector512.Create(0.4f);
            Vector512<float> a4 = Vector512.Create(0.5f), a5 = Vector512.Create(0.6f), a6 = Vector512.Create(0.7f), a7 = Vector512.Create(0.8f);
            Vector512<float> a8 = Vector512.Create(0.9f), a9 = Vector512.Create(1.0f), aa = Vector512.Create(1.1f), ab = Vector512.Create(1.2f);
            Vector512<float> ac = Vector512.Create(1.3f), ad = Vector512.Create(1.4f), ae = Vector512.Create(1.5f), af = Vector512.Create(1.6f);
            for (long i = 0; i < iterations; i++)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
                a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
                a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
                a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
                a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
                aa = Vector512.FusedMultiplyAdd(aa, m, c); ab = Vector512.FusedMultiplyAdd(ab, m, c);
                ac = Vector512.FusedMultiplyAdd(ac, m, c); ad = Vector512.FusedMultiplyAdd(ad, m, c);
                ae = Vector512.FusedMultiplyAdd(ae, m, c); af = Vector512.FusedMultiplyAdd(af, m, c);
            }
            Vector512<float> sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (aa + ab)) + ((ac + ad) + (ae + af));
            return Vector512.Sum(sum);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static float Chain256(long iterations)
        {
            Vector256<float> m = Vector256.Create(0.9999999f), c = Vector256.Create(1e-7f);
            Vector256<float> a0 = Vector256.Create(0.1f), a1 = Vector256.Create(0.2f), a2 = Vector256.Create(0.3f), a3 = Vector256.Create(0.4f);
            Vector256<float> a4 = Vector256.Create(0.5f), a5 = Vector256.Create(0.6f), a6 = Vector256.Create(0.7f), a7 = Vector256.Create(0.8f);
            Vector256<float> a8 = Vector256.Create(0.9f), a9 = Vector256.Create(1.0f), aa = Vector256.Create(1.1f), ab = Vector256.Create(1.2f);
            for (long i = 0; i < iterations; i++)
            {
                a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c);
                a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
                a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
                a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
                a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c);
                aa = Vector256.FusedMultiplyAdd(aa, m, c); ab = Vector256.FusedMultiplyAdd(ab, m, c);
            }
            Vector256<float> sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (aa + ab));
            return Vector256.Sum(sum);
        }
    }
}
