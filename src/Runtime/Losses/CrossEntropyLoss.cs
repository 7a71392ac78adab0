using System;
using System.Numerics.Tensors;

namespace ConvGen.Losses
{
    /// <summary>
    /// Softmax cross-entropy on raw scores (PyTorch's <c>nn.CrossEntropyLoss</c>, mean reduction):
    /// <c>loss = mean_n(logsumexp(z_n) − z_n[label_n])</c>. The log-sum-exp subtracts the row maximum first, so logits of
    /// any magnitude (±1e4 and beyond) give finite results. The gradient is the fused <c>(softmax(z) − onehot) / N</c>.
    /// </summary>
    public sealed class CrossEntropyLoss : IClassificationLoss
    {
        private Tensor? _grad;
        private readonly Layers.ReusableTensor _gradBuffer = new() { Enabled = true };   // internal: never handed out

        /// <inheritdoc />
        public float Forward(Tensor logits, ReadOnlySpan<int> labels)
        {
            ArgumentNullException.ThrowIfNull(logits);
            if (logits.Rank != 2)
                throw new ArgumentException($"{nameof(CrossEntropyLoss)} expects logits of rank 2 [N, C], got shape {logits.ShapeString}.", nameof(logits));
            int n = logits.Dim(0), c = logits.Dim(1);
            if (labels.Length != n)
                throw new ArgumentException($"{nameof(CrossEntropyLoss)} got {labels.Length} labels for logits of shape {logits.ShapeString} (expected {n}).", nameof(labels));
            if (n == 0) throw new ArgumentException($"{nameof(CrossEntropyLoss)} needs at least one example, got logits of shape {logits.ShapeString}.", nameof(logits));
            for (int i = 0; i < n; i++)
                if ((uint)labels[i] >= (uint)c)
                    throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label {labels[i]} at position {i} is outside [0, {c}).");

            Tensor grad = _gradBuffer.Get([n, c], logits);   // every element is written below
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<float> z = logits.AsSpan().Slice(i * c, c);
                Span<float> p = grad.AsSpan().Slice(i * c, c);
                float max = TensorPrimitives.Max(z);
                TensorPrimitives.Subtract(z, max, p);       // z − max ≤ 0, so exp never overflows
                TensorPrimitives.Exp(p, p);
                float sum = TensorPrimitives.Sum(p);        // ≥ 1: the max term is exp(0)
                total += Math.Log(sum) + max - z[labels[i]];
                TensorPrimitives.Divide(p, sum * n, p);     // softmax / N
                p[labels[i]] -= 1f / n;                     // − onehot / N
            }
            _grad = grad;
            return (float)(total / n);
        }

        /// <summary>dLoss/dLogits of the last <see cref="Forward"/>: a new tensor the caller owns.</summary>
        public Tensor Backward() => _grad is null ? throw new InvalidOperationException($"{nameof(CrossEntropyLoss)}.Backward was called before Forward.") : _grad.Clone();   // a copy the caller owns: it survives later Forward and Backward calls
    }
}
