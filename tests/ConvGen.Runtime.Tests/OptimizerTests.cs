using System;
using ConvGen.Optimizers;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    /// <summary>
    /// Three steps on L(p) = Σ c·p² − p₁ with c = (1, 0.25, −1.5), from p = (1, −2, 0.5), so the gradient
    /// (2p₀, 0.5p₁ − 1, −3p₂) changes every step. The expected values are torch.optim.SGD / torch.optim.Adam
    /// (libtorch 2.10 via TorchSharp 0.107, float64) on the same problem.
    /// </summary>
    public class OptimizerTests
    {
        private static void Run(Func<Parameter[], Optimizer> make, float[][] expected, double tolerance = 2e-6)
        {
            var p = new Parameter("p", new Tensor(new float[] { 1, -2, 0.5f }, 3), new Tensor(3));
            var optimizer = make([p]);
            for (int step = 0; step < expected.Length; step++)
            {
                optimizer.ZeroGrad();
                var v = p.Value.AsSpan();
                // Accumulate like Backward does, on top of the zeroed gradient.
                p.Grad.AsSpan()[0] += 2 * v[0];
                p.Grad.AsSpan()[1] += 0.5f * v[1] - 1;
                p.Grad.AsSpan()[2] += -3 * v[2];
                optimizer.Step();
                TestData.Equal(expected[step], p.Value.AsSpan(), tolerance);
            }
        }

        [Fact]
        public void Sgd_Plain() => Run(ps => new Sgd(ps, 0.1f), [
            [0.8f, -1.8f, 0.65f], [0.64f, -1.61f, 0.845f], [0.512f, -1.4295f, 1.0985f]]);

        [Fact]
        public void Sgd_Momentum_FirstBufferIsGradient() => Run(ps => new Sgd(ps, 0.1f, momentum: 0.9f), [
            [0.8f, -1.8f, 0.65f], [0.46f, -1.43f, 0.98f], [0.062f, -0.9255f, 1.571f]]);

        [Fact]
        public void Sgd_Nesterov() => Run(ps => new Sgd(ps, 0.1f, momentum: 0.9f, nesterov: true), [
            [0.62f, -1.62f, 0.785f], [0.2224f, -1.1141f, 1.35395f], [-0.108352f, -0.5258505f, 2.4258065f]]);

        [Fact]
        public void Sgd_Dampening_WeightDecay() => Run(ps => new Sgd(ps, 0.05f, momentum: 0.8f, dampening: 0.3f, weightDecay: 0.01f), [
            [0.8995f, -1.899f, 0.57475f], [0.755820175f, -1.74930285f, 0.694697587f], [0.587704366f, -1.56332007f, 0.86335576f]]);

        [Fact]
        public void Sgd_Nesterov_WeightDecay() => Run(ps => new Sgd(ps, 0.1f, momentum: 0.9f, weightDecay: 0.1f, nesterov: true), [
            [0.601f, -1.582f, 0.7755f], [0.191101f, -1.033452f, 1.3202505f], [-0.140468399f, -0.407373272f, 2.33557848f]]);

        [Fact]
        public void Adam_Defaults() => Run(ps => new Adam(ps, 0.1f), [
            [0.9f, -1.9f, 0.599999999f], [0.800412229f, -1.800074f, 0.70006131f], [0.701586273f, -1.70027385f, 0.800294771f]]);

        [Fact]
        public void Adam_WeightDecay_CustomBetas() => Run(ps => new Adam(ps, 0.01f, beta1: 0.8f, beta2: 0.99f, epsilon: 1e-6f, weightDecay: 0.5f), [
            [0.990000004f, -1.99f, 0.509999992f], [0.980005465f, -1.98000179f, 0.520009997f], [0.970020032f, -1.97000654f, 0.530036329f]]);

        [Fact]
        public void ZeroGrad_ClearsEveryGradient_AndStepLeavesGradientsAlone()
        {
            var a = new Parameter("a", new Tensor(new float[] { 1, 2 }, 2), new Tensor(new float[] { 3, 4 }, 2));
            var b = new Parameter("b", new Tensor(1), new Tensor(new float[] { 5 }, 1));
            var sgd = new Sgd([a, b], 0.1f, momentum: 0.5f, weightDecay: 0.1f, nesterov: true);
            sgd.Step();
            Assert.Equal(new float[] { 3, 4 }, a.Grad.ToArray());
            sgd.ZeroGrad();
            Assert.Equal(new float[] { 0, 0 }, a.Grad.ToArray());
            Assert.Equal(new float[] { 0 }, b.Grad.ToArray());
        }

        [Fact]
        public void InvalidSettings_Throw()
        {
            Parameter[] none = [];
            Assert.Throws<ArgumentException>(() => new Sgd(none, 0.1f, nesterov: true));
            Assert.Throws<ArgumentException>(() => new Sgd(none, 0.1f, momentum: 0.9f, dampening: 0.1f, nesterov: true));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(none, -1f));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(none, beta1: 1f));
        }
    }
}
