using System;
using System.Collections.Generic;
using ConvGen.Layers;
using ScottPlot;

namespace ConvGen.Samples.Equivariance
{
    /// <summary>
    /// One PNG, a grid of panels: the digit and its shifted copies (columns); rows: input, conv feature map (Sobel x), max-pooled
    /// map, and which pooled outputs kept their value (white = unchanged, black = changed, grey = blank background).
    /// </summary>
    internal static class Figure
    {
        private const int Gap = 3, LabelRows = 5;

        public static void Write(Tensor x, EdgeFilters conv, MaxPool2d pool, (int Dy, int Dx)[] shifts, int label, int index, string path)
        {
            int size = x.Dim(2);
            Tensor y = conv.Forward(x), pooled = pool.Forward(y);
            float scale = 0;
            foreach (float v in y.AsSpan()) scale = Math.Max(scale, Math.Abs(v));

            var columns = new List<(string Title, double[,] Input, double[,] Map, double[,] Pooled, double[,]? Mask)>
            {
                ("original", Plane(x, 0, 1, 0), Plane(y, 0, 2 * scale, 0.5), Upscale(Plane(pooled, 0, 2 * scale, 0.5), size), null),
            };
            foreach (var (dy, dx) in shifts)
            {
                Tensor xs = Shifts.Shift(x, dy, dx), ys = conv.Forward(xs), ps = pool.Forward(ys);
                columns.Add(($"shifted ({dy}, {dx})", Plane(xs, 0, 1, 0), Plane(ys, 0, 2 * scale, 0.5),
                    Upscale(Plane(ps, 0, 2 * scale, 0.5), size), Upscale(Mask(pooled, ps), size)));
            }

            string[] rowTitles = ["input", "conv: Sobel x (stride 1)", "conv + MaxPool2d(2)", "pooled output unchanged?"];
            int rows = rowTitles.Length, cols = columns.Count;
            int cell = size + Gap, height = rows * (size + LabelRows + Gap), width = cols * cell;
            var grid = new double[height, width];
            for (int r = 0; r < height; r++) for (int c = 0; c < width; c++) grid[r, c] = double.NaN;

            var plot = new Plot();
            for (int col = 0; col < cols; col++)
            {
                var column = columns[col];
                double[,]?[] panels = [column.Input, column.Map, column.Pooled, column.Mask];
                for (int row = 0; row < rows; row++)
                {
                    int top = row * (size + LabelRows + Gap) + LabelRows, left = col * cell;
                    if (panels[row] is { } panel)
                        for (int i = 0; i < size; i++)
                            for (int j = 0; j < size; j++) grid[top + i, left + j] = panel[i, j];
                    if (panels[row] is null) continue;
                    string text = row == 0 ? column.Title : rowTitles[row];
                    // Heatmap coordinates: x = column, y = height - row (row 0 at the top).
                    var caption = plot.Add.Text(text, left + size / 2.0, height - top + 0.5);
                    caption.LabelFontSize = 11;
                    caption.LabelAlignment = Alignment.LowerCenter;
                }
            }
            var heatmap = plot.Add.Heatmap(grid);
            heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
            heatmap.NaNCellColor = Colors.White;
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            heatmap.Position = new CoordinateRect(0, width, 0, height);
            plot.MoveToBack(heatmap);
            plot.Title($"MNIST digit #{index} (label {label}): conv output shifts with the input;\nafter max pooling some outputs keep their value", size: 13);
            plot.Axes.Left.IsVisible = false;
            plot.Axes.Bottom.IsVisible = false;
            plot.HideGrid();
            plot.Axes.SetLimits(0, width, 0, height);
            plot.Axes.SquareUnits();
            plot.SavePng(path, 8 * width, 8 * height + 60);
        }

        /// <summary>Plane 0 of channel <paramref name="channel"/> as value / range + offset (signed maps: 0 at mid-grey).</summary>
        private static double[,] Plane(Tensor t, int channel, double range, double offset)
        {
            int h = t.Dim(2), w = t.Dim(3);
            var result = new double[h, w];
            ReadOnlySpan<float> span = t.AsSpan().Slice(channel * h * w, h * w);
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) result[i, j] = range > 0 ? span[i * w + j] / range + offset : offset;
            return result;
        }

        /// <summary>Channel 0 of two pooled maps: 1 where the value is unchanged and non-zero, 0 where it changed, 0.5 where both are 0 (background).</summary>
        private static double[,] Mask(Tensor a, Tensor b)
        {
            int h = a.Dim(2), w = a.Dim(3);
            var result = new double[h, w];
            ReadOnlySpan<float> u = a.AsSpan(), v = b.AsSpan();
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                {
                    float p = u[i * w + j], q = v[i * w + j];
                    result[i, j] = p == 0 && q == 0 ? 0.5 : p == q ? 1 : 0;
                }
            return result;
        }

        /// <summary>Nearest-neighbour upscaling of a pooled plane to <paramref name="size"/> x <paramref name="size"/>.</summary>
        private static double[,] Upscale(double[,] plane, int size)
        {
            int h = plane.GetLength(0), w = plane.GetLength(1);
            var result = new double[size, size];
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++) result[i, j] = plane[Math.Min(h - 1, i * h / size), Math.Min(w - 1, j * w / size)];
            return result;
        }
    }
}
