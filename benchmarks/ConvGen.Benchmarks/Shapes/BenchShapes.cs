using System.Collections.Generic;

namespace ConvGen.Benchmarks.Shapes
{
    /// <summary>The benchmarked layers: small LeNet/CIFAR layers where per-call overhead matters, and ResNet-50 layers where FLOPs do.</summary>
    public static class BenchShapes
    {
        /// <summary>Every shape, in report order.</summary>
        public static IReadOnlyList<BenchShape> All { get; } =
        [
            new("lenet_c1", 1, 1, 6, 28, 28, 5, Pad: 2),
            new("lenet_c1", 64, 1, 6, 28, 28, 5, Pad: 2),
            new("lenet_c3", 1, 6, 16, 14, 14, 5),
            new("lenet_c3", 64, 6, 16, 14, 14, 5),
            new("cifar_stem", 1, 3, 32, 32, 32, 3, Pad: 1),
            new("cifar_stem", 32, 3, 32, 32, 32, 3, Pad: 1),
            new("resnet_3x3", 1, 64, 64, 56, 56, 3, Pad: 1),
            new("resnet_3x3_s2", 1, 64, 128, 56, 56, 3, Stride: 2, Pad: 1),
            new("pointwise", 1, 256, 64, 28, 28, 1),
            new("resnet_stem", 1, 3, 64, 224, 224, 7, Stride: 2, Pad: 3),
        ];
    }
}
