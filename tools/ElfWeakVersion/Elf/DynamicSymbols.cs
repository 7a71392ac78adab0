using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace ConvGen.Tools.ElfWeakVersion.Elf
{
    /// <summary>A dynamic symbol and the version index <c>.gnu.version</c> assigns it.</summary>
    /// <param name="Name">The (mangled) symbol name.</param>
    /// <param name="VersionIndex">Index into the version tables; 0 = local, 1 = unversioned global, otherwise a vna_other/vd_ndx.</param>
    /// <param name="IsUndefined">True for an import (st_shndx == SHN_UNDEF), i.e. a symbol this object needs from elsewhere.</param>
    public sealed record DynamicSymbol(string Name, ushort VersionIndex, bool IsUndefined);

    /// <summary>Reads <c>.dynsym</c> together with the parallel <c>.gnu.version</c> array.</summary>
    public static class DynamicSymbols
    {
        /// <summary>All dynamic symbols, or an empty list when the file has no <c>.dynsym</c>.</summary>
        public static IReadOnlyList<DynamicSymbol> Read(ElfReader elf)
        {
            var result = new List<DynamicSymbol>();
            ElfSection? symtab = elf.FindSection(ElfConstants.ShtDynSym);
            if (symtab is null) return result;
            ElfSection? versym = elf.FindSection(ElfConstants.ShtGnuVersym);
            byte[] symbols = elf.ReadSection(symtab);
            byte[] strings = elf.ReadSection(elf.Sections[symtab.Link]);
            byte[] versions = versym is null ? [] : elf.ReadSection(versym);

            // Elf64_Sym (24 bytes): st_name u32, st_info u8, st_other u8, st_shndx u16, st_value u64, st_size u64.
            int entrySize = symtab.EntrySize > 0 ? (int)symtab.EntrySize : 24;
            int count = symbols.Length / entrySize;
            if (versions.Length != 0 && versions.Length < count * 2)
                throw new InvalidDataException($"{elf.Path}: .gnu.version has {versions.Length / 2} entries for {count} symbols.");
            for (int i = 0; i < count; i++)
            {
                int at = i * entrySize;
                string name = ElfReader.ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(symbols.AsSpan(at)));
                bool undefined = BinaryPrimitives.ReadUInt16LittleEndian(symbols.AsSpan(at + 6)) == 0;
                ushort version = versions.Length == 0 ? (ushort)1
                    : (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(versions.AsSpan(i * 2)) & ElfConstants.VersymIndexMask);
                result.Add(new DynamicSymbol(name, version, undefined));
            }
            return result;
        }
    }
}
