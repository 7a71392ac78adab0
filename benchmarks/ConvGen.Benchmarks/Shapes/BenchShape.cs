using ConvGen.Kernels;

namespace ConvGen.Benchmarks.Shapes
{
    /// <summary>
    /// One benchmarked convolution: a layer (the part a generated class fixes) applied to a batch of inputs. Zero padding,
    /// symmetric, with bias: what the peers' fast paths and real networks use.
    /// </summary>
    /// <param name="Layer">Layer name, shared by every batch size of the same layer; generated kernels are registered under it.</param>
    /// <param name="Batch">N.</param>
    /// <param name="InChannels">Cin.</param>
    /// <param name="OutChannels">Cout.</param>
    /// <param name="Height">Input height.</param>
    /// <param name="Width">Input width.</param>
    /// <param name="Kernel">Square kernel size.</param>
    /// <param name="Stride">Stride, both axes.</param>
    /// <param name="Pad">Zero padding, every side.</param>
    /// <param name="Groups">Channel groups.</param>
    public sealed record BenchShape(string Layer, int Batch, int InChannels, int OutChannels, int Height, int Width,
        int Kernel, int Stride = 1, int Pad = 0, int Groups = 1)
    {
        /// <summary>Unique display name: layer and batch, e.g. <c>lenet_c1/b64</c>.</summary>
        public string Name => $"{Layer}/b{Batch}";

        /// <summary>The geometry the runtime kernels take.</summary>
        public ConvGeometry Geometry => ConvGeometry.Create(InChannels, OutChannels, Kernel, Kernel, Stride, Pad, groups: Groups);

        /// <summary>Output height.</summary>
        public int OutputHeight => Geometry.OutputHeight(Height);

        /// <summary>Output width.</summary>
        public int OutputWidth => Geometry.OutputWidth(Width);

        /// <summary>FLOPs of one pass: 2 * N * Cout * Ho * Wo * Cin * K1 * K2 / Groups (a multiply-add counts 2).</summary>
        public double FlopsPerPass => 2.0 * Batch * OutChannels * OutputHeight * OutputWidth * (InChannels / Groups) * Kernel * Kernel;

        /// <summary>Elements of x.</summary>
        public int InputLength => Batch * InChannels * Height * Width;

        /// <summary>Elements of y.</summary>
        public int OutputLength => Batch * OutChannels * OutputHeight * OutputWidth;

        /// <summary>Elements of w.</summary>
        public int WeightLength => OutChannels * (InChannels / Groups) * Kernel * Kernel;

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
