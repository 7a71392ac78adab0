using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Model;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// Chooses the weight-gradient register block: <c>OutputBlock</c> output channels x <c>InputBlock</c> input channels x a group of
    /// taps, one accumulator each. Per vector of output pixels the pass loads OutputBlock gradient vectors and InputBlock x taps
    /// input vectors for OutputBlock x InputBlock x taps multiply-adds, and it is bound by those loads (two per cycle, each
    /// unaligned one split over two cache lines), so the planner picks the block with the fewest loads per multiply-add.
    /// </summary>
    internal static class WeightGradPlanner
    {
        /// <summary>AVX-512 accumulators: 24 + up to 7 gradient vectors + 1 input vector fit its 32 registers.</summary>
        private const int Accumulators = 24;
        /// <summary>AVX-512 vector registers; the block keeps two free (the input vector and one for the JIT).</summary>
        private const int Registers = 32;
        /// <summary>16-register widths run the input channels of a block one at a time, each with OutputBlock x taps accumulators.</summary>
        private const int NarrowAccumulators = 24;
        private const int MaxOutputBlock = 7;
        private const int MaxInputBlock = 8;
        /// <summary>Cost of one more set of emitted bodies (a tap group, or a remainder block), in loads per multiply-add: it keeps the file small.</summary>
        private const double BodyCost = 0.03;

        public static (int OutputBlock, int InputBlock, EquatableArray<TapGroup> Groups) Plan(LayerSpec s, Func<int, int, WeightTap> tapOf)
        {
            int taps = s.Taps;
            (int Out, int In, int Groups) best = (1, 1, taps);
            double bestCost = double.MaxValue;
            for (int bc = 1; bc <= Math.Min(MaxOutputBlock, s.OutChannelsPerGroup); bc++)
            for (int bi = 1; bi <= Math.Min(MaxInputBlock, s.InChannelsPerGroup); bi++)
            {
                if (s.InChannelsPerGroup % bi != 0) continue; // no input-channel remainder: one body per tap group and width
                for (int groups = 1; groups <= taps; groups++)
                {
                    int largest = (taps + groups - 1) / groups;
                    if (bc * bi * largest > Accumulators || bc * bi * largest + bc > Registers - 2 || bc * largest > NarrowAccumulators) continue;
                    double perGroup = (double)taps / groups;
                    int bodies = groups * (s.OutChannelsPerGroup % bc == 0 ? 1 : 2); // a short last output block has its own bodies
                    double cost = (bc + bi * perGroup) / (bc * bi * perGroup) + BodyCost * bodies;
                    if (cost < bestCost - 1e-9) { bestCost = cost; best = (bc, bi, groups); }
                    break; // more groups only add cost once the block fits
                }
            }
            var list = new List<TapGroup>();
            for (int gi = 0; gi < best.Groups; gi++)
            {
                int start = taps * gi / best.Groups, end = taps * (gi + 1) / best.Groups;
                list.Add(new TapGroup(Enumerable.Range(start, end - start).Select(t => tapOf(t / s.K2, t % s.K2)).ToEquatableArray()));
            }
            return (best.Out, best.In, list.ToEquatableArray());
        }
    }
}
