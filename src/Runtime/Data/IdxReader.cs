using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ConvGen.Data
{
    /// <summary>
    /// Reads the IDX files MNIST is distributed in, raw or gzip-compressed (detected from the content, not the name).
    /// Format: big-endian magic <c>0x00 0x00 type rank</c> (type 0x08 = unsigned byte), then <c>rank</c> big-endian
    /// 32-bit sizes, then the bytes. Images are rank 3 (<c>0x00000803</c>), labels rank 1 (<c>0x00000801</c>).
    /// Anything else (wrong magic, truncated data, trailing bytes) throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static class IdxReader
    {
        /// <summary>Magic number of an IDX file of unsigned-byte images, <c>[count, rows, columns]</c>.</summary>
        public const int ImagesMagic = 0x00000803;
        /// <summary>Magic number of an IDX file of unsigned-byte labels, <c>[count]</c>.</summary>
        public const int LabelsMagic = 0x00000801;

        /// <summary>Reads an image file: returns the pixels (count*rows*columns bytes, row-major) and the three sizes.</summary>
        public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(string path)
        {
            using var stream = File.OpenRead(path);
            return ReadImages(stream, path);
        }

        /// <summary>Reads an image file from <paramref name="stream"/>; <paramref name="source"/> names it in error messages.</summary>
        public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(Stream stream, string source = "stream")
        {
            var (dims, data) = Read(stream, source, ImagesMagic);
            return (data, dims[0], dims[1], dims[2]);
        }

        /// <summary>Reads a label file.</summary>
        public static byte[] ReadLabels(string path)
        {
            using var stream = File.OpenRead(path);
            return ReadLabels(stream, path);
        }

        /// <summary>Reads a label file from <paramref name="stream"/>; <paramref name="source"/> names it in error messages.</summary>
        public static byte[] ReadLabels(Stream stream, string source = "stream") => Read(stream, source, LabelsMagic).Data;

        private static (int[] Dims, byte[] Data) Read(Stream stream, string source, int expectedMagic)
        {
            ArgumentNullException.ThrowIfNull(stream);
            byte[] bytes = ReadAllDecompressed(stream, source);
            if (bytes.Length < 4)
                throw new InvalidDataException($"IDX file '{source}' is {bytes.Length} bytes long, too short for a header.");
            int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
            if (magic != expectedMagic)
                throw new InvalidDataException($"IDX file '{source}' has magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} ({(expectedMagic == ImagesMagic ? "images" : "labels")}).");
            int rank = expectedMagic & 0xFF;
            int headerLength = 4 + 4 * rank;
            if (bytes.Length < headerLength)
                throw new InvalidDataException($"IDX file '{source}' is truncated inside its header ({bytes.Length} of {headerLength} bytes).");
            var dims = new int[rank];
            long expected = 1;
            for (int i = 0; i < rank; i++)
            {
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
                if (dims[i] < 0) throw new InvalidDataException($"IDX file '{source}' declares a negative size {dims[i]} for dimension {i}.");
                expected *= dims[i];
            }
            long actual = bytes.Length - headerLength;
            if (actual != expected)
                throw new InvalidDataException($"IDX file '{source}' declares {Tensor.Format(dims)} = {expected} bytes of data but holds {actual}" +
                    (actual < expected ? " (truncated)." : " (trailing bytes)."));
            return (dims, bytes.AsSpan(headerLength).ToArray());
        }

        private static byte[] ReadAllDecompressed(Stream stream, string source)
        {
            var raw = new MemoryStream();
            stream.CopyTo(raw);
            byte[] bytes = raw.ToArray();
            if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B) return bytes;   // not gzip: raw IDX
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                var decompressed = new MemoryStream();
                gzip.CopyTo(decompressed);
                return decompressed.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"IDX file '{source}' is gzip-compressed but corrupt: {e.Message}", e);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"IDX file '{source}' is gzip-compressed but truncated.", e);
            }
        }
    }
}
