using System;
using System.Threading.Tasks;

namespace ConvGen.Layers
{
    /// <summary>
    /// Runs a per-plane body (one (n, c) image channel) over all planes, in parallel when there is enough work to pay for
    /// the threads. Planes are independent, so the result does not depend on the schedule.
    /// </summary>
    internal static class PlaneLoop
    {
        private const long MinimumParallelWork = 1 << 15;

        public static void For(int planes, long workPerPlane, Action<int> body)
        {
            int threads = Kernels.ParallelRunner.MaxThreads;
            if (planes > 1 && workPerPlane * planes >= MinimumParallelWork && threads > 1)
                Parallel.For(0, planes, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
            else
                for (int p = 0; p < planes; p++) body(p);
        }
    }
}
