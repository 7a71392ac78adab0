using System;

namespace ConvGen
{
    /// <summary>
    /// Marks a <c>partial class</c> as a 2-D convolution layer. The ConvGen source generator emits, at compile time,
    /// forward and backward kernels specialised for exactly this shape (PyTorch <c>nn.Conv2d</c> semantics, NCHW).
    /// </summary>
    /// <example>
    /// <code>
    /// [Conv2d(InChannels = 3, OutChannels = 16, K1 = 3, K2 = 3, Stride = 1, Pad = 1)]
    /// public partial class Stem { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class Conv2dAttribute : Attribute
    {
        /// <summary>Number of input channels (N in the course note).</summary>
        public int InChannels { get; set; }
        /// <summary>Number of output channels, i.e. filters (m in the course note).</summary>
        public int OutChannels { get; set; }
        /// <summary>Kernel height.</summary>
        public int K1 { get; set; }
        /// <summary>Kernel width.</summary>
        public int K2 { get; set; }
        /// <summary>Stride in both directions (default 1).</summary>
        public int Stride { get; set; } = 1;
        /// <summary>Vertical stride; overrides <see cref="Stride"/> when set (default: unset, 0).</summary>
        public int StrideH { get; set; }
        /// <summary>Horizontal stride; overrides <see cref="Stride"/> when set (default: unset, 0).</summary>
        public int StrideW { get; set; }
        /// <summary>Padding added to every side (default 0).</summary>
        public int Pad { get; set; }
        /// <summary>Padding added at the top and bottom; overrides <see cref="Pad"/> when set (default: unset, -1).</summary>
        public int PadH { get; set; } = -1;
        /// <summary>Padding added at the left and right; overrides <see cref="Pad"/> when set (default: unset, -1).</summary>
        public int PadW { get; set; } = -1;
        /// <summary>PyTorch's <c>'same'</c>/<c>'valid'</c> padding; <see cref="PaddingPreset.Explicit"/> uses <see cref="Pad"/>.</summary>
        public PaddingPreset Padding { get; set; }
        /// <summary>Spacing between kernel taps (default 1).</summary>
        public int Dilation { get; set; } = 1;
        /// <summary>Number of channel groups; <c>Groups == InChannels</c> is a depthwise convolution (default 1).</summary>
        public int Groups { get; set; } = 1;
        /// <summary>Whether the layer has a learnable bias per output channel (default true).</summary>
        public bool Bias { get; set; } = true;
        /// <summary>How the padded border is filled (default <see cref="ConvGen.PaddingMode.Zeros"/>).</summary>
        public PaddingMode PaddingMode { get; set; }
        /// <summary>False (default): cross-correlation, as PyTorch computes. True: true convolution, the kernel flipped in both axes.</summary>
        public bool FlipKernel { get; set; }
        /// <summary>Optional fixed input height; when set, input of another height is rejected (default 0: any).</summary>
        public int Height { get; set; }
        /// <summary>Optional fixed input width; when set, input of another width is rejected (default 0: any).</summary>
        public int Width { get; set; }
    }
}
