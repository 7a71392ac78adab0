using ConvGen;
using ConvGen.Layers;

namespace ConvGen.Samples.LeNet
{
    /// <summary>C1: 1 -> 6 channels, 5x5 kernel, padding 2, so 28x28 stays 28x28. Kernels generated at compile time.</summary>
    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2)]
    public partial class C1 { }

    /// <summary>C3: 6 -> 16 channels, 5x5 kernel, no padding, so 14x14 becomes 10x10. Kernels generated at compile time.</summary>
    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5)]
    public partial class C3 { }

    /// <summary>LeNet-5 (LeCun et al., 1998) with ReLU and max pooling, the usual modern reading.</summary>
    public static class LeNet5
    {
        /// <summary>
        /// Builds the network. Shapes per image: [1,28,28] -C1-> [6,28,28] -pool-> [6,14,14] -C3-> [16,10,10] -pool->
        /// [16,5,5] -flatten-> 400 -> 120 -> 84 -> 10. Weights come from <see cref="Rng.Global"/>: seed it first.
        /// </summary>
        public static Sequential Create() => new(
            ("c1", new C1()), ("relu1", new ReLU()), ("s2", new MaxPool2d(2)),
            ("c3", new C3()), ("relu3", new ReLU()), ("s4", new MaxPool2d(2)),
            ("flatten", new Flatten()),
            ("f5", new Linear(400, 120)), ("relu5", new ReLU()),
            ("f6", new Linear(120, 84)), ("relu6", new ReLU()),
            ("output", new Linear(84, 10)));
    }
}
