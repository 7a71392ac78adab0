using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ConvGen.Tools.ElfWeakVersion.Elf
{
    /// <summary>
    /// Reads a little-endian ELF64 file by random access: only the headers and the small sections asked for are read,
    /// so scanning a 400 MB library costs a few kilobytes of I/O.
    /// </summary>
    public sealed class ElfReader : IDisposable
    {
        private readonly SafeFileHandle _handle;

        /// <summary>Opens <paramref name="path"/> read-only and parses its section header table.</summary>
        /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 object with section headers.</exception>
        public ElfReader(string path)
        {
            Path = path;
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            try
            {
                Sections = ReadSectionHeaders();
            }
            catch
            {
                _handle.Dispose();
                throw;
            }
        }

        /// <summary>The file this reader was opened on.</summary>
        public string Path { get; }

        /// <summary>All sections, in header-table order.</summary>
        public IReadOnlyList<ElfSection> Sections { get; }

        /// <summary>The first section of type <paramref name="type"/>, or null when the file has none.</summary>
        public ElfSection? FindSection(uint type) => Sections.FirstOrDefault(s => s.Type == type);

        /// <summary>The whole content of <paramref name="section"/>.</summary>
        public byte[] ReadSection(ElfSection section) => ReadBytes(section.Offset, checked((int)section.Size));

        /// <summary>The NUL-terminated string at <paramref name="offset"/> inside string table <paramref name="table"/>.</summary>
        public static string ReadString(byte[] table, uint offset)
        {
            if (offset >= table.Length)
                throw new InvalidDataException($"String offset {offset} lies outside a string table of {table.Length} bytes.");
            int end = Array.IndexOf(table, (byte)0, (int)offset);
            if (end < 0) end = table.Length;
            return Encoding.UTF8.GetString(table, (int)offset, end - (int)offset);
        }

        /// <inheritdoc />
        public void Dispose() => _handle.Dispose();

        private byte[] ReadBytes(long offset, int count)
        {
            var buffer = new byte[count];
            int done = 0;
            while (done < count)
            {
                int n = RandomAccess.Read(_handle, buffer.AsSpan(done), offset + done);
                if (n == 0)
                    throw new InvalidDataException($"{Path}: unexpected end of file reading {count} bytes at offset {offset}.");
                done += n;
            }
            return buffer;
        }

        private List<ElfSection> ReadSectionHeaders()
        {
            byte[] ident = ReadBytes(0, 64);
            if (ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
                throw new InvalidDataException($"{Path} is not an ELF file.");
            if (ident[4] != ElfConstants.ElfClass64 || ident[5] != ElfConstants.ElfData2Lsb)
                throw new InvalidDataException($"{Path} is not a little-endian 64-bit ELF file (class {ident[4]}, data {ident[5]}).");

            ReadOnlySpan<byte> header = ident;
            long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[40..]);
            int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[58..]);
            int shnum = BinaryPrimitives.ReadUInt16LittleEndian(header[60..]);
            int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(header[62..]);
            if (shoff == 0 || shnum == 0 || shentsize < 64)
                throw new InvalidDataException($"{Path} has no usable section header table (e_shoff {shoff}, e_shnum {shnum}).");

            byte[] table = ReadBytes(shoff, shnum * shentsize);
            var raw = new (uint Name, uint Type, long Offset, long Size, int Link, uint Info, long EntSize)[shnum];
            for (int i = 0; i < shnum; i++)
            {
                ReadOnlySpan<byte> s = table.AsSpan(i * shentsize, 64);
                raw[i] = (BinaryPrimitives.ReadUInt32LittleEndian(s), BinaryPrimitives.ReadUInt32LittleEndian(s[4..]),
                    (long)BinaryPrimitives.ReadUInt64LittleEndian(s[24..]), (long)BinaryPrimitives.ReadUInt64LittleEndian(s[32..]),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(s[40..]), BinaryPrimitives.ReadUInt32LittleEndian(s[44..]),
                    (long)BinaryPrimitives.ReadUInt64LittleEndian(s[56..]));
            }

            byte[] names = shstrndx < shnum ? ReadBytes(raw[shstrndx].Offset, checked((int)raw[shstrndx].Size)) : [0];
            var sections = new List<ElfSection>(shnum);
            for (int i = 0; i < shnum; i++)
                sections.Add(new ElfSection(i, ReadString(names, raw[i].Name), raw[i].Type, raw[i].Offset, raw[i].Size,
                    raw[i].Link, raw[i].Info, raw[i].EntSize));
            return sections;
        }
    }
}
