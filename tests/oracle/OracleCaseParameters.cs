using System.Collections.Generic;
using System.Text.Json.Serialization;
using ConvGen.Kernels;

namespace ConvGen.Oracle
{
    /// <summary>
    /// One oracle case as written in <c>conv2d/index.json</c>: a convolution (PyTorch <c>nn.Conv2d</c> meaning, padding per
    /// side) applied to an input of a fixed batch and size, with inputs drawn from <see cref="OracleData"/> with <see cref="Seed"/>.
    /// </summary>
    /// <param name="Name">Unique, identifier-safe name; also the expected-values file name (<c>conv2d/{Name}.json</c>).</param>
    /// <param name="Note">What the case is there to exercise.</param>
    /// <param name="Batch">N.</param>
    /// <param name="InChannels">Cin.</param>
    /// <param name="OutChannels">Cout.</param>
    /// <param name="Height">Input height H.</param>
    /// <param name="Width">Input width W.</param>
    /// <param name="K1">Kernel height.</param>
    /// <param name="K2">Kernel width.</param>
    /// <param name="StrideH">Vertical stride.</param>
    /// <param name="StrideW">Horizontal stride.</param>
    /// <param name="PadTop">Rows added above.</param>
    /// <param name="PadBottom">Rows added below.</param>
    /// <param name="PadLeft">Columns added on the left.</param>
    /// <param name="PadRight">Columns added on the right.</param>
    /// <param name="DilationH">Vertical spacing of kernel taps.</param>
    /// <param name="DilationW">Horizontal spacing of kernel taps.</param>
    /// <param name="Groups">Channel groups.</param>
    /// <param name="PaddingMode">How the border is filled.</param>
    /// <param name="FlipKernel">True convolution (kernel flipped in both axes) instead of cross-correlation.</param>
    /// <param name="Bias">Whether the layer adds a bias.</param>
    /// <param name="Seed">Seed of the generated inputs.</param>
    public sealed record OracleCaseParameters(
        string Name, string Note, int Batch, int InChannels, int OutChannels, int Height, int Width, int K1, int K2,
        int StrideH, int StrideW, int PadTop, int PadBottom, int PadLeft, int PadRight, int DilationH, int DilationW,
        int Groups, [property: JsonConverter(typeof(JsonStringEnumConverter<PaddingMode>))] PaddingMode PaddingMode,
        bool FlipKernel, bool Bias, ulong Seed)
    {
        /// <summary>The geometry the runtime kernels take.</summary>
        [JsonIgnore]
        public ConvGeometry Geometry => new(InChannels, OutChannels, K1, K2, StrideH, StrideW, PadTop, PadBottom, PadLeft, PadRight,
            DilationH, DilationW, Groups, PaddingMode, FlipKernel, Bias);

        /// <summary>Output height (PyTorch's floor formula).</summary>
        [JsonIgnore]
        public int OutputHeight => Geometry.OutputHeight(Height);

        /// <summary>Output width.</summary>
        [JsonIgnore]
        public int OutputWidth => Geometry.OutputWidth(Width);

        /// <summary>
        /// The named arguments of the equivalent <c>[Conv2d(...)]</c> attribute, fixed input size included, or null when the
        /// attribute cannot express the geometry (padding asymmetric in a way that is not PyTorch's 'same', or per-axis
        /// dilation). Written to the index so a script can emit generated-layer declarations.
        /// </summary>
        public string? AttributeArguments
        {
            get
            {
                if (DilationH != DilationW) return null;
                var args = new List<string>
                {
                    $"InChannels = {InChannels}", $"OutChannels = {OutChannels}", $"K1 = {K1}", $"K2 = {K2}",
                };
                args.Add(StrideH == StrideW ? $"Stride = {StrideH}" : $"StrideH = {StrideH}, StrideW = {StrideW}");
                if (PadTop == PadBottom && PadLeft == PadRight)
                    args.Add(PadTop == PadLeft ? $"Pad = {PadTop}" : $"PadH = {PadTop}, PadW = {PadLeft}");
                else if (IsPyTorchSame)
                    args.Add("Padding = PaddingPreset.Same");
                else
                    return null;
                if (DilationH != 1) args.Add($"Dilation = {DilationH}");
                if (Groups != 1) args.Add($"Groups = {Groups}");
                if (!Bias) args.Add("Bias = false");
                if (PaddingMode != PaddingMode.Zeros) args.Add($"PaddingMode = PaddingMode.{PaddingMode}");
                if (FlipKernel) args.Add("FlipKernel = true");
                args.Add($"Height = {Height}, Width = {Width}");
                return string.Join(", ", args);
            }
        }

        /// <summary>True when the padding is what PyTorch's <c>padding='same'</c> picks: total d*(k-1), the extra one at the bottom/right.</summary>
        private bool IsPyTorchSame
            => StrideH == 1 && StrideW == 1
               && PadTop == DilationH * (K1 - 1) / 2 && PadBottom == DilationH * (K1 - 1) - PadTop
               && PadLeft == DilationW * (K2 - 1) / 2 && PadRight == DilationW * (K2 - 1) - PadLeft;

        /// <summary>Elements of x.</summary>
        [JsonIgnore]
        public int InputLength => Batch * InChannels * Height * Width;

        /// <summary>Elements of w.</summary>
        [JsonIgnore]
        public int WeightLength => OutChannels * (InChannels / Groups) * K1 * K2;

        /// <summary>Elements of y (and of dLoss/dy).</summary>
        [JsonIgnore]
        public int OutputLength => Batch * OutChannels * OutputHeight * OutputWidth;
    }
}
