using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    [Conv2d(InChannels = 6, OutChannels = 6, K1 = 3, K2 = 3, Pad = 1, Groups = 6)]
    public partial class FlatDepthwise { }

    [Conv2d(InChannels = 8, OutChannels = 12, K1 = 3, K2 = 3, Pad = 1, Groups = 2, Bias = false)]
    public partial class FlatGrouped { }

    [Conv2d(InChannels = 3, OutChannels = 5, K1 = 3, K2 = 3, Pad = 2, Dilation = 2)]
    public partial class FlatDilated { }

    // GradTop = 0: past the plane's last row dY is the next channel's first row, not a zero border.
    [Conv2d(InChannels = 4, OutChannels = 7, K1 = 1, K2 = 3, PadH = 0, PadW = 1)]
    public partial class FlatRowKernel { }

    // GradLeft = 0: no left border, so rows sit back to back in the flat gradient.
    [Conv2d(InChannels = 4, OutChannels = 7, K1 = 3, K2 = 1, PadH = 1, PadW = 0)]
    public partial class FlatColumnKernel { }

    // Stride 2, no padding: the weight gradient runs flat, the input gradient keeps its stride variants.
    [Conv2d(InChannels = 5, OutChannels = 9, K1 = 3, K2 = 3, Stride = 2)]
    public partial class FlatStride2Valid { }

    /// <summary>
    /// The flat-plane backward passes (weight gradient over the flat plane, stride-1 input gradient stored straight into dX)
    /// on the geometries the matrix lacks: groups, depthwise, dilation, 1xK and Kx1 kernels (no top or no left border in the
    /// gradient), stride 2 without padding; against the naive reference, on sizes where AVX-512 picks the flat plane.
    /// </summary>
    public class FlatPlaneBackwardTests
    {
        private const double Tolerance = 1e-4;
        private static readonly (int H, int W)[] Sizes = { (20, 20), (9, 56), (30, 45) };

        private static readonly (string Name, Func<Random, ILayer> Create, ConvGeometry Geometry)[] Layers =
        {
            (nameof(FlatDepthwise), r => new FlatDepthwise(r), FlatDepthwise.Geometry),
            (nameof(FlatGrouped), r => new FlatGrouped(r), FlatGrouped.Geometry),
            (nameof(FlatDilated), r => new FlatDilated(r), FlatDilated.Geometry),
            (nameof(FlatRowKernel), r => new FlatRowKernel(r), FlatRowKernel.Geometry),
            (nameof(FlatColumnKernel), r => new FlatColumnKernel(r), FlatColumnKernel.Geometry),
            (nameof(FlatStride2Valid), r => new FlatStride2Valid(r), FlatStride2Valid.Geometry),
        };

        public static IEnumerable<object[]> Cases()
        {
            foreach (var layer in Layers)
            foreach (var (h, w) in Sizes)
            foreach (int batch in new[] { 1, 3 })
                yield return new object[] { layer.Name, batch, h, w };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_and_gradients_match_the_reference(string name, int batch, int height, int width)
        {
            var (_, create, g) = Layers.Single(l => l.Name == name);
            ILayer layer = create(new Random(5));
            Tensor x = TestData.Random(3, batch, g.InChannels, height, width);
            Tensor y = layer.Forward(x);
            Tensor gy = TestData.Random(4, y.Shape.ToArray());
            Tensor gx = layer.Backward(gy);

            Tensor bias = g.HasBias ? layer.Parameters[1].Value : null!;
            Tensor expectedY = ConvReference.Forward(g, x, layer.Parameters[0].Value, g.HasBias ? bias : null);
            var (ex, ew, eb) = ConvReference.Backward(g, x, layer.Parameters[0].Value, gy);
            Assert.InRange(TestData.RelativeError(y.AsSpan(), expectedY.AsSpan()), 0, Tolerance);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, Tolerance);
            Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan()), 0, Tolerance);
            if (g.HasBias) Assert.InRange(TestData.RelativeError(layer.Parameters[1].Grad.AsSpan(), eb.AsSpan()), 0, Tolerance);
        }

        /// <summary>The cases above exercise the flat plane where it exists: the layer's rule picks it for these widths.</summary>
        [Fact]
        public void The_sizes_take_the_flat_plane_on_AVX512()
        {
            if (!FlatTileStore.IsSupported) return; // the row paths run instead; the theory above still checks them
            foreach (var (name, _, g) in Layers)
            foreach (var (h, w) in Sizes)
            {
                var flat = new ConvLayout(g, h, w, flatPlanes: true);
                Assert.True(FlatTileStore.IsFaster(flat.OutWidth, flat.FlatRowStride), $"{name} at {h}x{w}: rows keep as many lanes as the flat plane");
            }
        }
    }
}
