using System.Linq;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Decides whether the weight gradient runs as a GEMM over copied input columns (<see cref="ColumnWeightGrad"/>) and with
    /// which register block. It pays where the reduction is short: with few input channels x taps, the direct kernel meets
    /// each dY vector with few taps (CIFAR stem, 3 x 9: 4 outputs x 4 taps, 9 loads per 16 multiply-adds, all of them
    /// unaligned), while the GEMM blocks output channels x columns freely and reads its columns from an aligned buffer.
    /// </summary>
    internal static class ColumnWeightGradPlanner
    {
        /// <summary>Most input channels x taps per group: each pixel is then copied that many times, cheap next to the GEMM's work.</summary>
        public const int MaxWeightColumns = 32;
        /// <summary>Fewest output channels per group: every copied column is reused that often (depthwise layers keep the direct kernel).</summary>
        public const int MinOutputChannels = 4;
        /// <summary>AVX-512 accumulators; the block's gradient vectors and one column vector take the rest of its 32 registers.</summary>
        private const int Accumulators = 24;
        private const int MaxOutputBlock = 6;
        /// <summary>Cost of one more set of emitted bodies (a remainder block), in loads per multiply-add: it keeps the file small.</summary>
        private const double BodyCost = 0.02;

        public static ColumnWeightGrad? Plan(LayerSpec s, System.Func<int, int, WeightTap> tapOf)
        {
            int weightColumns = s.InChannelsPerGroup * s.Taps;
            if (weightColumns > MaxWeightColumns || s.OutChannelsPerGroup < MinOutputChannels) return null;
            int columns = weightColumns + (s.HasBias ? 1 : 0);
            (int Out, int Columns) best = (1, 1);
            double bestCost = double.MaxValue;
            for (int bc = 1; bc <= System.Math.Min(MaxOutputBlock, s.OutChannelsPerGroup); bc++)
            for (int bj = 1; bj <= System.Math.Min(columns, Accumulators / bc); bj++)
            {
                int bodies = (s.OutChannelsPerGroup % bc == 0 ? 1 : 2) * (columns % bj == 0 ? 1 : 2);
                double cost = (double)(bc + bj) / (bc * bj) + BodyCost * bodies;
                if (cost < bestCost - 1e-9) { bestCost = cost; best = (bc, bj); }
            }
            // Columns in weight order (ci, then ky, kx as the weight tensor stores them), so column j is weight element j.
            WeightTap[] taps = Enumerable.Range(0, s.Taps).Select(t => tapOf(t / s.K2, t % s.K2)).OrderBy(t => t.WeightElement).ToArray();
            return new ColumnWeightGrad(best.Out, best.Columns, weightColumns, columns, taps.ToEquatableArray());
        }
    }
}
