namespace ConvGen.Benchmarks.Generated
{
    // One generated layer per BenchShape.Layer (Shapes/BenchShapes.cs), with the same attributes as the shape: zero
    // padding, bias, no fixed input size. LeNetC1/LeNetC3 are also the convolutions of the LeNet-5 training-step
    // benchmark (LeNet/LeNetStep.cs), declared exactly as samples/LeNet/Model.cs declares C1 and C3.

    /// <summary>LeNet-5 C1: 1 -> 6, 5x5, padding 2 (28x28 stays 28x28).</summary>
    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2)]
    public partial class LeNetC1 { }

    /// <summary>LeNet-5 C3: 6 -> 16, 5x5 (14x14 -> 10x10).</summary>
    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5)]
    public partial class LeNetC3 { }

    /// <summary>CIFAR stem: 3 -> 32, 3x3, padding 1.</summary>
    [Conv2d(InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)]
    public partial class CifarStem { }

    /// <summary>ResNet basic-block 3x3: 64 -> 64, padding 1.</summary>
    [Conv2d(InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1)]
    public partial class ResNet3x3 { }

    /// <summary>ResNet down-sampling 3x3: 64 -> 128, stride 2, padding 1.</summary>
    [Conv2d(InChannels = 64, OutChannels = 128, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class ResNet3x3S2 { }

    /// <summary>Pointwise (1x1): 256 -> 64.</summary>
    [Conv2d(InChannels = 256, OutChannels = 64, K1 = 1, K2 = 1)]
    public partial class Pointwise { }

    /// <summary>ResNet stem: 3 -> 64, 7x7, stride 2, padding 3.</summary>
    [Conv2d(InChannels = 3, OutChannels = 64, K1 = 7, K2 = 7, Stride = 2, Pad = 3)]
    public partial class ResNetStem { }
}
