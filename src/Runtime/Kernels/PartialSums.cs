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
            TensorPrimitives.Add(target, SumInOrder(parts, count, target.Length), target);
        }

        /// <summary>
        /// Like <see cref="AddInOrder"/> for partials laid out [rows, <paramref name="columns"/>]: sums the parts in index order,
        /// then adds the first weights.Length / rows columns of each row to <paramref name="weights"/> and the last column to
        /// <paramref name="bias"/> ([rows]); either may be empty, and is then left out (a frozen parameter). Part 0 is overwritten.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AddColumnsInOrder(Span<float> parts, int count, int rows, int columns, Span<float> weights, Span<float> bias)
        {
            int weightColumns = rows < 1 ? 0 : weights.Length / rows;
            if (rows < 1 || weights.Length != rows * weightColumns || weightColumns > columns - (bias.IsEmpty ? 0 : 1) || (!bias.IsEmpty && bias.Length != rows))
                throw new ArgumentException($"Expected weights of [{rows}, at most {columns} columns, one less with a bias] and bias of {rows} floats or none but got {weights.Length} and {bias.Length}.", nameof(weights));
            Span<float> sum = SumInOrder(parts, count, rows * columns);
            for (int r = 0; r < rows; r++)
            {
                if (weightColumns > 0)
                {
                    Span<float> row = weights.Slice(r * weightColumns, weightColumns);
                    TensorPrimitives.Add(row, sum.Slice(r * columns, weightColumns), row);
                }
                if (!bias.IsEmpty) bias[r] += sum[r * columns + columns - 1];
            }
        }

        /// <summary>Adds parts 1..count-1 (each <paramref name="length"/> floats) into part 0 in index order and returns part 0.</summary>
        private static Span<float> SumInOrder(Span<float> parts, int count, int length)
        {
            if (count < 1 || parts.Length < (long)count * length)
                throw new ArgumentException($"Expected {count} part(s) of {length} floats but got {parts.Length} floats.", nameof(parts));
            Span<float> sum = parts.Slice(0, length);
            for (int k = 1; k < count; k++) TensorPrimitives.Add(sum, parts.Slice(k * length, length), sum);
            return sum;
        }
    }
}
