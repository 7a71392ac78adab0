using System;
using System.Numerics.Tensors;

namespace ConvGen.Losses
{
    /// <summary>Mean squared error (PyTorch's <c>nn.MSELoss</c>, mean reduction): <c>mean((y − t)²)</c>, gradient <c>2 (y − t) / count</c>.</summary>
    public sealed class MSELoss
    {
        private Tensor? _grad;
        private readonly Layers.ReusableTensor _gradBuffer = new() { Enabled = true };   // internal: never handed out

        /// <summary>Returns the mean squared difference of two tensors of the same shape.</summary>
        public float Forward(Tensor prediction, Tensor target)
        {
            ArgumentNullException.ThrowIfNull(prediction);
            ArgumentNullException.ThrowIfNull(target);
            if (!prediction.HasShape(target.Shape))
                throw new ArgumentException($"{nameof(MSELoss)} expects target of shape {prediction.ShapeString}, got {target.ShapeString}.", nameof(target));
            if (prediction.Length == 0) throw new ArgumentException($"{nameof(MSELoss)} needs at least one element.", nameof(prediction));
            Tensor diff = _gradBuffer.Get(prediction.Shape, prediction);
            TensorPrimitives.Subtract(prediction.AsSpan(), target.AsSpan(), diff.AsSpan());
            float loss = TensorPrimitives.SumOfSquares<float>(diff.AsSpan()) / diff.Length;
            TensorPrimitives.Multiply(diff.AsSpan(), 2f / diff.Length, diff.AsSpan());
            _grad = diff;
            return loss;
        }

        /// <summary>dLoss/dPrediction of the last <see cref="Forward"/>: a new tensor the caller owns.</summary>
        public Tensor Backward() => _grad is null ? throw new InvalidOperationException($"{nameof(MSELoss)}.Backward was called before Forward.") : _grad.Clone();   // a copy the caller owns: it survives later Forward and Backward calls
    }
}
