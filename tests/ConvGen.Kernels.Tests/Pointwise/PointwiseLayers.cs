using ConvGen;

namespace ConvGen.Kernels.Tests.Pointwise
{
    // 1x1, stride 1, unpadded: the forward runs as a GEMM over flattened pixels (KernelPlan.Pointwise).
    [Conv2d(InChannels = 20, OutChannels = 13, K1 = 1, K2 = 1)]
    public partial class PointwiseLayer { }

    [Conv2d(InChannels = 6, OutChannels = 28, K1 = 1, K2 = 1, Groups = 2, Bias = false)]
    public partial class GroupedPointwiseNoBias { }

    // Deep enough for the direct weight gradient (more than 32 input channels per group, see ColumnWeightGradPlanner); without
    // AVX-512 it runs PointwiseWeightJob's 4 x 3 tiles: 40 inputs = 13 blocks of 3 + 1, 13 outputs = 3 blocks of 4 + 1, so
    // every tail tile (4 x 1, 1 x 3, 1 x 1) runs.
    [Conv2d(InChannels = 40, OutChannels = 13, K1 = 1, K2 = 1)]
    public partial class DeepPointwise { }

    // Without AVX-512 the forward's tiles take 4 output channels each: 7 = 4 + 3 leaves the widest short block (13 and 14
    // leave 1 and 2).
    [Conv2d(InChannels = 9, OutChannels = 7, K1 = 1, K2 = 1)]
    public partial class NarrowPointwise { }

    // Two groups of 35 -> 5: the tiles' group offsets, input tail 35 = 11 x 3 + 2, output tail 5 = 4 + 1.
    [Conv2d(InChannels = 70, OutChannels = 10, K1 = 1, K2 = 1, Groups = 2, Bias = false)]
    public partial class GroupedDeepPointwise { }
}
