using ConvGen;

namespace ConvGen.Kernels.Tests.Backward
{
    // Small layers for finite-difference checks and the backward contract (issue: Backward pass).
    [Conv2d(InChannels = 5, OutChannels = 7, K1 = 3, K2 = 5, Stride = 2, Pad = 1)]
    public partial class Acceptance { }

    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Pad = 1, PaddingMode = PaddingMode.Reflect, Dilation = 2)]
    public partial class ReflectDilated { }

    [Conv2d(InChannels = 4, OutChannels = 4, K1 = 3, K2 = 3, Groups = 2, Stride = 3, FlipKernel = true, Bias = false)]
    public partial class GroupedFlippedNoBias { }

    // Same channels and size in and out, so a layer can be fed its own output (buffer reuse must not read what it writes).
    [Conv2d(InChannels = 3, OutChannels = 3, K1 = 3, K2 = 3, Pad = 1)]
    public partial class SameShape { }

    // The weight gradient is split over batch slices: LeNet C1 and the CIFAR stem run the column weight gradient
    // (ColumnWeightGradJob: at most 16 slices, so batch 33 ends in a short one), the strided layer the direct kernel
    // (BackwardWeightJob.ImagesPerSlice). Bias = false checks the path without plane sums or a column of ones.
    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2)]
    public partial class SlicedLeNetC1 { }

    [Conv2d(InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class SlicedCifarStem { }

    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5, Stride = 2, Bias = false)]
    public partial class SlicedStridedNoBias { }

    // Takes the CIFAR stem's 32 channels back to 32: the second layer of a Sequential whose first layer skips its input gradient.
    [Conv2d(InChannels = 32, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class SameShapeStem { }

    // The column weight gradient over several bands of output rows (19 columns: a band holds at most 3,417 pixels), with
    // 10 output channels: whole blocks and a short one.
    [Conv2d(InChannels = 2, OutChannels = 10, K1 = 3, K2 = 3, Pad = 1)]
    public partial class BandedColumns { }

    // Grouped and strided, no bias: two groups of 3 input x 4 output channels, 3 x 3 taps = 27 columns each.
    [Conv2d(InChannels = 6, OutChannels = 8, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Groups = 2, Bias = false)]
    public partial class GroupedColumns { }
}
