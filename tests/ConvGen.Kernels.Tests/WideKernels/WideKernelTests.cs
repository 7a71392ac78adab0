using System;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.WideKernels
{
    /// <summary>Tiles whose kernel rows loop over their taps (past the unroll bound) against the naive reference, all three gradients.</summary>
    public class WideKernelTests
    {
        public static TheoryData<string, int, int> Cases => new()
        {
            { nameof(WideRow), 5, 40 },
            { nameof(WideRow), 4, 29 },
            { nameof(WideRowStridedDilated), 6, 80 },
            { nameof(WideRowStridedDilated), 9, 97 },
        };

        private static (ILayer Layer, ConvGeometry Geometry) Create(string name) => name switch
        {
            nameof(WideRow) => (new WideRow(new Random(2)), WideRow.Geometry),
            nameof(WideRowStridedDilated) => (new WideRowStridedDilated(new Random(2)), WideRowStridedDilated.Geometry),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Looped_tap_rows_match_the_reference(string name, int height, int width)
        {
            var (layer, g) = Create(name);
            Tensor x = TestData.Random(7, 2, g.InChannels, height, width);
            Tensor w = layer.Parameters[0].Value, b = layer.Parameters[1].Value;
            Tensor y = layer.Forward(x);
            Assert.InRange(TestData.RelativeError(y.AsSpan(), ConvReference.Forward(g, x, w, b).AsSpan()), 0, 1e-4);

            Tensor gy = TestData.Random(8, y.Shape.ToArray());
            Tensor gx = layer.Backward(gy);
            var (ex, ew, eb) = ConvReference.Backward(g, x, w, gy);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, 1e-4);
            Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan()), 0, 1e-4);
            Assert.InRange(TestData.RelativeError(layer.Parameters[1].Grad.AsSpan(), eb.AsSpan()), 0, 1e-4);
        }
    }
}
