using System;
using System.Text;

namespace ConvGen
{
    /// <summary>
    /// A dense, row-major float32 tensor (NCHW for images). The data lives in one managed array that
    /// <see cref="AsSpan"/> exposes without copying.
    /// </summary>
    public sealed class Tensor
    {
        private readonly float[] _data;
        private readonly int[] _shape;

        /// <summary>A zero-filled tensor of the given shape.</summary>
        public Tensor(params int[] shape) : this(new float[CheckedLength(shape)], shape) { }

        /// <summary>A tensor that wraps <paramref name="data"/> (no copy); its length must equal the product of <paramref name="shape"/>.</summary>
        public Tensor(float[] data, params int[] shape)
        {
            ArgumentNullException.ThrowIfNull(data);
            long length = CheckedLength(shape);
            if (data.Length != length)
                throw new ArgumentException($"Data of length {data.Length} does not fit shape {Format(shape)} ({length} elements).", nameof(data));
            _data = data;
            _shape = (int[])shape.Clone();
        }

        /// <summary>A tensor holding a copy of <paramref name="data"/>.</summary>
        public static Tensor FromSpan(ReadOnlySpan<float> data, params int[] shape) => new(data.ToArray(), shape);

        /// <summary>The dimensions, outermost first.</summary>
        public ReadOnlySpan<int> Shape => _shape;

        /// <summary>Number of dimensions.</summary>
        public int Rank => _shape.Length;

        /// <summary>Total number of elements.</summary>
        public int Length => _data.Length;

        /// <summary>Size of dimension <paramref name="axis"/> (negative counts from the end).</summary>
        public int Dim(int axis) => _shape[axis < 0 ? axis + _shape.Length : axis];

        /// <summary>The elements, row-major, without copying.</summary>
        public Span<float> AsSpan() => _data;

        /// <summary>The elements as memory, without copying.</summary>
        public Memory<float> AsMemory() => _data;

        /// <summary>A copy of the elements.</summary>
        public float[] ToArray() => (float[])_data.Clone();

        /// <summary>Element access by full index.</summary>
        public float this[params int[] index]
        {
            get => _data[Offset(index)];
            set => _data[Offset(index)] = value;
        }

        /// <summary>A deep copy.</summary>
        public Tensor Clone() => new((float[])_data.Clone(), _shape);

        /// <summary>A tensor sharing this one's data with another shape of the same element count.</summary>
        public Tensor Reshape(params int[] shape)
        {
            if (CheckedLength(shape) != _data.Length)
                throw new ArgumentException($"Cannot reshape {ShapeString} ({_data.Length} elements) to {Format(shape)}.", nameof(shape));
            return new Tensor(_data, shape);
        }

        /// <summary>Sets every element to zero.</summary>
        public void Clear() => Array.Clear(_data);

        /// <summary>True when both shapes are equal.</summary>
        public bool HasShape(ReadOnlySpan<int> shape) => shape.SequenceEqual(_shape);

        /// <summary>The shape as text, e.g. <c>[2, 3, 28, 28]</c>.</summary>
        public string ShapeString => Format(_shape);

        /// <inheritdoc />
        public override string ToString() => $"Tensor{ShapeString}";

        /// <summary>Formats a shape as <c>[a, b, c]</c>.</summary>
        public static string Format(ReadOnlySpan<int> shape)
        {
            var sb = new StringBuilder("[");
            for (int i = 0; i < shape.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(shape[i]);
            }
            return sb.Append(']').ToString();
        }

        private int Offset(int[] index)
        {
            if (index.Length != _shape.Length)
                throw new ArgumentException($"Index of rank {index.Length} for a tensor of shape {ShapeString}.", nameof(index));
            int offset = 0;
            for (int i = 0; i < index.Length; i++)
            {
                if ((uint)index[i] >= (uint)_shape[i])
                    throw new IndexOutOfRangeException($"Index {index[i]} out of range for dimension {i} of shape {ShapeString}.");
                offset = offset * _shape[i] + index[i];
            }
            return offset;
        }

        private static int CheckedLength(int[] shape)
        {
            ArgumentNullException.ThrowIfNull(shape);
            long length = 1;
            foreach (int d in shape)
            {
                if (d < 0) throw new ArgumentException($"Negative dimension in shape {Format(shape)}.", nameof(shape));
                length *= d;
                if (length > Array.MaxLength) throw new ArgumentException($"Shape {Format(shape)} is too large.", nameof(shape));
            }
            return (int)length;
        }
    }
}
