using System;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The reference convolution: a direct loop nest with the shape taken at run time, accumulating in double.
    /// Slow on purpose; it is the yardstick every generated kernel is tested against. Handles every option
    /// (stride, asymmetric padding and padding modes, dilation, groups, kernel flip).
    /// </summary>
    public static class NaiveConv2d
    {
        /// <summary>y = conv(x, w) + b. x is [N, Cin, H, W]; y must be [N, Cout, Ho, Wo].</summary>
        public static void Forward(in ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
            Span<float> y, int batch, int height, int width)
        {
            int ho = g.OutputHeight(height), wo = g.OutputWidth(width);
            int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
            for (int n = 0; n < batch; n++)
            for (int co = 0; co < g.OutChannels; co++)
            {
                int group = co / coutG;
                for (int oy = 0; oy < ho; oy++)
                for (int ox = 0; ox < wo; ox++)
                {
                    double sum = g.HasBias ? b[co] : 0;
                    for (int cl = 0; cl < cinG; cl++)
                    {
                        int ci = group * cinG + cl;
                        for (int ky = 0; ky < g.K1; ky++)
                        {
                            int iy = Padding.SourceIndex(g.PaddingMode, oy * g.StrideH - g.PadTop + ky * g.DilationH, height);
                            if (iy < 0) continue;
                            for (int kx = 0; kx < g.K2; kx++)
                            {
                                int ix = Padding.SourceIndex(g.PaddingMode, ox * g.StrideW - g.PadLeft + kx * g.DilationW, width);
                                if (ix < 0) continue;
                                sum += (double)x[((n * g.InChannels + ci) * height + iy) * width + ix] * w[ConvPacking.WeightIndex(g, co, cl, ky, kx)];
                            }
                        }
                    }
                    y[((n * g.OutChannels + co) * ho + oy) * wo + ox] = (float)sum;
                }
            }
        }

        /// <summary>Adds dLoss/dx to <paramref name="gx"/> (the adjoint of <see cref="Forward"/> in x).</summary>
        public static void BackwardInput(in ConvGeometry g, ReadOnlySpan<float> gy, ReadOnlySpan<float> w, Span<float> gx,
            int batch, int height, int width)
        {
            int ho = g.OutputHeight(height), wo = g.OutputWidth(width);
            int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
            var acc = new double[gx.Length];
            for (int n = 0; n < batch; n++)
            for (int co = 0; co < g.OutChannels; co++)
            {
                int group = co / coutG;
                for (int oy = 0; oy < ho; oy++)
                for (int ox = 0; ox < wo; ox++)
                {
                    double d = gy[((n * g.OutChannels + co) * ho + oy) * wo + ox];
                    for (int cl = 0; cl < cinG; cl++)
                    {
                        int ci = group * cinG + cl;
                        for (int ky = 0; ky < g.K1; ky++)
                        {
                            int iy = Padding.SourceIndex(g.PaddingMode, oy * g.StrideH - g.PadTop + ky * g.DilationH, height);
                            if (iy < 0) continue;
                            for (int kx = 0; kx < g.K2; kx++)
                            {
                                int ix = Padding.SourceIndex(g.PaddingMode, ox * g.StrideW - g.PadLeft + kx * g.DilationW, width);
                                if (ix < 0) continue;
                                acc[((n * g.InChannels + ci) * height + iy) * width + ix] += d * w[ConvPacking.WeightIndex(g, co, cl, ky, kx)];
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < acc.Length; i++) gx[i] += (float)acc[i];
        }

        /// <summary>Adds dLoss/dw to <paramref name="gw"/> and, when the layer has a bias, dLoss/db to <paramref name="gb"/>.</summary>
        public static void BackwardWeight(in ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gw, Span<float> gb,
            int batch, int height, int width)
        {
            int ho = g.OutputHeight(height), wo = g.OutputWidth(width);
            int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
            var accW = new double[gw.Length];
            var accB = new double[g.OutChannels];
            for (int n = 0; n < batch; n++)
            for (int co = 0; co < g.OutChannels; co++)
            {
                int group = co / coutG;
                for (int oy = 0; oy < ho; oy++)
                for (int ox = 0; ox < wo; ox++)
                {
                    double d = gy[((n * g.OutChannels + co) * ho + oy) * wo + ox];
                    accB[co] += d;
                    for (int cl = 0; cl < cinG; cl++)
                    {
                        int ci = group * cinG + cl;
                        for (int ky = 0; ky < g.K1; ky++)
                        {
                            int iy = Padding.SourceIndex(g.PaddingMode, oy * g.StrideH - g.PadTop + ky * g.DilationH, height);
                            if (iy < 0) continue;
                            for (int kx = 0; kx < g.K2; kx++)
                            {
                                int ix = Padding.SourceIndex(g.PaddingMode, ox * g.StrideW - g.PadLeft + kx * g.DilationW, width);
                                if (ix < 0) continue;
                                accW[ConvPacking.WeightIndex(g, co, cl, ky, kx)] += d * x[((n * g.InChannels + ci) * height + iy) * width + ix];
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < accW.Length; i++) gw[i] += (float)accW[i];
            if (g.HasBias)
                for (int co = 0; co < g.OutChannels; co++) gb[co] += (float)accB[co];
        }
    }
}
