using System;

namespace ConvGen.Layers
{
    /// <summary>
    /// One output or gradient buffer a layer keeps across calls. Training calls every layer with the same shapes step after
    /// step; allocating fresh tensors each time made ~8 MB of garbage per LeNet-5 step, and since activations live from
    /// forward to backward they survived gen0 and the GC copied them into gen1 (about one gen1 collection per step).
    /// Keeping the buffer makes the steady-state step allocation-free. It is opt-in (<see cref="Enabled"/>), because a kept
    /// tensor is overwritten by the layer's next call of the same kind: code that holds two results of one layer (the
    /// equivariance sample compares y and the output for a shifted input) would silently compare a tensor with itself.
    /// </summary>
    internal sealed class ReusableTensor
    {
        private Tensor? _tensor;

        /// <summary>Off (the default): every call returns a new tensor. See <see cref="ILayer.EnableBufferReuse"/>.</summary>
        public bool Enabled
        {
            get;
            set
            {
                field = value;
                if (!value) _tensor = null;   // what was handed out stays the caller's
            }
        }

        /// <summary>
        /// A tensor of <paramref name="shape"/>: the kept one when its shape matches and it shares no memory with
        /// <paramref name="source"/> (a layer must never write over what it is reading), otherwise a new zero-filled one,
        /// kept from then on. A kept tensor still holds the previous call's values; callers that accumulate clear it first.
        /// </summary>
        public Tensor Get(ReadOnlySpan<int> shape, Tensor source)
        {
            if (!Enabled) return new Tensor(shape.ToArray());
            Tensor? kept = _tensor;
            if (kept is null || !kept.HasShape(shape) || kept.AsSpan().Overlaps(source.AsSpan()))
                _tensor = kept = new Tensor(shape.ToArray());
            return kept;
        }

        /// <summary>Like <see cref="Get"/>, but every element is zero.</summary>
        public Tensor GetZeroed(ReadOnlySpan<int> shape, Tensor source)
        {
            Tensor? before = _tensor;
            Tensor t = Get(shape, source);
            if (ReferenceEquals(t, before)) t.Clear();
            return t;
        }
    }
}
