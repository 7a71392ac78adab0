using ConvGen;

namespace ConvGen.Kernels.Tests.WideKernels
{
    // Kernel rows too wide to unroll (CG0011): 29 taps x 12 channels x 2 vectors > the unroll bound, so the tiles loop over
    // the taps of each row, per stride phase. Stride 2 with dilation 3 makes those loops progressions with steps other than 1.
    [Conv2d(InChannels = 13, OutChannels = 13, K1 = 2, K2 = 29, Pad = 3)]
    public partial class WideRow { }

    [Conv2d(InChannels = 14, OutChannels = 12, K1 = 3, K2 = 29, StrideH = 1, StrideW = 2, PadH = 1, PadW = 5, Dilation = 3)]
    public partial class WideRowStridedDilated { }
}
