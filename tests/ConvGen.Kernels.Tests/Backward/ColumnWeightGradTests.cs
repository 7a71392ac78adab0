using System;
using System.Linq;
using ConvGen.Kernels;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>
    /// The column weight gradient (few input channels x taps: a GEMM over copied input rows, dY read as passed): bands of
    /// output rows, the last vector of a band (dY's tail copied and zero-padded), output blocks split into chunks at small
    /// batches, groups and stride; gradients against the reference, and the same bits whatever the thread count and whether
    /// the input gradient is wanted.
    /// </summary>
    public class ColumnWeightGradTests
    {
        private const double Tolerance = 1e-4;

        public static TheoryData<string, int, int, int> Cases => new()
        {
            { nameof(BandedColumns), 1, 150, 130 }, // 26 rows a band: 6 bands, the last of 20 rows; 3,380 pixels a band, 4 past whole vectors
            { nameof(BandedColumns), 2, 40, 401 },  // 8 rows a band: 5 bands
            { nameof(BandedColumns), 3, 9, 7 },     // one band of 63 pixels
            { nameof(BandedColumns), 17, 5, 3 },    // 15 pixels: less than one AVX-512 vector
            { nameof(BandedColumns), 1, 1, 1 },
            { nameof(GroupedColumns), 1, 21, 19 },
            { nameof(GroupedColumns), 5, 16, 32 },
        };

        private static (ILayer Layer, ConvGeometry Geometry) Create(string name) => name switch
        {
            nameof(BandedColumns) => (new BandedColumns(new Random(1)), BandedColumns.Geometry),
            nameof(GroupedColumns) => (new GroupedColumns(new Random(1)), GroupedColumns.Geometry),
            _ => throw new ArgumentException(name),
        };

        /// <summary>Input gradient (if wanted), weight gradient and bias gradient after one Backward, as one array.</summary>
        private static float[] Gradients(string name, int batch, int height, int width, int threads, bool inputGradient)
            => TestData.Gradients(() => Create(name), batch, height, width, threads, inputGradient);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradients_match_the_reference(string name, int batch, int height, int width)
        {
            var (layer, g) = Create(name);
            Tensor x = TestData.Random(7, batch, g.InChannels, height, width);
            Tensor gy = TestData.Random(9, layer.Forward(x).Shape.ToArray());
            ConvReference.AssertBackwardMatches(layer, g, x, gy, layer.Backward(gy), Tolerance);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradients_are_the_same_bits_on_one_and_two_threads(string name, int batch, int height, int width)
            => Assert.Equal(Gradients(name, batch, height, width, 1, true), Gradients(name, batch, height, width, 2, true));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Weight_gradients_are_the_same_bits_without_the_input_gradient(string name, int batch, int height, int width)
        {
            float[] all = Gradients(name, batch, height, width, 2, true);
            float[] parameters = Gradients(name, batch, height, width, 2, false);
            Assert.Equal(all.Skip(all.Length - parameters.Length), parameters);
        }

        [Fact]
        public void Gradients_accumulate_over_calls_and_survive_a_change_of_batch()
        {
            var (layer, g) = Create(nameof(BandedColumns));
            var reference = new float[layer.Parameters[0].Grad.Length];
            foreach (var (batch, seed) in new[] { (3, 1), (1, 2), (3, 3) })
            {
                Tensor x = TestData.Random(seed, batch, g.InChannels, 33, 35);
                Tensor gy = TestData.Random(seed + 10, layer.Forward(x).Shape.ToArray());
                layer.Backward(gy);
                var (_, ew, _) = ConvReference.Backward(g, x, layer.Parameters[0].Value, gy);
                for (int i = 0; i < reference.Length; i++) reference[i] += ew.AsSpan()[i];
            }
            Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), reference), 0, Tolerance);
        }
    }
}
