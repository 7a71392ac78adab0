using System;
using System.Linq;
using ConvGen.Oracle;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Tools.TorchOracle
{
    // Inside the namespace so it wins over ConvGen.Tensor.
    using Tensor = TorchSharp.torch.Tensor;

    /// <summary>Forward output and the three gradients of one convolution, in float64.</summary>
    /// <param name="Output">y.</param>
    /// <param name="GradInput">dLoss/dx.</param>
    /// <param name="GradWeight">dLoss/dw.</param>
    /// <param name="GradBias">dLoss/db, or null without bias.</param>
    public sealed record ConvResult(double[] Output, double[] GradInput, double[] GradWeight, double[]? GradBias);

    /// <summary>
    /// Computes a case with libtorch exactly as <c>nn.Conv2d</c> would, in float64 (float32 libtorch 2.10 is wrong for some
    /// shapes on AVX-512 machines through oneDNN). Padding of every mode, symmetric or not, is applied with <c>F.pad</c>
    /// (input order left, right, top, bottom) before an unpadded <c>F.conv2d</c>, which is what <c>nn.Conv2d</c> does for
    /// non-zero modes and is equal to its built-in zero padding. FlipKernel flips w on both spatial axes (autograd carries the
    /// flip back to dLoss/dw). Gradients come from autograd with Loss = sum(y * dLoss/dy).
    /// </summary>
    public static class TorchConv2d
    {
        /// <summary>Runs forward and backward for <paramref name="p"/> on the inputs <see cref="OracleData"/> generates.</summary>
        public static ConvResult Run(OracleCaseParameters p)
        {
            using var scope = NewDisposeScope();
            Tensor x = FromFloats(OracleData.Generate(p.Seed, OracleTensor.Input, p.InputLength), p.Batch, p.InChannels, p.Height, p.Width);
            Tensor w = FromFloats(OracleData.Generate(p.Seed, OracleTensor.Weight, p.WeightLength), p.OutChannels, p.InChannels / p.Groups, p.K1, p.K2);
            Tensor? b = p.Bias ? FromFloats(OracleData.Generate(p.Seed, OracleTensor.Bias, p.OutChannels), p.OutChannels) : null;
            Tensor gy = FromFloats(OracleData.Generate(p.Seed, OracleTensor.GradOutput, p.OutputLength),
                p.Batch, p.OutChannels, p.OutputHeight, p.OutputWidth);
            x.requires_grad_(true);
            w.requires_grad_(true);
            b?.requires_grad_(true);

            Tensor padded = nn.functional.pad(x, [p.PadLeft, p.PadRight, p.PadTop, p.PadBottom], ToTorch(p.PaddingMode), 0.0);
            Tensor kernel = p.FlipKernel ? w.flip(2, 3) : w;
            Tensor y = nn.functional.conv2d(padded, kernel, b, strides: [p.StrideH, p.StrideW], padding: [0, 0],
                dilation: [p.DilationH, p.DilationW], groups: p.Groups);

            long[] expectedShape = [p.Batch, p.OutChannels, p.OutputHeight, p.OutputWidth];
            if (!y.shape.SequenceEqual(expectedShape))
                throw new InvalidOperationException(
                    $"{p.Name}: libtorch output shape [{string.Join(", ", y.shape)}] differs from ConvGeometry's [{string.Join(", ", expectedShape)}].");

            y.backward([gy]);
            return new ConvResult(ToArray(y), ToArray(x.grad!), ToArray(w.grad!), b is null ? null : ToArray(b.grad!));
        }

        private static Tensor FromFloats(float[] values, params long[] shape)
            => tensor(Array.ConvertAll(values, v => (double)v), shape, dtype: ScalarType.Float64);

        private static double[] ToArray(Tensor t) => t.detach().contiguous().data<double>().ToArray();

        private static PaddingModes ToTorch(PaddingMode mode) => mode switch
        {
            PaddingMode.Zeros => PaddingModes.Constant,
            PaddingMode.Reflect => PaddingModes.Reflect,
            PaddingMode.Replicate => PaddingModes.Replicate,
            PaddingMode.Circular => PaddingModes.Circular,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown padding mode."),
        };
    }
}
