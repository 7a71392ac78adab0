using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Reduces partial results that work items wrote side by side. The parts are added in index order, whatever thread wrote
    /// them, so a sum split over images has the same bits on every run and every thread count.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class PartialSums
    {
        /// <summary>
        /// target[i] += ((parts[0][i] + parts[1][i]) + ...) + parts[count - 1][i], where part k is the slice
        /// [k * target.Length, (k + 1) * target.Length) of <paramref name="parts"/>. Part 0 is overwritten with the running sum.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AddInOrder(Span<float> parts, int count, Span<float> target)
        {
            int length = target.Length;
            if (count < 1 || parts.Length < (long)count * length)
                throw new ArgumentException($"Expected {count} part(s) of {length} floats but got {parts.Length} floats.", nameof(parts));
            Span<float> sum = parts.Slice(0, length);
            for (int k = 1; k < count; k++) TensorPrimitives.Add(sum, parts.Slice(k * length, length), sum);
            TensorPrimitives.Add(target, sum, target);
        }
    }
}
