using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime;
using ConvGen.Benchmarks.Generated;
using ConvGen.Kernels;
using ConvGen.Layers;
using ConvGen.Losses;
using ConvGen.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Benchmarks.LeNet
{
    using TTensor = TorchSharp.torch.Tensor;

    /// <summary>Images/s of one LeNet-5 training step at one thread count, for ConvGen and libtorch, and the cross-check.</summary>
    /// <param name="Threads">Threads both engines may use.</param>
    /// <param name="ConvGenMedian">ConvGen, median of the timed blocks.</param>
    /// <param name="ConvGenBest">ConvGen, best block.</param>
    /// <param name="TorchMedian">libtorch, median of the timed blocks.</param>
    /// <param name="TorchBest">libtorch, best block.</param>
    /// <param name="ConvGenBytesPerStep">Managed bytes ConvGen allocates per step (all threads).</param>
    /// <param name="FirstLoss">Loss of the first step (same weights and batch in both).</param>
    /// <param name="MaxLossDifference">Largest |loss difference| over the cross-check steps.</param>
    /// <param name="ConvGenLastLoss">ConvGen's loss after the cross-check steps.</param>
    /// <param name="TorchLastLoss">libtorch's loss after the cross-check steps.</param>
    public sealed record LeNetStepResult(int Threads, double ConvGenMedian, double ConvGenBest, double TorchMedian, double TorchBest,
        double ConvGenBytesPerStep, double FirstLoss, double MaxLossDifference, double ConvGenLastLoss, double TorchLastLoss)
    {
        /// <summary>ConvGen's step split by layer: (name, microseconds per step), filled by the child process.</summary>
        public IReadOnlyList<(string Name, double Microseconds)> Breakdown { get; init; } = [];

        private const string BreakdownTag = "LENET-BREAKDOWN";

        /// <summary>The breakdown line.</summary>
        public string SerializeBreakdown() => BreakdownTag + " " + string.Join(' ', Breakdown.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Name}={b.Microseconds:F1}")));

        /// <summary>Parses <see cref="SerializeBreakdown"/>'s line, or null.</summary>
        public static List<(string, double)>? ParseBreakdown(string line)
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0 || f[0] != BreakdownTag) return null;
            return f.Skip(1).Select(x => x.Split('=')).Select(kv => (kv[0], double.Parse(kv[1], CultureInfo.InvariantCulture))).ToList();
        }

        private const string Tag = "LENET-RESULT";

        /// <summary>One line for the parent process to parse.</summary>
        public string Serialize() => string.Join(' ', new object[] { Tag, Threads, ConvGenMedian, ConvGenBest, TorchMedian, TorchBest,
            ConvGenBytesPerStep, FirstLoss, MaxLossDifference, ConvGenLastLoss, TorchLastLoss }.Select(o => Convert.ToString(o, CultureInfo.InvariantCulture)));

        /// <summary>Parses <see cref="Serialize"/>'s line, or null.</summary>
        public static LeNetStepResult? Parse(string line)
        {
            string[] f = line.Split(' ');
            if (f.Length != 11 || f[0] != Tag) return null;
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new(int.Parse(f[1], CultureInfo.InvariantCulture), D(2), D(3), D(4), D(5), D(6), D(7), D(8), D(9), D(10));
        }
    }

    /// <summary>
    /// End to end: one LeNet-5 training step at batch 64 (zero gradients, forward, cross-entropy, backward, SGD with momentum
    /// 0.9), built as samples/LeNet/Model.cs builds it (generated C1/C3, runtime ReLU, MaxPool2d, Flatten, Linear,
    /// CrossEntropyLoss, Sgd), against the same network in TorchSharp float32 at the same thread count. Both start from the
    /// same weights and train on the same batch; their losses over the first steps are compared as a sanity check.
    /// Runs in a child process per thread count (see <see cref="LeNetBench"/>) so everything that sizes itself by
    /// Environment.ProcessorCount (ParallelRunner.MaxThreads' default, which the runtime layers' loops use; the GC) sees the count.
    /// </summary>
    public static class LeNetStep
    {
        /// <summary>Batch size.</summary>
        public const int Batch = 64;
        private const float LearningRate = 0.01f;
        private const int CheckSteps = 10;

        /// <summary>Measures at <paramref name="threads"/> threads.</summary>
        public static LeNetStepResult Measure(int threads, double secondsPerEngine = 3)
        {
            ParallelRunner.MaxThreads = threads;
            torch.set_num_threads(threads);
            var random = new Random(7);
            float[] images = new float[Batch * 28 * 28];
            for (int i = 0; i < images.Length; i++) images[i] = (float)random.NextDouble();
            int[] labels = new int[Batch];
            for (int i = 0; i < Batch; i++) labels[i] = random.Next(10);

            // ConvGen network, as samples/LeNet/Model.cs.
            Rng.ManualSeed(1);
            var net = new Sequential(
                ("c1", new LeNetC1()), ("relu1", new ReLU()), ("s2", new MaxPool2d(2)),
                ("c3", new LeNetC3()), ("relu3", new ReLU()), ("s4", new MaxPool2d(2)),
                ("flatten", new Flatten()),
                ("f5", new Linear(400, 120)), ("relu5", new ReLU()),
                ("f6", new Linear(120, 84)), ("relu6", new ReLU()),
                ("output", new Linear(84, 10)));
            // The images need no gradient, as in libtorch, where the input tensor does not require grad: c1 skips dL/dx.
            net.SetInputGradientRequired(false);
            var sgd = new Sgd(net.Parameters, LearningRate, momentum: 0.9f);
            var loss = new CrossEntropyLoss();
            var x = new Tensor(images, Batch, 1, 28, 28);

            // The same network in libtorch, with ConvGen's initial weights.
            var tnet = nn.Sequential(
                ("c1", nn.Conv2d(1, 6, 5, padding: 2)), ("relu1", nn.ReLU()), ("s2", nn.MaxPool2d(2)),
                ("c3", nn.Conv2d(6, 16, 5)), ("relu3", nn.ReLU()), ("s4", nn.MaxPool2d(2)),
                ("flatten", nn.Flatten()),
                ("f5", nn.Linear(400, 120)), ("relu5", nn.ReLU()),
                ("f6", nn.Linear(120, 84)), ("relu6", nn.ReLU()),
                ("output", nn.Linear(84, 10)));
            var tparams = tnet.parameters().ToList();
            if (tparams.Count != net.Parameters.Count) throw new InvalidOperationException("Parameter lists differ.");
            using (no_grad())
                for (int i = 0; i < tparams.Count; i++)
                {
                    var p = net.Parameters[i].Value;
                    if (p.Length != tparams[i].numel()) throw new InvalidOperationException($"Parameter {i} differs in size.");
                    using var src = tensor(p.ToArray(), tparams[i].shape, ScalarType.Float32);
                    tparams[i].copy_(src);
                }
            var tsgd = optim.SGD(tnet.parameters(), LearningRate, momentum: 0.9);
            var tloss = nn.CrossEntropyLoss();
            using var tx = tensor(images, [Batch, 1, 28, 28], ScalarType.Float32);
            using var ty = tensor(labels.Select(l => (long)l).ToArray(), [Batch], ScalarType.Int64);

            float ConvGenStep()
            {
                sgd.ZeroGrad();
                Tensor logits = net.Forward(x);
                float l = loss.Forward(logits, labels);
                net.Backward(loss.Backward());
                sgd.Step();
                return l;
            }
            float TorchStep()
            {
                using var scope = NewDisposeScope();
                tsgd.zero_grad();
                TTensor l = tloss.forward(tnet.forward(tx), ty);
                l.backward();
                tsgd.step();
                return l.item<float>();
            }

            // Cross-check: same weights, same batch, same optimizer: the losses must follow each other.
            double first = 0, maxDiff = 0, lastC = 0, lastT = 0;
            for (int s = 0; s < CheckSteps; s++)
            {
                lastC = ConvGenStep();
                lastT = TorchStep();
                if (s == 0) first = lastC;
                maxDiff = Math.Max(maxDiff, Math.Abs(lastC - lastT));
            }

            var (cMed, cBest) = Time(() => ConvGenStep(), secondsPerEngine);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            const int allocSteps = 20;
            for (int s = 0; s < allocSteps; s++) ConvGenStep();
            double bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)allocSteps;
            var (tMed, tBest) = Time(() => TorchStep(), secondsPerEngine);
            return new LeNetStepResult(threads, cMed, cBest, tMed, tBest, bytes, first, maxDiff, lastC, lastT)
            {
                Breakdown = Breakdown(net, sgd, loss, x, labels),
            };
        }

        /// <summary>Where ConvGen's step goes: each layer's forward and backward, the loss, zero-grad and the SGD step, in microseconds per step.</summary>
        private static List<(string Name, double Microseconds)> Breakdown(Sequential net, Sgd sgd, CrossEntropyLoss loss, Tensor x, int[] labels)
        {
            const int steps = 40;
            var layers = net.Layers;
            var forward = new double[layers.Count];
            var backward = new double[layers.Count];
            double zero = 0, lossTime = 0, step = 0;
            long t;
            double Us(long start) => (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;
            for (int s = 0; s < steps; s++)
            {
                t = Stopwatch.GetTimestamp(); sgd.ZeroGrad(); zero += Us(t);
                Tensor h = x;
                for (int i = 0; i < layers.Count; i++) { t = Stopwatch.GetTimestamp(); h = layers[i].Layer.Forward(h); forward[i] += Us(t); }
                t = Stopwatch.GetTimestamp(); loss.Forward(h, labels); Tensor g = loss.Backward(); lossTime += Us(t);
                for (int i = layers.Count - 1; i >= 0; i--) { t = Stopwatch.GetTimestamp(); g = layers[i].Layer.Backward(g); backward[i] += Us(t); }
                t = Stopwatch.GetTimestamp(); sgd.Step(); step += Us(t);
            }
            var result = new List<(string, double)> { ("zero_grad", zero / steps) };
            for (int i = 0; i < layers.Count; i++) result.Add((layers[i].Name + ".fwd", forward[i] / steps));
            result.Add(("loss", lossTime / steps));
            for (int i = layers.Count - 1; i >= 0; i--) result.Add((layers[i].Name + ".bwd", backward[i] / steps));
            result.Add(("sgd_step", step / steps));
            return result;
        }

        /// <summary>Images/s: warm-up until the JIT has settled, then blocks of steps; median and best block.</summary>
        private static (double Median, double Best) Time(Action step, double seconds)
        {
            WarmUp(step, seconds * 0.25);
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < 10; s++) step();
            double perStep = clock.Elapsed.TotalSeconds / 10;   // sized on warm code, not on the warm-up's tier-0 steps
            int stepsPerBlock = Math.Max(5, (int)(seconds * 0.75 / 7 / perStep));
            var rates = new List<double>();
            for (int b = 0; b < 7; b++)
            {
                clock.Restart();
                for (int s = 0; s < stepsPerBlock; s++) step();
                rates.Add(stepsPerBlock * Batch / clock.Elapsed.TotalSeconds);
            }
            rates.Sort();
            return (rates[rates.Count / 2], rates[^1]);
        }

        /// <summary>
        /// Runs steps until no method has been JIT-compiled for <see cref="JitQuietSeconds"/> (and at least 30 steps and
        /// <paramref name="minimumSeconds"/>). A fixed warm-up is not enough at one thread: when the runtime sees a single
        /// processor (DOTNET_PROCESSOR_COUNT=1) it multiplies tiered compilation's call-counting delay by 10
        /// (TC_DelaySingleProcMultiplier: 100 ms becomes 1 s, restarted by every newly jitted method), so the old 0.75 s
        /// warm-up left the 1-thread ConvGen step timed mostly in tier-0 code (measured: ~4x slower steps for the first ~5 s).
        /// </summary>
        private static void WarmUp(Action step, double minimumSeconds)
        {
            const double maximumSeconds = 30;
            var clock = Stopwatch.StartNew();
            long compiled = JitInfo.GetCompiledMethodCount();
            double lastCompile = 0;
            int steps = 0;
            while (steps < 30 || clock.Elapsed.TotalSeconds < minimumSeconds
                || (clock.Elapsed.TotalSeconds - lastCompile < JitQuietSeconds && clock.Elapsed.TotalSeconds < maximumSeconds))
            {
                step();
                steps++;
                long now = JitInfo.GetCompiledMethodCount();
                if (now != compiled)
                {
                    compiled = now;
                    lastCompile = clock.Elapsed.TotalSeconds;
                }
            }
        }

        /// <summary>Longer than the single-processor call-counting delay (1 s) plus a tier-1 compile.</summary>
        private const double JitQuietSeconds = 2.5;
    }
}
