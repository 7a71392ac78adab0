using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using ConvGen.Layers;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Kernels.Tests.Parity
{
    /// <summary>
    /// The course note's last claims, measured on generated layers. Convolution is <b>equivariant</b>: shifting the input by
    /// (dy, dx) shifts the output by (dy/S, dx/S) when the shift is a multiple of the stride S, exactly (up to float rounding)
    /// wherever the borders cannot reach. Convolution followed by max pooling adds some <b>invariance</b>: for shifts that keep
    /// a feature inside its pooling window the pooled output does not change.
    /// </summary>
    public class EquivarianceTests(ITestOutputHelper output)
    {
        private const int H = 26, W = 31;

        private static (ILayer Layer, ConvGeometry Geometry) Create(string name) => name switch
        {
            "S1_K3" => (new Equi_S1_K3(new Random(5)), Equi_S1_K3.Geometry),
            "S1_K5x3_Reflect" => (new Equi_S1_K5x3_Reflect(new Random(5)), Equi_S1_K5x3_Reflect.Geometry),
            "S2_K3" => (new Equi_S2_K3(new Random(5)), Equi_S2_K3.Geometry),
            "S2_K4" => (new Equi_S2_K4(new Random(5)), Equi_S2_K4.Geometry),
            _ => throw new ArgumentException(name),
        };

        private ShiftComparison Measure(string layerName, int dy, int dx, int oy, int ox)
        {
            var (layer, g) = Create(layerName);
            Tensor x = TestData.Random(31, 2, g.InChannels, H, W);
            Tensor y = layer.Forward(x);
            Tensor ys = layer.Forward(ShiftMath.Shift(x, dy, dx));
            ShiftComparison result = ShiftMath.Compare(g, H, W, y, ys, dy, dx, oy, ox);
            output.WriteLine($"{layerName} input shift ({dy}, {dx}) -> output shift ({oy}, {ox}): {result.Count} interior outputs, "
                + $"max error {result.MaxError:E2}, unchanged {result.UnchangedFraction:P1}");
            return result;
        }

        [Theory]
        [InlineData("S1_K3", 0, 1)]
        [InlineData("S1_K3", 1, 0)]
        [InlineData("S1_K3", 1, 1)]
        [InlineData("S1_K3", 2, 3)]
        [InlineData("S1_K3", -2, 1)]
        [InlineData("S1_K3", 5, -4)]
        [InlineData("S1_K5x3_Reflect", 1, 1)]
        [InlineData("S1_K5x3_Reflect", -3, 2)]
        public void Stride_1_output_shifts_with_the_input(string layer, int dy, int dx)
        {
            ShiftComparison c = Measure(layer, dy, dx, dy, dx);
            Assert.True(c.Count >= 2 * 100, $"only {c.Count} interior outputs");
            Assert.InRange(c.MaxError, 0, 1e-6);
        }

        [Theory]
        [InlineData("S2_K3", 0, 2)]
        [InlineData("S2_K3", 2, 0)]
        [InlineData("S2_K3", 2, 2)]
        [InlineData("S2_K3", 4, -2)]
        [InlineData("S2_K3", -2, 6)]
        [InlineData("S2_K4", 2, 2)]
        [InlineData("S2_K4", -4, 2)]
        public void Stride_2_output_shifts_by_half_the_input_shift(string layer, int dy, int dx)
        {
            ShiftComparison c = Measure(layer, dy, dx, dy / 2, dx / 2);
            Assert.True(c.Count >= 2 * 30, $"only {c.Count} interior outputs");
            Assert.InRange(c.MaxError, 0, 1e-6);
        }

        [Theory]
        [InlineData("S2_K3", 0, 1)]
        [InlineData("S2_K3", 1, 0)]
        [InlineData("S2_K3", 1, 1)]
        [InlineData("S2_K3", 3, 3)]
        public void Stride_2_is_not_equivariant_to_odd_shifts(string layer, int dy, int dx)
        {
            // The output grid samples every other input position, so no output shift reproduces an odd input shift.
            foreach (int oy in new[] { (int)Math.Floor(dy / 2.0), (int)Math.Ceiling(dy / 2.0) })
                foreach (int ox in new[] { (int)Math.Floor(dx / 2.0), (int)Math.Ceiling(dx / 2.0) })
                    Assert.True(Measure(layer, dy, dx, oy, ox).MaxError > 1e-2);
        }

        // ---- conv + max pool ----

        /// <summary>The receptive field of a pooled output of Inv_K3 (3x3, pad 1) + MaxPool2d(2): 4x4 input rows/cols, step 2, from -1.</summary>
        private static readonly ConvGeometry PooledReceptiveField = ConvGeometry.Create(1, 1, 4, 4, stride: 2, pad: 1);

        private static readonly (int Dy, int Dx)[] Shifts = { (0, 0), (0, 1), (1, 0), (1, 1), (0, 2), (2, 2), (3, 3), (0, 3), (4, 4) };

        private static bool StaysInWindow((int Dy, int Dx) s) => s.Dy is 0 or 1 && s.Dx is 0 or 1;

        /// <summary>
        /// Point features on a zero background, each at the top-left pixel of its 2x2 pooling window, and a point-detector
        /// convolution (centre +c, the 8 neighbours -c/8; a different c per output channel). A shift that keeps every point in
        /// its window leaves the pooled output exactly unchanged everywhere; a larger shift moves the responses to other windows.
        /// </summary>
        [Fact]
        public void Conv_plus_max_pool_is_unchanged_by_shifts_inside_the_pooling_window()
        {
            const int size = 32;
            var x = new Tensor(1, 1, size, size);
            var random = new Random(41);
            for (int r = 4; r < size - 8; r += 6)
                for (int c = 4 + 2 * (r % 4 == 0 ? 1 : 0); c < size - 8; c += 6)
                    x[0, 0, r, c] = 0.5f + (float)random.NextDouble(); // r, c even: top-left of a pooling window
            var conv = new Inv_K3(new Random(1));
            Span<float> weight = conv.Weight.AsSpan();
            for (int ch = 0; ch < 4; ch++)
                for (int t = 0; t < 9; t++) weight[ch * 9 + t] = t == 4 ? ch + 1 : -(ch + 1) / 8f;
            conv.Bias!.Clear();
            var pool = new MaxPool2d(2);

            Tensor pooled = pool.Forward(conv.Forward(x));
            output.WriteLine("shift    unchanged pooled outputs (all)   (windows holding a point before or after)");
            foreach (var s in Shifts)
            {
                Tensor pooledShifted = pool.Forward(conv.Forward(ShiftMath.Shift(x, s.Dy, s.Dx)));
                ShiftComparison all = ShiftMath.Compare(PooledReceptiveField, size, size, pooled, pooledShifted, s.Dy, s.Dx, 0, 0);
                double active = ActiveUnchangedFraction(pooled, pooledShifted);
                output.WriteLine($"({s.Dy}, {s.Dx})   {all.UnchangedFraction,8:P1} of {all.Count}   {active,8:P1}");
                if (StaysInWindow(s))
                {
                    Assert.Equal(pooled.ToArray(), pooledShifted.ToArray()); // the whole map, borders included: bitwise
                    Assert.Equal(1.0, active);
                }
                else
                {
                    Assert.True(all.UnchangedFraction < 1.0, $"shift {s}: {all.UnchangedFraction:P1} unchanged");
                    Assert.True(active < 0.1, $"shift {s}: {active:P1} of the active windows unchanged");
                }
            }
        }

        /// <summary>
        /// The same measurement on random input and random weights: the fraction of pooled outputs (interior) that keep their
        /// value, for the conv alone and for conv + MaxPool2d(2). A one-pixel shift leaves a good part of the pooled map as it
        /// was (the window's maximum often stays in the window) but almost nothing of the conv map; a shift by whole windows
        /// moves the pooled map by whole cells, i.e. conv + pool is equivariant on the pooled grid.
        /// </summary>
        [Fact]
        public void Conv_plus_max_pool_measured_on_random_input()
        {
            const int size = 48;
            var conv = new Inv_K3(new Random(7));
            var pool = new MaxPool2d(2);
            Tensor x = TestData.Random(43, 2, 1, size, size);
            Tensor y = conv.Forward(x);
            Tensor pooled = pool.Forward(y);

            output.WriteLine("shift    conv unchanged   conv+maxpool unchanged");
            foreach (var s in Shifts)
            {
                Tensor xs = ShiftMath.Shift(x, s.Dy, s.Dx);
                Tensor ys = conv.Forward(xs);
                Tensor pooledShifted = pool.Forward(ys);
                ShiftComparison convSame = ShiftMath.Compare(Inv_K3.Geometry, size, size, y, ys, s.Dy, s.Dx, 0, 0);
                ShiftComparison pooledSame = ShiftMath.Compare(PooledReceptiveField, size, size, pooled, pooledShifted, s.Dy, s.Dx, 0, 0);
                output.WriteLine($"({s.Dy}, {s.Dx})   {convSame.UnchangedFraction,10:P1}   {pooledSame.UnchangedFraction,10:P1}");
                if (s == (0, 0))
                {
                    Assert.Equal(1.0, convSame.UnchangedFraction);
                    Assert.Equal(1.0, pooledSame.UnchangedFraction);
                }
                else if (StaysInWindow(s))
                {
                    Assert.True(convSame.UnchangedFraction < 0.02);
                    Assert.True(pooledSame.UnchangedFraction > 0.1 && pooledSame.UnchangedFraction > convSame.UnchangedFraction + 0.1,
                        $"shift {s}: pooled {pooledSame.UnchangedFraction:P1}, conv {convSame.UnchangedFraction:P1}");
                }
                if (s.Dy % 2 == 0 && s.Dx % 2 == 0)
                {
                    // Whole pooling windows: the pooled map moves by (dy/2, dx/2) cells, exactly.
                    ShiftComparison moved = ShiftMath.Compare(PooledReceptiveField, size, size, pooled, pooledShifted, s.Dy, s.Dx, s.Dy / 2, s.Dx / 2);
                    output.WriteLine($"         pooled map shifted by ({s.Dy / 2}, {s.Dx / 2}) cells: max error {moved.MaxError:E2} over {moved.Count}");
                    Assert.InRange(moved.MaxError, 0, 1e-6);
                }
            }
        }

        /// <summary>Fraction of unchanged values among positions non-zero in either map.</summary>
        private static double ActiveUnchangedFraction(Tensor a, Tensor b)
        {
            int active = 0, same = 0;
            for (int i = 0; i < a.Length; i++)
            {
                float u = a.AsSpan()[i], v = b.AsSpan()[i];
                if (u == 0 && v == 0) continue;
                active++;
                if (u == v) same++;
            }
            return active == 0 ? double.NaN : (double)same / active;
        }
    }
}
