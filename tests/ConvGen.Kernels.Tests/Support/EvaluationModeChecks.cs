using System;
using System.Linq;
using Xunit;

namespace ConvGen.Kernels.Tests.Support
{
    /// <summary>Checks for layers whose evaluation-mode forward keeps nothing for Backward (PyTorch's no_grad).</summary>
    internal static class EvaluationModeChecks
    {
        /// <summary>
        /// Evaluation-mode forward of <paramref name="x"/> against the reference (shape <paramref name="outShape"/>), Backward then
        /// refused; a training-mode forward and an exact Backward on the same instance; and evaluation mode again on new data
        /// (seed 8), after training mode re-laid the scratch buffers.
        /// </summary>
        public static void AssertEvaluationTrainingEvaluation(ILayer layer, ConvGeometry g, Tensor x, int[] outShape, double tolerance)
        {
            layer.SetTraining(false);
            Tensor y = layer.Forward(x);
            Assert.Equal(outShape, y.Shape.ToArray());
            Assert.InRange(TestData.RelativeError(y.AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, tolerance);
            Tensor gy = TestData.Random(4, y.Shape.ToArray());
            var error = Assert.Throws<InvalidOperationException>(() => layer.Backward(gy));
            Assert.Contains("evaluation mode", error.Message);

            layer.SetTraining(true);
            y = layer.Forward(x);
            Assert.InRange(TestData.RelativeError(y.AsSpan(), ConvReference.Forward(g, layer, x).AsSpan()), 0, tolerance);
            ConvReference.AssertBackwardMatches(layer, g, x, gy, layer.Backward(gy), tolerance);

            layer.SetTraining(false);
            Tensor x2 = TestData.Random(8, x.Shape.ToArray());
            Assert.InRange(TestData.RelativeError(layer.Forward(x2).AsSpan(), ConvReference.Forward(g, layer, x2).AsSpan()), 0, tolerance);
        }
    }
}
