using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Decides whether a layer gets the channel-vector weight gradient (<see cref="ChannelWeightGrad"/>; AVX2, chosen at run time)
    /// and with which register tile: <c>Vectors</c> vectors of 8 output channels x a group of taps, one accumulator each. Per
    /// output pixel the tile loads Vectors dY vectors (aligned: dY is transposed to pixel-major) and broadcasts one input pixel
    /// per tap, so it costs (Vectors + taps) loads per Vectors x taps multiply-adds; the planner picks the cheapest tile that
    /// fits AVX2's 16 registers. Taps are grouped in kernel order across rows, as evenly as the group size allows (7 x 7: 17
    /// groups of 3 or 2, not 3, 2 and 2 per row).
    /// </summary>
    internal static class ChannelWeightGradPlanner
    {
        /// <summary>Output channels per vector (AVX2 lanes).</summary>
        public const int Lanes = 8;
        /// <summary>AVX2 vector registers: accumulators + the smaller of (dY vectors, broadcasts) kept live + 1 for the other.</summary>
        private const int Registers = 16;

        public static ChannelWeightGrad? Plan(LayerSpec s, bool pointwise, ColumnWeightGrad? columns, Func<int, int, WeightTap> tapOf)
        {
            // Pointwise layers and the column GEMM's (few input channels x taps) keep their GEMMs; grouped layers their blocks.
            if (pointwise || columns is not null || s.Groups != 1 || s.OutChannels % Lanes != 0) return null;
            int vectors = s.OutChannels / Lanes, taps = s.Taps;
            (int Vectors, int Groups) best = (1, taps);
            double bestCost = double.MaxValue;
            for (int v = 1; v <= vectors; v++)
            {
                if (vectors % v != 0) continue; // whole blocks of output channels: no remainder bodies
                for (int t = 1; t <= taps; t++)
                {
                    if (v * t + Math.Min(v, t) + 1 > Registers) break;
                    int groups = (taps + t - 1) / t;
                    double perGroup = (double)taps / groups;
                    double cost = (v + perGroup) / (v * perGroup);
                    if (cost < bestCost - 1e-9) { bestCost = cost; best = (v, groups); }
                }
            }
            var list = new List<TapGroup>();
            for (int g = 0; g < best.Groups; g++)
            {
                int start = taps * g / best.Groups, end = taps * (g + 1) / best.Groups;
                list.Add(new TapGroup(Enumerable.Range(start, end - start).Select(t => tapOf(t / s.K2, t % s.K2)).ToEquatableArray()));
            }
            return new ChannelWeightGrad(best.Vectors, list.ToEquatableArray());
        }
    }
}
