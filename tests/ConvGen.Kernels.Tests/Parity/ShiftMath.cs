using System;

namespace ConvGen.Kernels.Tests.Parity
{
    /// <summary>Position-by-position comparison of a map with the map of a shifted input, on the positions borders cannot reach.</summary>
    /// <param name="Count">Positions compared.</param>
    /// <param name="Unchanged">Positions whose values agree to 1e-6 of the map's scale.</param>
    /// <param name="MaxError">max |a - b| / max(1, max |a|) over the compared positions.</param>
    internal readonly record struct ShiftComparison(int Count, int Unchanged, double MaxError)
    {
        public double UnchangedFraction => Count == 0 ? double.NaN : (double)Unchanged / Count;
    }

    /// <summary>Shifting images and comparing maps for the equivariance and invariance tests.</summary>
    internal static class ShiftMath
    {
        /// <summary>Every [H, W] plane of <paramref name="x"/> moved down by <paramref name="dy"/> and right by <paramref name="dx"/>; zeros shift in.</summary>
        public static Tensor Shift(Tensor x, int dy, int dx)
        {
            int h = x.Dim(2), w = x.Dim(3);
            var result = new Tensor(x.Shape.ToArray());
            ReadOnlySpan<float> src = x.AsSpan();
            Span<float> dst = result.AsSpan();
            for (int plane = 0; plane < x.Dim(0) * x.Dim(1); plane++)
                for (int r = Math.Max(0, dy); r < Math.Min(h, h + dy); r++)
                    for (int c = Math.Max(0, dx); c < Math.Min(w, w + dx); c++)
                        dst[(plane * h + r) * w + c] = src[(plane * h + r - dy) * w + c - dx];
            return result;
        }

        /// <summary>
        /// Compares <paramref name="map"/> (computed from an input of size <paramref name="h"/> x <paramref name="w"/>) at (i, j)
        /// with <paramref name="shiftedMap"/> (computed from that input shifted by (dy, dx)) at (i + oy, j + ox), for every (i, j)
        /// whose receptive field — rows i*S - P .. i*S - P + (K1 - 1)*D of the input, as described by <paramref name="receptive"/>
        /// — lies inside the input both before and after the shift, so neither padding nor the zeros shifted in can reach it.
        /// </summary>
        public static ShiftComparison Compare(ConvGeometry receptive, int h, int w, Tensor map, Tensor shiftedMap, int dy, int dx, int oy, int ox)
        {
            int ho = map.Dim(2), wo = map.Dim(3);
            ReadOnlySpan<float> a = map.AsSpan(), b = shiftedMap.AsSpan();
            double scale = 1;
            foreach (float v in a) scale = Math.Max(scale, Math.Abs(v));
            int count = 0, unchanged = 0;
            double maxDiff = 0;
            for (int plane = 0; plane < map.Dim(0) * map.Dim(1); plane++)
                for (int i = 0; i < ho; i++)
                {
                    if (!Inside(i * receptive.StrideH - receptive.PadTop, (receptive.K1 - 1) * receptive.DilationH, h, dy)) continue;
                    if (i + oy < 0 || i + oy >= ho) continue;
                    for (int j = 0; j < wo; j++)
                    {
                        if (!Inside(j * receptive.StrideW - receptive.PadLeft, (receptive.K2 - 1) * receptive.DilationW, w, dx)) continue;
                        if (j + ox < 0 || j + ox >= wo) continue;
                        double diff = Math.Abs((double)a[(plane * ho + i) * wo + j] - b[(plane * ho + i + oy) * wo + j + ox]);
                        count++;
                        if (diff <= 1e-6 * scale) unchanged++;
                        maxDiff = Math.Max(maxDiff, diff);
                    }
                }
            return new ShiftComparison(count, unchanged, maxDiff / scale);
        }

        /// <summary>True when input rows first .. first + span lie in [0, size) and also after moving by <paramref name="shift"/>.</summary>
        private static bool Inside(int first, int span, int size, int shift)
            => first >= Math.Max(0, -shift) && first + span < Math.Min(size, size - shift);
    }
}
