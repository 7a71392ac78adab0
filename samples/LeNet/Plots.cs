using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Training;
using ScottPlot;

namespace ConvGen.Samples.LeNet
{
    /// <summary>PNG plots of a finished run: learning curves and the first layer's filters.</summary>
    internal static class Plots
    {
        private static void WholeEpochTicks(Plot plot) => plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);

        /// <summary>Training and test loss per epoch.</summary>
        public static void Loss(IReadOnlyList<EpochResult> epochs, string path)
        {
            var plot = new Plot();
            double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
            plot.Add.Scatter(x, epochs.Select(e => e.TrainLoss).ToArray()).LegendText = "training";
            plot.Add.Scatter(x, epochs.Select(e => e.Test?.Loss ?? double.NaN).ToArray()).LegendText = "test";
            plot.Title("LeNet-5 cross-entropy loss");
            plot.XLabel("epoch");
            plot.YLabel("loss");
            WholeEpochTicks(plot);
            plot.ShowLegend(Alignment.UpperRight);
            plot.SavePng(path, 640, 420);
        }

        /// <summary>Training and test accuracy per epoch, in percent.</summary>
        public static void Accuracy(IReadOnlyList<EpochResult> epochs, string path)
        {
            var plot = new Plot();
            double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
            plot.Add.Scatter(x, epochs.Select(e => 100 * e.TrainAccuracy).ToArray()).LegendText = "training";
            plot.Add.Scatter(x, epochs.Select(e => 100 * (e.Test?.Accuracy ?? double.NaN)).ToArray()).LegendText = "test";
            plot.Title("LeNet-5 accuracy");
            plot.XLabel("epoch");
            plot.YLabel("accuracy (%)");
            WholeEpochTicks(plot);
            plot.ShowLegend(Alignment.LowerRight);
            plot.SavePng(path, 640, 420);
        }

        /// <summary>
        /// The filters of a convolution with one input channel, <paramref name="weight"/> <c>[out, 1, k, k]</c>, side by side as
        /// grey-scale tiles, each stretched to its own min..max (dark = negative, light = positive).
        /// </summary>
        public static void Filters(Tensor weight, string path)
        {
            int count = weight.Dim(0), k1 = weight.Dim(2), k2 = weight.Dim(3);
            const int gap = 1;
            var grid = new double[k1, count * (k2 + gap) - gap];
            for (int r = 0; r < grid.GetLength(0); r++)
                for (int c = 0; c < grid.GetLength(1); c++) grid[r, c] = double.NaN;
            for (int f = 0; f < count; f++)
            {
                ReadOnlySpan<float> w = weight.AsSpan().Slice(f * k1 * k2, k1 * k2);
                float min = System.Numerics.Tensors.TensorPrimitives.Min(w), max = System.Numerics.Tensors.TensorPrimitives.Max(w);
                for (int i = 0; i < k1; i++)
                    for (int j = 0; j < k2; j++)
                        grid[i, f * (k2 + gap) + j] = max > min ? (w[i * k2 + j] - min) / (max - min) : 0.5;
            }
            var plot = new Plot();
            var heatmap = plot.Add.Heatmap(grid);
            heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
            heatmap.NaNCellColor = Colors.White;
            plot.Title($"First-layer filters ({count} x {k1}x{k2})");
            plot.Axes.Left.IsVisible = false;
            plot.Axes.Bottom.IsVisible = false;
            plot.HideGrid();
            plot.SavePng(path, 120 * count, 200);
        }
    }
}
