using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Kernels.Tests.Support
{
    /// <summary>Runs the naive reference kernels on whole tensors.</summary>
    internal static class ConvReference
    {
        public static Tensor Forward(ConvGeometry g, Tensor x, Tensor w, Tensor? b)
        {
            int n = x.Dim(0), h = x.Dim(2), wd = x.Dim(3);
            var y = new Tensor(n, g.OutChannels, g.OutputHeight(h), g.OutputWidth(wd));
            NaiveConv2d.Forward(g, x.AsSpan(), w.AsSpan(), b is null ? default : b.AsSpan(), y.AsSpan(), n, h, wd);
            return y;
        }

        /// <summary>The reference forward with <paramref name="layer"/>'s current weight and bias.</summary>
        public static Tensor Forward(ConvGeometry g, ILayer layer, Tensor x)
            => Forward(g, x, layer.Parameters[0].Value, g.HasBias ? layer.Parameters[1].Value : null);

        public static (Tensor Gx, Tensor Gw, Tensor Gb) Backward(ConvGeometry g, Tensor x, Tensor w, Tensor gy)
        {
            int n = x.Dim(0), h = x.Dim(2), wd = x.Dim(3);
            var gx = new Tensor(n, g.InChannels, h, wd);
            var gw = new Tensor(w.Shape.ToArray());
            var gb = new Tensor(g.OutChannels);
            NaiveConv2d.BackwardInput(g, gy.AsSpan(), w.AsSpan(), gx.AsSpan(), n, h, wd);
            NaiveConv2d.BackwardWeight(g, x.AsSpan(), gy.AsSpan(), gw.AsSpan(), gb.AsSpan(), n, h, wd);
            return (gx, gw, gb);
        }

        /// <summary>
        /// Asserts that <paramref name="gx"/>, what the layer's Backward returned for <paramref name="gy"/> after Forward(<paramref name="x"/>),
        /// and the parameter gradients it accumulated from zero match the reference within <paramref name="tolerance"/>.
        /// </summary>
        public static void AssertBackwardMatches(ILayer layer, ConvGeometry g, Tensor x, Tensor gy, Tensor gx, double tolerance)
        {
            var (ex, ew, eb) = Backward(g, x, layer.Parameters[0].Value, gy);
            Assert.InRange(TestData.RelativeError(gx.AsSpan(), ex.AsSpan()), 0, tolerance);
            Assert.InRange(TestData.RelativeError(layer.Parameters[0].Grad.AsSpan(), ew.AsSpan()), 0, tolerance);
            if (g.HasBias) Assert.InRange(TestData.RelativeError(layer.Parameters[1].Grad.AsSpan(), eb.AsSpan()), 0, tolerance);
        }
    }
}
