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

    // The weight gradient is split over batch slices (BackwardWeightJob.ImagesPerSlice): LeNet C1 takes several images per slice,
    // so batches 3 and 64 end in a short slice; the CIFAR stem takes one or two. Bias = false checks the path without plane sums.
    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2)]
    public partial class SlicedLeNetC1 { }

    [Conv2d(InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class SlicedCifarStem { }

    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5, Stride = 2, Bias = false)]
    public partial class SlicedStridedNoBias { }

    // Takes the CIFAR stem's 32 channels back to 32: the second layer of a Sequential whose first layer skips its input gradient.
    [Conv2d(InChannels = 32, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class SameShapeStem { }
}
