using System;

namespace ConvGen.Samples.Equivariance
{
    /// <summary>Shifting images and comparing a map with the map of the shifted image.</summary>
    internal static class Shifts
    {
        /// <summary>Every [H, W] plane moved down by <paramref name="dy"/> and right by <paramref name="dx"/>; zeros shift in.</summary>
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
        /// Compares <paramref name="map"/> at (i, j) with <paramref name="shiftedMap"/> at (i + oy, j + ox) for every position whose
        /// receptive field (input rows i*step - before .. i*step - before + size - 1, likewise columns) lies inside the image both
        /// before and after the input shift (dy, dx), so that neither padding nor the zeros shifted in can reach it.
        /// </summary>
        public static Comparison Compare(Tensor map, Tensor shiftedMap, int imageSize, int fieldSize, int step, int before, int dy, int dx, int oy, int ox)
        {
            int ho = map.Dim(2), wo = map.Dim(3);
            ReadOnlySpan<float> a = map.AsSpan(), b = shiftedMap.AsSpan();
            int count = 0, unchanged = 0, active = 0, activeUnchanged = 0;
            double maxError = 0;
            for (int plane = 0; plane < map.Dim(0) * map.Dim(1); plane++)
                for (int i = 0; i < ho; i++)
                    for (int j = 0; j < wo; j++)
                    {
                        if (!Inside(i * step - before, fieldSize, imageSize, dy) || !Inside(j * step - before, fieldSize, imageSize, dx)) continue;
                        if (i + oy < 0 || i + oy >= ho || j + ox < 0 || j + ox >= wo) continue;
                        float u = a[(plane * ho + i) * wo + j], v = b[(plane * ho + i + oy) * wo + j + ox];
                        bool same = Math.Abs(u - v) <= 1e-6f * Math.Max(1f, Math.Abs(u));
                        count++;
                        if (same) unchanged++;
                        if (u != 0 || v != 0)
                        {
                            active++;
                            if (same) activeUnchanged++;
                        }
                        maxError = Math.Max(maxError, Math.Abs((double)u - v));
                    }
            return new Comparison(count, unchanged, active, activeUnchanged, maxError);
        }

        private static bool Inside(int first, int size, int imageSize, int shift)
            => first >= Math.Max(0, -shift) && first + size - 1 < Math.Min(imageSize, imageSize - shift);
    }

    /// <summary>The outcome of <see cref="Shifts.Compare"/>.</summary>
    /// <param name="Count">Positions compared.</param>
    /// <param name="Unchanged">Positions whose values agree (to 1e-6 relative).</param>
    /// <param name="Active">Positions non-zero in either map (on a digit, the rest is blank background).</param>
    /// <param name="ActiveUnchanged">Active positions that agree.</param>
    /// <param name="MaxError">Largest absolute difference.</param>
    internal readonly record struct Comparison(int Count, int Unchanged, int Active, int ActiveUnchanged, double MaxError)
    {
        public double UnchangedFraction => Count == 0 ? double.NaN : (double)Unchanged / Count;
        public double ActiveUnchangedFraction => Active == 0 ? double.NaN : (double)ActiveUnchanged / Active;
    }
}
