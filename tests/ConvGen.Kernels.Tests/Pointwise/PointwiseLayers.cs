using ConvGen;

namespace ConvGen.Kernels.Tests.Pointwise
{
    // 1x1, stride 1, unpadded: the forward runs as a GEMM over flattened pixels (KernelPlan.Pointwise).
    [Conv2d(InChannels = 20, OutChannels = 13, K1 = 1, K2 = 1)]
    public partial class PointwiseLayer { }

    [Conv2d(InChannels = 6, OutChannels = 28, K1 = 1, K2 = 1, Groups = 2, Bias = false)]
    public partial class GroupedPointwiseNoBias { }
}
