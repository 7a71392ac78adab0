using System;
using System.Buffers.Binary;
using System.IO;

namespace ConvGen.Tools.ElfWeakVersion
{
    /// <summary>
    /// Rewrites two bytes of a file without ever exposing a half-written file: the file is copied to a temporary file in
    /// the same directory, patched there, flushed, and renamed over the original. The rename also gives the result a new
    /// inode, so a hard link to the original (for example into the NuGet cache) is left untouched.
    /// </summary>
    public static class AtomicPatch
    {
        /// <summary>Replaces the little-endian u16 at <paramref name="offset"/>, which must currently be <paramref name="expected"/>.</summary>
        /// <exception cref="InvalidDataException">The bytes at <paramref name="offset"/> are not <paramref name="expected"/>.</exception>
        public static void WriteUInt16(string path, long offset, ushort expected, ushort value)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
            try
            {
                File.Copy(path, temp, overwrite: true);
                using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    Span<byte> bytes = stackalloc byte[2];
                    stream.Position = offset;
                    stream.ReadExactly(bytes);
                    ushort actual = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
                    if (actual != expected)
                        throw new InvalidDataException($"Expected 0x{expected:x4} at offset {offset} of {path} but found 0x{actual:x4}.");
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
                    stream.Position = offset;
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }
}
