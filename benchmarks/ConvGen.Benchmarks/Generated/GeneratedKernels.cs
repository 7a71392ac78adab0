using System;
using System.Collections.Generic;
using ConvGen.Benchmarks.Engines;
using ConvGen.Benchmarks.Shapes;

namespace ConvGen.Benchmarks.Generated
{
    /// <summary>
    /// THE PLUG-IN POINT for generated kernels: one factory per <see cref="BenchShape.Layer"/>, each creating the layer
    /// declared in Generated/GeneratedLayers.cs and wrapping its span overloads in a <see cref="GeneratedRunner"/> (the
    /// method groups bind to the span overloads through <see cref="SpanConvForward"/> and <see cref="SpanConvBackward"/>).
    /// To benchmark another layer: add a <see cref="BenchShape"/>, declare the layer, register it here. Every shape of the
    /// layer then gets "Generated" rows at 1 and 2 threads (<see cref="ConvGen.Kernels.ParallelRunner.MaxThreads"/> is set per
    /// case), compared with the peers.
    /// </summary>
    public static class GeneratedKernels
    {
        /// <summary>Factories by layer name (<see cref="BenchShape.Layer"/>).</summary>
        public static IReadOnlyDictionary<string, Func<BenchShape, IConvRunner>> ByLayer { get; } =
            new Dictionary<string, Func<BenchShape, IConvRunner>>
            {
                ["lenet_c1"] = s => { var l = new LeNetC1(); return new GeneratedRunner(s, l, l.Forward, l.Backward, l.Weight, l.Bias, l.WeightGrad, l.BiasGrad); },
                ["lenet_c3"] = s => { var l = new LeNetC3(); return new GeneratedRunner(s, l, l.Forward, l.Backward, l.Weight, l.Bias, l.WeightGrad, l.BiasGrad); },
                ["cifar_stem"] = s => { var l = new CifarStem(); return new GeneratedRunner(s, l, l.Forward, l.Backward, l.Weight, l.Bias, l.WeightGrad, l.BiasGrad); },
                ["resnet_3x3"] = s => { var l = new ResNet3x3(); return new GeneratedRunner(s, l, l.Forward, l.Backward, l.Weight, l.Bias, l.WeightGrad, l.BiasGrad); },
                ["resnet_3x3_s2"] = s => { var l = new ResNet3x3S2(); return new GeneratedRunner(s, l, l.Forward, l.Backward, l.Weight, l.Bias, l.WeightGrad, l.BiasGrad); },
                ["pointwise"] = s => { var l = new Pointwise(); return new GeneratedRunner(s, l, l.Forward, l.Backward, l.Weight, l.Bias, l.WeightGrad, l.BiasGrad); },
                ["resnet_stem"] = s => { var l = new ResNetStem(); return new GeneratedRunner(s, l, l.Forward, l.Backward, l.Weight, l.Bias, l.WeightGrad, l.BiasGrad); },
            };
    }
}
