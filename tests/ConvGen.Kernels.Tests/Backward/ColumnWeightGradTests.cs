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
    public class ColumnWeightGradTests : WeightGradTheories<ColumnWeightGradTests>, IWeightGradCases
    {
        public static TheoryData<string, int, int, int> CaseList => new()
        {
            { nameof(BandedColumns), 1, 150, 130 }, // 26 rows a band: 6 bands, the last of 20 rows; 3,380 pixels a band, 4 past whole vectors
            { nameof(BandedColumns), 2, 40, 401 },  // 8 rows a band: 5 bands
            { nameof(BandedColumns), 3, 9, 7 },     // one band of 63 pixels
            { nameof(BandedColumns), 17, 5, 3 },    // 15 pixels: less than one AVX-512 vector
            { nameof(BandedColumns), 1, 1, 1 },
            { nameof(GroupedColumns), 1, 21, 19 },
            { nameof(GroupedColumns), 5, 16, 32 },
        };

        public static (ILayer Layer, ConvGeometry Geometry) CreateLayer(string name) => name switch
        {
            nameof(BandedColumns) => (new BandedColumns(new Random(1)), BandedColumns.Geometry),
            nameof(GroupedColumns) => (new GroupedColumns(new Random(1)), GroupedColumns.Geometry),
            _ => throw new ArgumentException(name),
        };

        [Fact]
        public void Gradients_accumulate_over_calls_and_survive_a_change_of_batch()
        {
            var (layer, g) = CreateLayer(nameof(BandedColumns));
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
