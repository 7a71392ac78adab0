using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace ConvGen.Tools.ElfWeakVersion.Elf
{
    /// <summary>Parses <c>.gnu.version_d</c> (SHT_GNU_verdef): the version names a library provides, e.g. GLIBCXX_3.4.30.</summary>
    public static class VersionDefinitions
    {
        /// <summary>The names of all versions the file defines (including its base version, which is its soname).</summary>
        public static IReadOnlySet<string> Read(ElfReader elf)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            ElfSection? section = elf.FindSection(ElfConstants.ShtGnuVerdef);
            if (section is null) return names;
            byte[] data = elf.ReadSection(section);
            byte[] strings = elf.ReadSection(elf.Sections[section.Link]);

            // Elf64_Verdef (20 bytes): vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32.
            // Elf64_Verdaux (8 bytes): vda_name u32, vda_next u32. The first aux names the version; later ones name its parents.
            int def = 0;
            for (uint i = 0; i < section.Info; i++)
            {
                if (def < 0 || def + 20 > data.Length)
                    throw new InvalidDataException($"Corrupt .gnu.version_d in {elf.Path}: entry at {def} runs past the section end.");
                int aux = def + (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(def + 12));
                if (aux < 0 || aux + 8 > data.Length)
                    throw new InvalidDataException($"Corrupt .gnu.version_d in {elf.Path}: aux entry at {aux} runs past the section end.");
                names.Add(ElfReader.ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(aux))));
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(def + 16));
                if (next == 0) break;
                def += (int)next;
            }
            return names;
        }
    }
}
