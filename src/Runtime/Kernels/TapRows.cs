using System;
using System.ComponentModel;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Which tap rows of a tile can contribute. The input gradient reads dY through a zero border (ConvLayout.GradTop rows
    /// above it, zeros below): for the rows of dX near its top and bottom, some tap rows read only that border, and their
    /// multiply-adds add zeros. On small planes that is much of the work: LeNet C3's 14-row dX from 10 rows of dY with 5 tap
    /// rows reads the border in 20 of its 70 row x tap-row pairs.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class TapRows
    {
        /// <summary>
        /// The tap rows [<paramref name="first"/>, <paramref name="end"/>) of a grid of <paramref name="taps"/> rows that reach
        /// data, for a tile covering source rows <paramref name="row"/> to <paramref name="row"/> + <paramref name="rows"/> - 1
        /// whose tap row i reads each of them shifted by <paramref name="rowStart"/> + i x <paramref name="rowStep"/> rows: those
        /// that read at least one row in [<paramref name="dataFrom"/>, <paramref name="dataEnd"/>). The shifted row is monotonic
        /// in i, so they are consecutive; none gives an empty range.
        /// </summary>
        public static void Range(int row, int rows, int rowStart, int rowStep, int taps, int dataFrom, int dataEnd, out int first, out int end)
        {
            first = 0;
            end = 0;
            for (int i = 0; i < taps; i++)
            {
                int top = row + rowStart + i * rowStep; // the tile's rows read [top, top + rows)
                if (Math.Max(top, dataFrom) >= Math.Min(top + rows, dataEnd)) continue; // no row in both
                if (end == 0) first = i;
                end = i + 1;
            }
        }
    }
}
