using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace ConvGen.Tools.ElfWeakVersion.Elf
{
    /// <summary>One Elf64_Vernaux entry: "this object needs version <see cref="Name"/> of <see cref="File"/>".</summary>
    /// <param name="File">The needed library's soname (vn_file of the parent Elf64_Verneed), e.g. <c>libstdc++.so.6</c>.</param>
    /// <param name="Name">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
    /// <param name="Index">vna_other: the version index symbols refer to through <c>.gnu.version</c>.</param>
    /// <param name="Flags">vna_flags (<see cref="ElfConstants.VerFlgWeak"/> marks a weak requirement).</param>
    /// <param name="FlagsFileOffset">Absolute file offset of the two-byte vna_flags field, the only bytes the patch changes.</param>
    public sealed record VersionNeed(string File, string Name, ushort Index, ushort Flags, long FlagsFileOffset)
    {
        /// <summary>True when the loader tolerates this version being absent.</summary>
        public bool IsWeak => (Flags & ElfConstants.VerFlgWeak) != 0;
    }

    /// <summary>Parses <c>.gnu.version_r</c> (SHT_GNU_verneed): the versions an object requires from each library it links.</summary>
    public static class VersionNeeds
    {
        /// <summary>All requirements of the file, or an empty list when it has no <c>.gnu.version_r</c>.</summary>
        public static IReadOnlyList<VersionNeed> Read(ElfReader elf)
        {
            var result = new List<VersionNeed>();
            ElfSection? section = elf.FindSection(ElfConstants.ShtGnuVerneed);
            if (section is null) return result;
            byte[] data = elf.ReadSection(section);
            byte[] strings = elf.ReadSection(elf.Sections[section.Link]);

            // Elf64_Verneed (16 bytes): vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
            // Elf64_Vernaux (16 bytes): vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
            int need = 0;
            for (uint i = 0; i < section.Info; i++)
            {
                Check(need, 16, data.Length);
                int count = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(need + 2));
                string file = ElfReader.ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(need + 4)));
                int aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(need + 8));
                for (int j = 0; j < count; j++)
                {
                    Check(aux, 16, data.Length);
                    ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(aux + ElfConstants.VernauxFlagsOffset));
                    ushort index = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(aux + 6));
                    string name = ElfReader.ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(aux + 8)));
                    result.Add(new VersionNeed(file, name, index, flags, section.Offset + aux + ElfConstants.VernauxFlagsOffset));
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(aux + 12));
                }
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(need + 12));
                if (next == 0) break;
                need += (int)next;
            }
            return result;
        }

        private static void Check(int offset, int size, int length)
        {
            if (offset < 0 || offset + size > length)
                throw new InvalidDataException($"Corrupt .gnu.version_r: entry at {offset} runs past the section end ({length} bytes).");
        }
    }
}
