using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ConvGen.Checkpoints
{
    /// <summary>
    /// Parses and validates the safetensors layout in memory: 8-byte little-endian header length, a JSON object mapping
    /// names to <c>{"dtype", "shape", "data_offsets"}</c> (plus an optional <c>"__metadata__"</c> map of strings), then the
    /// raw little-endian tensor bytes. Validation follows the format's rules: offsets in order, contiguous, non-overlapping,
    /// covering the data exactly, and matching each shape's byte size.
    /// </summary>
    internal sealed class SafeTensorsFile
    {
        private const long MaxHeaderLength = 100_000_000;

        private SafeTensorsFile(byte[] bytes, long dataStart, List<SafeTensorsEntry> entries, Dictionary<string, string> metadata)
        {
            _bytes = bytes;
            _dataStart = dataStart;
            Entries = entries;
            Metadata = metadata;
        }

        private readonly byte[] _bytes;
        private readonly long _dataStart;

        /// <summary>The tensors in header order.</summary>
        public List<SafeTensorsEntry> Entries { get; }

        /// <summary>The <c>__metadata__</c> strings (empty when absent).</summary>
        public Dictionary<string, string> Metadata { get; }

        /// <summary>Parses <paramref name="bytes"/>; <paramref name="source"/> names the file in errors.</summary>
        public static SafeTensorsFile Parse(byte[] bytes, string source)
        {
            if (bytes.Length < 8)
                throw Corrupt(source, $"it is {bytes.Length} bytes long, shorter than the 8-byte header length");
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            if (headerLength > MaxHeaderLength || (long)headerLength > bytes.Length - 8)
                throw Corrupt(source, $"the header claims {headerLength} bytes but the file holds {bytes.Length - 8} after the length (truncated or not safetensors)");
            long dataStart = 8 + (long)headerLength;

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            }
            catch (JsonException e)
            {
                throw Corrupt(source, $"the header is not valid JSON ({e.Message})", e);
            }

            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw Corrupt(source, "the header is not a JSON object");
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!names.Add(property.Name)) throw Corrupt(source, $"the header names '{property.Name}' twice");
                    if (property.Name == "__metadata__")
                        ReadMetadata(property.Value, metadata, source);
                    else
                        entries.Add(ReadEntry(property.Name, property.Value, source));
                }
            }

            long dataLength = bytes.Length - dataStart;
            var byOffset = new List<SafeTensorsEntry>(entries);
            byOffset.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            long expectedBegin = 0;
            foreach (var e in byOffset)
            {
                if (e.Begin != expectedBegin)
                    throw Corrupt(source, $"tensor '{e.Name}' starts at byte {e.Begin}, expected {expectedBegin} (tensors must be contiguous and not overlap)");
                expectedBegin = e.End;
            }
            if (expectedBegin != dataLength)
                throw Corrupt(source, $"the tensors cover {expectedBegin} bytes but the file holds {dataLength} data bytes" + (dataLength < expectedBegin ? " (truncated)" : ""));
            return new SafeTensorsFile(bytes, dataStart, entries, metadata);
        }

        /// <summary>Copies the little-endian floats of <paramref name="entry"/> into <paramref name="destination"/>.</summary>
        public void CopyF32(SafeTensorsEntry entry, Span<float> destination)
        {
            ReadOnlySpan<byte> raw = _bytes.AsSpan((int)(_dataStart + entry.Begin), (int)(entry.End - entry.Begin));
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, float>(raw).CopyTo(destination);
            }
            else
            {
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(4 * i));
            }
        }

        /// <summary>Bytes per element of the dtypes safetensors defines, or 0 when unknown.</summary>
        public static int ElementSize(string dtype) => dtype switch
        {
            "F64" or "I64" or "U64" => 8,
            "F32" or "I32" or "U32" => 4,
            "F16" or "BF16" or "I16" or "U16" => 2,
            "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" => 1,
            _ => 0,
        };

        /// <summary>The exception for a file that is not a valid safetensors file.</summary>
        public static InvalidDataException Corrupt(string source, string reason, Exception? inner = null)
            => new($"'{source}' is not a valid safetensors file: {reason}.", inner);

        private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
        {
            if (value.ValueKind != JsonValueKind.Object) throw Corrupt(source, "__metadata__ is not an object");
            foreach (var item in value.EnumerateObject())
            {
                if (item.Value.ValueKind != JsonValueKind.String) throw Corrupt(source, $"__metadata__ value '{item.Name}' is not a string");
                metadata[item.Name] = item.Value.GetString()!;
            }
        }

        private static SafeTensorsEntry ReadEntry(string name, JsonElement value, string source)
        {
            if (value.ValueKind != JsonValueKind.Object) throw Corrupt(source, $"entry '{name}' is not an object");
            if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
                throw Corrupt(source, $"entry '{name}' has no string 'dtype'");
            if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
                throw Corrupt(source, $"entry '{name}' has no array 'shape'");
            if (!value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2)
                throw Corrupt(source, $"entry '{name}' has no two-element 'data_offsets'");

            string dtype = dtypeElement.GetString()!;
            int elementSize = ElementSize(dtype);
            if (elementSize == 0) throw Corrupt(source, $"entry '{name}' has unknown dtype '{dtype}'");

            var shape = new int[shapeElement.GetArrayLength()];
            long elements = 1;
            int i = 0;
            foreach (var d in shapeElement.EnumerateArray())
            {
                if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int size) || size < 0)
                    throw Corrupt(source, $"entry '{name}' has an invalid dimension {d.GetRawText()}");
                shape[i++] = size;
                elements *= size;
                if (elements > int.MaxValue) throw Corrupt(source, $"entry '{name}' is too large");
            }

            long begin = Offset(offsetsElement[0], name, source), end = Offset(offsetsElement[1], name, source);
            if (end < begin) throw Corrupt(source, $"entry '{name}' ends (byte {end}) before it begins (byte {begin})");
            if (end - begin != elements * elementSize)
                throw Corrupt(source, $"entry '{name}' of shape {Tensor.Format(shape)} and dtype {dtype} needs {elements * elementSize} bytes but its offsets span {end - begin}");
            return new SafeTensorsEntry(name, dtype, shape, begin, end);
        }

        private static long Offset(JsonElement element, string name, string source)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long value) || value < 0)
                throw Corrupt(source, $"entry '{name}' has an invalid data offset {element.GetRawText()}");
            return value;
        }

        /// <summary>Serialises a header with <see cref="Utf8JsonWriter"/> (no reflection), padded with spaces to a multiple of 8 bytes.</summary>
        public static byte[] WriteHeader(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                if (metadata is { Count: > 0 })
                {
                    json.WriteStartObject("__metadata__");
                    foreach (var (key, value) in metadata) json.WriteString(key, value);
                    json.WriteEndObject();
                }
                foreach (var e in entries)
                {
                    json.WriteStartObject(e.Name);
                    json.WriteString("dtype", e.DType);
                    json.WriteStartArray("shape");
                    foreach (int d in e.Shape) json.WriteNumberValue(d);
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(e.Begin);
                    json.WriteNumberValue(e.End);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            // The reference implementation aligns the data to 8 bytes by padding the header with spaces.
            while (buffer.Length % 8 != 0) buffer.WriteByte((byte)' ');
            return buffer.ToArray();
        }
    }
}
