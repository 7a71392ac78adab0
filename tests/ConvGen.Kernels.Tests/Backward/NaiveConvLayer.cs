using System;
using System.Collections.Generic;
using ConvGen.Kernels;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>The naive reference kernels as an <see cref="ILayer"/>, so the reference backward can be finite-difference checked.</summary>
    internal sealed class NaiveConvLayer : ILayer
    {
        private readonly ConvGeometry _g;
        private Tensor? _input;

        public NaiveConvLayer(ConvGeometry g, Random random)
        {
            _g = g;
            var weight = new Tensor(g.WeightShape);
            var bias = new Tensor(g.OutChannels);
            Rng.InitLikePyTorch(random, weight, g.HasBias ? bias : null, g.InChannelsPerGroup * g.K1 * g.K2);
            var list = new List<Parameter> { new("weight", weight, new Tensor(g.WeightShape)) };
            if (g.HasBias) list.Add(new Parameter("bias", bias, new Tensor(g.OutChannels)));
            Parameters = list;
        }

        public IReadOnlyList<Parameter> Parameters { get; }

        public Tensor Forward(Tensor input)
        {
            _input = input;
            int n = input.Dim(0), h = input.Dim(2), w = input.Dim(3);
            var y = new Tensor(n, _g.OutChannels, _g.OutputHeight(h), _g.OutputWidth(w));
            NaiveConv2d.Forward(_g, input.AsSpan(), Parameters[0].Value.AsSpan(), _g.HasBias ? Parameters[1].Value.AsSpan() : default, y.AsSpan(), n, h, w);
            return y;
        }

        public Tensor Backward(Tensor gradOutput)
        {
            Tensor x = _input ?? throw new InvalidOperationException("Backward before Forward.");
            int n = x.Dim(0), h = x.Dim(2), w = x.Dim(3);
            var gx = new Tensor(x.Shape.ToArray());
            NaiveConv2d.BackwardInput(_g, gradOutput.AsSpan(), Parameters[0].Value.AsSpan(), gx.AsSpan(), n, h, w);
            NaiveConv2d.BackwardWeight(_g, x.AsSpan(), gradOutput.AsSpan(), Parameters[0].Grad.AsSpan(),
                _g.HasBias ? Parameters[1].Grad.AsSpan() : default, n, h, w);
            return gx;
        }
    }
}
