using System;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The course note's vectorised convolution: lay every receptive field out as a column ("im2col", a matrix of
    /// [Cin/G*K1*K2, Ho*Wo] per image and group), then multiply by the kernel viewed as a [Cout/G, Cin/G*K1*K2] matrix.
    /// Shape taken at run time; a generic yardstick, not the fast path.
    /// </summary>
    public static class Im2ColConv2d
    {
        /// <summary>Rows x columns of the patch matrix for one image and group.</summary>
        public static (int Rows, int Columns) ColumnShape(in ConvGeometry g, int height, int width)
            => (g.InChannelsPerGroup * g.K1 * g.K2, g.OutputHeight(height) * g.OutputWidth(width));

        /// <summary>Writes the patch matrix of image plane group starting at <paramref name="x"/> (Cin/G planes) into <paramref name="columns"/>.</summary>
        public static void Im2Col(in ConvGeometry g, ReadOnlySpan<float> x, Span<float> columns, int height, int width)
        {
            int ho = g.OutputHeight(height), wo = g.OutputWidth(width);
            int row = 0;
            for (int c = 0; c < g.InChannelsPerGroup; c++)
            for (int ky = 0; ky < g.K1; ky++)
            for (int kx = 0; kx < g.K2; kx++, row++)
            {
                // A flipped kernel reads tap (K1-1-ky, K2-1-kx) of the weight; flipping the patch instead keeps the GEMM plain.
                int ty = g.FlipKernel ? g.K1 - 1 - ky : ky, tx = g.FlipKernel ? g.K2 - 1 - kx : kx;
                Span<float> dst = columns.Slice(row * ho * wo, ho * wo);
                for (int oy = 0; oy < ho; oy++)
                {
                    int iy = Padding.SourceIndex(g.PaddingMode, oy * g.StrideH - g.PadTop + ty * g.DilationH, height);
                    for (int ox = 0; ox < wo; ox++)
                    {
                        int ix = Padding.SourceIndex(g.PaddingMode, ox * g.StrideW - g.PadLeft + tx * g.DilationW, width);
                        dst[oy * wo + ox] = iy < 0 || ix < 0 ? 0f : x[(c * height + iy) * width + ix];
                    }
                }
            }
        }

        /// <summary>The adjoint of <see cref="Im2Col"/>: adds every column entry back onto the pixel it came from.</summary>
        public static void Col2ImAdd(in ConvGeometry g, ReadOnlySpan<float> columns, Span<float> gx, int height, int width)
        {
            int ho = g.OutputHeight(height), wo = g.OutputWidth(width);
            int row = 0;
            for (int c = 0; c < g.InChannelsPerGroup; c++)
            for (int ky = 0; ky < g.K1; ky++)
            for (int kx = 0; kx < g.K2; kx++, row++)
            {
                int ty = g.FlipKernel ? g.K1 - 1 - ky : ky, tx = g.FlipKernel ? g.K2 - 1 - kx : kx;
                ReadOnlySpan<float> src = columns.Slice(row * ho * wo, ho * wo);
                for (int oy = 0; oy < ho; oy++)
                {
                    int iy = Padding.SourceIndex(g.PaddingMode, oy * g.StrideH - g.PadTop + ty * g.DilationH, height);
                    if (iy < 0) continue;
                    for (int ox = 0; ox < wo; ox++)
                    {
                        int ix = Padding.SourceIndex(g.PaddingMode, ox * g.StrideW - g.PadLeft + tx * g.DilationW, width);
                        if (ix >= 0) gx[(c * height + iy) * width + ix] += src[oy * wo + ox];
                    }
                }
            }
        }

        /// <summary>y = W * im2col(x) + b, per image and group. <paramref name="columns"/> needs <see cref="ColumnShape"/> elements.</summary>
        public static void Forward(in ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
            Span<float> y, Span<float> columns, int batch, int height, int width)
        {
            var (rows, cols) = ColumnShape(g, height, width);
            int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
            for (int n = 0; n < batch; n++)
            for (int grp = 0; grp < g.Groups; grp++)
            {
                Im2Col(g, x.Slice(((n * g.InChannels) + grp * cinG) * height * width, cinG * height * width), columns, height, width);
                Span<float> yg = y.Slice((n * g.OutChannels + grp * coutG) * cols, coutG * cols);
                Gemm.Multiply(w.Slice(grp * coutG * rows, coutG * rows), columns, yg, coutG, rows, cols, accumulate: false);
                if (g.HasBias)
                    for (int co = 0; co < coutG; co++)
                        System.Numerics.Tensors.TensorPrimitives.Add(yg.Slice(co * cols, cols), b[grp * coutG + co], yg.Slice(co * cols, cols));
            }
        }

        /// <summary>
        /// Backward through the same factorisation: dW += dY * cols^T, dcols = W^T * dY then col2im into dX (both added).
        /// </summary>
        public static void Backward(in ConvGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> gy,
            Span<float> gx, Span<float> gw, Span<float> gb, Span<float> columns, int batch, int height, int width)
        {
            var (rows, cols) = ColumnShape(g, height, width);
            int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
            for (int n = 0; n < batch; n++)
            for (int grp = 0; grp < g.Groups; grp++)
            {
                ReadOnlySpan<float> gyg = gy.Slice((n * g.OutChannels + grp * coutG) * cols, coutG * cols);
                Im2Col(g, x.Slice(((n * g.InChannels) + grp * cinG) * height * width, cinG * height * width), columns, height, width);
                Gemm.MultiplyTransposedB(gyg, columns, gw.Slice(grp * coutG * rows, coutG * rows), coutG, cols, rows, accumulate: true);
                if (g.HasBias)
                    for (int co = 0; co < coutG; co++)
                        gb[grp * coutG + co] += System.Numerics.Tensors.TensorPrimitives.Sum(gyg.Slice(co * cols, cols));
                Gemm.MultiplyTransposedA(w.Slice(grp * coutG * rows, coutG * rows), gyg, columns, rows, coutG, cols, accumulate: false);
                Col2ImAdd(g, columns, gx.Slice(((n * g.InChannels) + grp * cinG) * height * width, cinG * height * width), height, width);
            }
        }
    }
}
