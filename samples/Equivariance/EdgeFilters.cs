using System;

namespace ConvGen.Samples.Equivariance
{
    /// <summary>Two 3x3 edge detectors on a one-channel image, stride 1, zero padding 1 (output size = input size).</summary>
    [Conv2d(InChannels = 1, OutChannels = 2, K1 = 3, K2 = 3, Pad = 1)]
    public partial class EdgeFilters
    {
        /// <summary>Sobel kernels: channel 0 responds to vertical edges (left-to-right change), channel 1 to horizontal ones.</summary>
        private static readonly float[] Sobel =
        {
            -1, 0, 1,
            -2, 0, 2,
            -1, 0, 1,

            -1, -2, -1,
             0,  0,  0,
             1,  2,  1,
        };

        /// <summary>The layer with its weights set to the Sobel kernels and zero bias (instead of a random initialisation).</summary>
        public static EdgeFilters CreateSobel()
        {
            var layer = new EdgeFilters(new Random(0));
            Sobel.AsSpan().CopyTo(layer.Weight.AsSpan());
            layer.Bias!.Clear();
            return layer;
        }
    }
}
