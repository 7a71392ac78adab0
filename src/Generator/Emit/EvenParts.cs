using System.Collections.Generic;

namespace ConvGen.Generator.Emit
{
    /// <summary>
    /// Splits channels that do not fit the registers in one go into as few parts as the register limit allows, sized evenly:
    /// 8 as 4 + 4, not 6 + 2, whose 4 accumulators (2 vectors each) are fewer chains than two FMA pipes with a 4-cycle latency
    /// need (the forward tile's remainder rule, KernelPlanner.BalancedBlock).
    /// </summary>
    internal static class EvenParts
    {
        /// <summary>(offset, size) of each part of <paramref name="total"/> channels, none larger than <paramref name="max"/>.</summary>
        public static List<(int Offset, int Size)> Split(int total, int max)
        {
            var parts = new List<(int Offset, int Size)>();
            int count = (total + max - 1) / max;
            for (int k = 0, offset = 0; k < count; k++)
            {
                int size = (total - offset + (count - k) - 1) / (count - k);
                parts.Add((offset, size));
                offset += size;
            }
            return parts;
        }
    }
}
