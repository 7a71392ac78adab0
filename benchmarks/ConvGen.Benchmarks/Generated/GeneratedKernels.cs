using System;
using System.Collections.Generic;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Generated
{
    /// <summary>
    /// THE PLUG-IN POINT for generated kernels. To benchmark a generated layer:
    /// <list type="number">
    /// <item>enable the Generator reference in ConvGen.Benchmarks.csproj;</item>
    /// <item>declare the layer, one per <see cref="BenchShape.Layer"/>, e.g. in Generated/GeneratedLayers.cs:
    /// <code>
    /// [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2)] public partial class LeNetC1 { }
    /// [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5)] public partial class LeNetC3 { }
    /// [Conv2d(InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1)] public partial class CifarStem { }
    /// [Conv2d(InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1)] public partial class ResNet3x3 { }
    /// [Conv2d(InChannels = 64, OutChannels = 128, K1 = 3, K2 = 3, Stride = 2, Pad = 1)] public partial class ResNet3x3S2 { }
    /// [Conv2d(InChannels = 256, OutChannels = 64, K1 = 1, K2 = 1)] public partial class Pointwise { }
    /// [Conv2d(InChannels = 3, OutChannels = 64, K1 = 7, K2 = 7, Stride = 2, Pad = 3)] public partial class ResNetStem { }
    /// </code></item>
    /// <item>register each below, e.g.
    /// <c>["lenet_c1"] = s => { var l = new LeNetC1(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },</c>
    /// (the method group binds to the span overload through <see cref="SpanConvForward"/>; the spans receive the shared weights).</item>
    /// </list>
    /// Every shape of that layer (batch 1 and the larger batch) then gets a "Generated" row at 1 and 2 threads
    /// (<see cref="ConvGen.Kernels.ParallelRunner.MaxThreads"/> is set per case), compared with the peers.
    /// </summary>
    public static class GeneratedKernels
    {
        /// <summary>Factories by layer name (<see cref="BenchShape.Layer"/>).</summary>
        public static IReadOnlyDictionary<string, Func<BenchShape, IConvRunner>> ByLayer { get; } =
            new Dictionary<string, Func<BenchShape, IConvRunner>>
            {
                // ["lenet_c1"] = s => { var l = new LeNetC1(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },
                // ["lenet_c3"] = s => { var l = new LeNetC3(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },
                // ["cifar_stem"] = s => { var l = new CifarStem(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },
                // ["resnet_3x3"] = s => { var l = new ResNet3x3(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },
                // ["resnet_3x3_s2"] = s => { var l = new ResNet3x3S2(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },
                // ["pointwise"] = s => { var l = new Pointwise(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },
                // ["resnet_stem"] = s => { var l = new ResNetStem(); return new GeneratedRunner(s, l.Forward, l.Weight.AsSpan(), l.Bias!.AsSpan()); },
            };
    }
}
