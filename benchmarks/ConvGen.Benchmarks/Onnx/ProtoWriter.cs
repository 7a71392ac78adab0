using System;
using System.IO;
using System.Text;

namespace ConvGen.Benchmarks.Onnx
{
    /// <summary>
    /// The few protobuf wire-format primitives needed to write an ONNX model by hand (there is no onnx package here):
    /// varints (wire type 0), and length-delimited fields (wire type 2) for strings, bytes, packed arrays and nested messages.
    /// Field numbers are those of onnx.proto; see <see cref="OnnxConvModel"/>.
    /// </summary>
    public sealed class ProtoWriter
    {
        private readonly MemoryStream _buffer = new();

        /// <summary>The bytes written so far.</summary>
        public byte[] ToArray() => _buffer.ToArray();

        /// <summary>An int64/int32/enum field.</summary>
        public ProtoWriter Varint(int field, long value)
        {
            Tag(field, 0);
            WriteVarint((ulong)value);
            return this;
        }

        /// <summary>A string field (UTF-8).</summary>
        public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        /// <summary>A bytes field.</summary>
        public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
        {
            Tag(field, 2);
            WriteVarint((ulong)value.Length);
            _buffer.Write(value);
            return this;
        }

        /// <summary>A nested message field.</summary>
        public ProtoWriter Message(int field, Action<ProtoWriter> build)
        {
            var inner = new ProtoWriter();
            build(inner);
            return Bytes(field, inner.ToArray());
        }

        /// <summary>A repeated int64 field, packed (one length-delimited run of varints).</summary>
        public ProtoWriter PackedVarints(int field, ReadOnlySpan<long> values)
        {
            var inner = new ProtoWriter();
            foreach (long v in values) inner.WriteVarint((ulong)v);
            return Bytes(field, inner.ToArray());
        }

        private void Tag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _buffer.WriteByte((byte)value);
        }
    }
}
