using ConvGen;

// Generated layers for the course-note parity tests (shape formulas, convolution vs cross-correlation, equivariance).
namespace ConvGen.Kernels.Tests.Parity
{
    // ---- Sizes and parameter counts (ShapeFormulaTests) ----

    /// <summary>No padding, stride 1: (H - K1 + 1) x (W - K2 + 1).</summary>
    [Conv2d(InChannels = 3, OutChannels = 8, K1 = 5, K2 = 3)]
    public partial class NoPad_K5x3 { }

    /// <summary>Padding 2 on a 5x5 kernel keeps the size: H + 2P - K1 + 1 = H.</summary>
    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2)]
    public partial class Pad2_K5 { }

    /// <summary>Padding 1 on a 3x5 kernel: H stays, W shrinks by 2.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 5, Pad = 1)]
    public partial class Pad1_K3x5 { }

    /// <summary>Different padding per axis.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 7, PadH = 0, PadW = 3)]
    public partial class PadH0W3_K3x7 { }

    /// <summary>Stride 2: floor((H + 2P - K1) / 2) + 1.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class Stride2_K3_P1 { }

    /// <summary>The course note's stride example without padding: ((H - K1) / 2 + 1) x ((W - K2) / 2 + 1).</summary>
    [Conv2d(InChannels = 1, OutChannels = 2, K1 = 4, K2 = 2, Stride = 2)]
    public partial class Stride2_K4x2_P0 { }

    /// <summary>Different stride per axis.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 5, K2 = 3, StrideH = 3, StrideW = 2, Pad = 2)]
    public partial class Stride3x2_K5x3_P2 { }

    /// <summary>The note's RGB layer: N = 3 input channels, m = 16 filters of 3x3: m*(K1*K2*N+1) = 448 parameters.</summary>
    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 3, K2 = 3, Pad = 1)]
    public partial class Rgb16_K3 { }

    /// <summary>LeNet's first layer: 6 * (5*5*1 + 1) = 156 parameters.</summary>
    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5)]
    public partial class LeNetC1 { }

    /// <summary>Groups 4: each filter sees 8/4 = 2 channels: 12 * (3*3*2 + 1) = 228.</summary>
    [Conv2d(InChannels = 8, OutChannels = 12, K1 = 3, K2 = 3, Pad = 1, Groups = 4)]
    public partial class Groups4_K3 { }

    /// <summary>Depthwise: 6 * (3*3*1 + 1) = 60.</summary>
    [Conv2d(InChannels = 6, OutChannels = 6, K1 = 3, K2 = 3, Pad = 1, Groups = 6)]
    public partial class Depthwise6_K3 { }

    /// <summary>No bias: 5 * (3*3*4) = 180, no +1.</summary>
    [Conv2d(InChannels = 4, OutChannels = 5, K1 = 3, K2 = 3, Bias = false)]
    public partial class NoBias_K3 { }

    /// <summary>Dilation 2: the 3x3 kernel spans 5x5; padding 2 keeps the size.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Pad = 2, Dilation = 2)]
    public partial class Dilated2_K3_P2 { }

    /// <summary>PyTorch's padding='same' with an even kernel (1 before, 2 after).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 4, K2 = 4, Padding = PaddingPreset.Same)]
    public partial class Same_K4 { }

    // ---- Convolution vs cross-correlation (FlipKernelTests) ----

    /// <summary>True convolution (kernel flipped), 3x5.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 5, PadH = 1, PadW = 2, FlipKernel = true)]
    public partial class Flip_K3x5 { }

    /// <summary>The same layer as cross-correlation (PyTorch's conv2d).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 5, PadH = 1, PadW = 2)]
    public partial class Corr_K3x5 { }

    /// <summary>True convolution with stride 2, groups 2 and reflect padding.</summary>
    [Conv2d(InChannels = 4, OutChannels = 6, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Groups = 2, PaddingMode = PaddingMode.Reflect, FlipKernel = true)]
    public partial class Flip_K3_S2_G2 { }

    /// <summary>Its cross-correlation twin.</summary>
    [Conv2d(InChannels = 4, OutChannels = 6, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Groups = 2, PaddingMode = PaddingMode.Reflect)]
    public partial class Corr_K3_S2_G2 { }

    /// <summary>One channel, 2x2 kernel, no padding: small enough to compute by hand.</summary>
    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 2, K2 = 2, Bias = false, FlipKernel = true)]
    public partial class Tiny_Flip { }

    /// <summary>Cross-correlation twin of <see cref="Tiny_Flip"/>.</summary>
    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 2, K2 = 2, Bias = false)]
    public partial class Tiny_Corr { }

    // ---- Equivariance and invariance (EquivarianceTests) ----

    /// <summary>Stride 1, zero padding.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Pad = 1)]
    public partial class Equi_S1_K3 { }

    /// <summary>Stride 1, 5x3 kernel, reflect padding (the padding mode only matters at the borders).</summary>
    [Conv2d(InChannels = 2, OutChannels = 5, K1 = 5, K2 = 3, Pad = 2, PaddingMode = PaddingMode.Reflect)]
    public partial class Equi_S1_K5x3_Reflect { }

    /// <summary>Stride 2.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class Equi_S2_K3 { }

    /// <summary>Stride 2, 4x4 kernel, no padding.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 4, K2 = 4, Stride = 2)]
    public partial class Equi_S2_K4 { }

    /// <summary>The convolution in front of the max pool of the invariance tests.</summary>
    [Conv2d(InChannels = 1, OutChannels = 4, K1 = 3, K2 = 3, Pad = 1)]
    public partial class Inv_K3 { }
}
