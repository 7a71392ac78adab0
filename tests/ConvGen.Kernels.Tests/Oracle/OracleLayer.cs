using System;
using System.Collections.Generic;
using ConvGen.Oracle;

namespace ConvGen.Kernels.Tests.OracleParity
{
    /// <summary>
    /// A generated layer standing for one libtorch oracle case (see tools/testgen/gen_oracle_layers.py). Direct layers have the
    /// case's geometry; the few emulated ones contain the case: its output is the layer's output cropped at
    /// (<see cref="CropTop"/>, <see cref="CropLeft"/>), and its kernel is every (<see cref="TapStepH"/>, <see cref="TapStepW"/>)-th
    /// tap of the layer's (the other taps are zero).
    /// </summary>
    internal sealed record OracleLayer(
        string CaseName, Func<Random, ILayer> Create, ConvGeometry Geometry, int FixedHeight, int FixedWidth,
        int CropTop, int CropLeft, int TapStepH, int TapStepW, string Emulation)
    {
        /// <summary>True when the layer's geometry is the case's own.</summary>
        public bool IsDirect => Emulation.Length == 0;

        /// <summary>Copies the case's [Cout, Cin/G, K1, K2] weight into the layer's, spreading taps when emulating dilation.</summary>
        public void LoadWeight(OracleCase c, Span<float> layerWeight)
        {
            layerWeight.Clear();
            foreach (var (caseIndex, layerIndex) in Taps(c)) layerWeight[layerIndex] = c.Weight[caseIndex];
        }

        /// <summary>The layer's weight-shaped tensor restricted to the case's taps.</summary>
        public float[] ExtractWeight(OracleCase c, ReadOnlySpan<float> layerWeight)
        {
            var result = new float[c.Parameters.WeightLength];
            foreach (var (caseIndex, layerIndex) in Taps(c)) result[caseIndex] = layerWeight[layerIndex];
            return result;
        }

        /// <summary>The case's [N, Cout, Ho, Wo] window of the layer's output.</summary>
        public float[] CropOutput(OracleCase c, ReadOnlySpan<float> layerOutput)
        {
            var result = new float[c.Parameters.OutputLength];
            int ho = c.Parameters.OutputHeight, wo = c.Parameters.OutputWidth;
            int lho = Geometry.OutputHeight(c.Height), lwo = Geometry.OutputWidth(c.Width);
            for (int plane = 0; plane < c.Batch * c.Parameters.OutChannels; plane++)
                for (int i = 0; i < ho; i++)
                    layerOutput.Slice(plane * lho * lwo + (i + CropTop) * lwo + CropLeft, wo).CopyTo(result.AsSpan(plane * ho * wo + i * wo, wo));
            return result;
        }

        /// <summary>The case's dL/dy embedded in zeros of the layer's output shape (the inverse of <see cref="CropOutput"/>).</summary>
        public Tensor EmbedGradOutput(OracleCase c)
        {
            int ho = c.Parameters.OutputHeight, wo = c.Parameters.OutputWidth;
            int lho = Geometry.OutputHeight(c.Height), lwo = Geometry.OutputWidth(c.Width);
            var result = new Tensor(c.Batch, Geometry.OutChannels, lho, lwo);
            Span<float> span = result.AsSpan();
            for (int plane = 0; plane < c.Batch * c.Parameters.OutChannels; plane++)
                for (int i = 0; i < ho; i++)
                    c.GradOutput.AsSpan(plane * ho * wo + i * wo, wo).CopyTo(span.Slice(plane * lho * lwo + (i + CropTop) * lwo + CropLeft, wo));
            return result;
        }

        /// <summary>(index in the case's weight, index in the layer's weight) of every tap of the case.</summary>
        private IEnumerable<(int CaseIndex, int LayerIndex)> Taps(OracleCase c)
        {
            var p = c.Parameters;
            int filters = p.OutChannels * (p.InChannels / p.Groups);
            for (int f = 0; f < filters; f++)
                for (int a = 0; a < p.K1; a++)
                    for (int b = 0; b < p.K2; b++)
                        yield return ((f * p.K1 + a) * p.K2 + b, (f * Geometry.K1 + a * TapStepH) * Geometry.K2 + b * TapStepW);
        }

        /// <inheritdoc />
        public override string ToString() => CaseName;
    }
}
