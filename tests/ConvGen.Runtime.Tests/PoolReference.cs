using System;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// Pooling written the textbook way, independently of the runtime: copy the input into an explicitly padded buffer
    /// (large enough for every window ceil mode allows), then pool every window of that buffer. Output sizes come from the
    /// formula spelled out separately here.
    /// </summary>
    internal static class PoolReference
    {
        public static int OutSize(int size, int k, int s, int p, int d, bool ceil)
        {
            double exact = (double)(size + 2 * p - d * (k - 1) - 1) / s;
            int o = (ceil ? (int)Math.Ceiling(exact) : (int)Math.Floor(exact)) + 1;
            // PyTorch: the last window must start inside the input or the left padding.
            if (ceil && (o - 1) * s >= size + p) o--;
            return o;
        }

        public static double[,] Max(double[,] x, int k, int s, int p, int d, bool ceil, out int[,] argmax)
        {
            int h = x.GetLength(0), w = x.GetLength(1);
            int oh = OutSize(h, k, s, p, d, ceil), ow = OutSize(w, k, s, p, d, ceil);
            int big = 2 * p + Math.Max(h, w) + d * k + s;
            var padded = new double[big, big];
            var isReal = new bool[big, big];
            for (int i = 0; i < big; i++) for (int j = 0; j < big; j++) padded[i, j] = double.NegativeInfinity;
            for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) { padded[i + p, j + p] = x[i, j]; isReal[i + p, j + p] = true; }
            var y = new double[oh, ow];
            argmax = new int[oh, ow];
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                {
                    double best = double.NegativeInfinity;
                    int at = -1;
                    for (int a = 0; a < k; a++)
                        for (int b = 0; b < k; b++)
                        {
                            int r = i * s + a * d, c = j * s + b * d;
                            if (isReal[r, c] && (at < 0 || padded[r, c] > best)) { best = padded[r, c]; at = (r - p) * w + (c - p); }
                        }
                    y[i, j] = best;
                    argmax[i, j] = at;
                }
            return y;
        }

        public static double[,] Avg(double[,] x, int k, int s, int p, bool ceil, bool countIncludePad, int? divisorOverride)
        {
            int h = x.GetLength(0), w = x.GetLength(1);
            int oh = OutSize(h, k, s, p, 1, ceil), ow = OutSize(w, k, s, p, 1, ceil);
            var y = new double[oh, ow];
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                {
                    double sum = 0;
                    int inPadded = 0, inInput = 0;
                    for (int a = 0; a < k; a++)
                        for (int b = 0; b < k; b++)
                        {
                            int r = i * s - p + a, c = j * s - p + b;
                            bool insidePadded = r >= -p && r < h + p && c >= -p && c < w + p;
                            bool insideInput = r >= 0 && r < h && c >= 0 && c < w;
                            if (insidePadded) inPadded++;
                            if (insideInput) { inInput++; sum += x[r, c]; }
                        }
                    y[i, j] = sum / (divisorOverride ?? (countIncludePad ? inPadded : inInput));
                }
            return y;
        }

        public static double[,] Plane(Tensor t, int n, int c)
        {
            var x = new double[t.Dim(2), t.Dim(3)];
            for (int i = 0; i < t.Dim(2); i++) for (int j = 0; j < t.Dim(3); j++) x[i, j] = t[n, c, i, j];
            return x;
        }
    }
}
