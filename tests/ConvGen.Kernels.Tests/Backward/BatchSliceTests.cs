using System;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>Runs its tests alone: they change the global thread count, which must not change any result.</summary>
    [CollectionDefinition(nameof(ThreadCountCollection), DisableParallelization = true)]
    public sealed class ThreadCountCollection { }

    /// <summary>
    /// The weight gradient is summed per batch slice and the slices are added in order afterwards; the bias gradient from plane
    /// sums added image by image. Both against the reference, for batches that fill one slice, several, and end in a short one,
    /// and bit for bit the same on one and two threads.
    /// </summary>
    [Collection(nameof(ThreadCountCollection))]
    public class BatchSliceTests
    {
        private const double Tolerance = 1e-4;

        public static TheoryData<string, int, int> Cases => new()
        {
            { nameof(SlicedLeNetC1), 1, 28 }, { nameof(SlicedLeNetC1), 3, 28 }, { nameof(SlicedLeNetC1), 64, 28 }, { nameof(SlicedLeNetC1), 13, 17 },
            { nameof(SlicedCifarStem), 1, 32 }, { nameof(SlicedCifarStem), 3, 32 }, { nameof(SlicedCifarStem), 33, 32 }, { nameof(SlicedCifarStem), 64, 9 },
            { nameof(SlicedStridedNoBias), 1, 15 }, { nameof(SlicedStridedNoBias), 7, 15 }, { nameof(SlicedStridedNoBias), 64, 14 },
        };

        private static (ILayer Layer, ConvGeometry Geometry) Create(string name) => name switch
        {
            nameof(SlicedLeNetC1) => (new SlicedLeNetC1(new Random(1)), SlicedLeNetC1.Geometry),
            nameof(SlicedCifarStem) => (new SlicedCifarStem(new Random(1)), SlicedCifarStem.Geometry),
            nameof(SlicedStridedNoBias) => (new SlicedStridedNoBias(new Random(1)), SlicedStridedNoBias.Geometry),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradients_match_the_reference(string name, int batch, int size)
        {
            var (layer, g) = Create(name);
            Tensor x = TestData.Random(7, batch, g.InChannels, size, size);
            Tensor gy = TestData.Random(9, layer.Forward(x).Shape.ToArray());

            ConvReference.AssertBackwardMatches(layer, g, x, gy, layer.Backward(gy), Tolerance);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradients_are_the_same_bits_on_one_and_two_threads(string name, int batch, int size)
        {
            float[] Run(int threads) => TestData.OnThreads(threads, () =>
            {
                var (layer, g) = Create(name);
                Tensor x = TestData.Random(7, batch, g.InChannels, size, size);
                Tensor gx = layer.Backward(TestData.Random(9, layer.Forward(x).Shape.ToArray()));
                return gx.ToArray().Concat(layer.Parameters.SelectMany(p => p.Grad.ToArray())).ToArray();
            });
            Assert.Equal(Run(1), Run(2));
        }
    }
}
