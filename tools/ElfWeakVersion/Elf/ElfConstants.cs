namespace ConvGen.Tools.ElfWeakVersion.Elf
{
    /// <summary>The ELF constants this tool relies on (from the System V gABI and the GNU symbol-versioning extension).</summary>
    public static class ElfConstants
    {
        /// <summary>EI_CLASS value for 64-bit objects.</summary>
        public const byte ElfClass64 = 2;
        /// <summary>EI_DATA value for little-endian objects.</summary>
        public const byte ElfData2Lsb = 1;
        /// <summary>Section type of the dynamic symbol table (<c>.dynsym</c>).</summary>
        public const uint ShtDynSym = 11;
        /// <summary>Section type of version definitions (<c>.gnu.version_d</c>).</summary>
        public const uint ShtGnuVerdef = 0x6ffffffd;
        /// <summary>Section type of version requirements (<c>.gnu.version_r</c>).</summary>
        public const uint ShtGnuVerneed = 0x6ffffffe;
        /// <summary>Section type of the per-symbol version index table (<c>.gnu.version</c>).</summary>
        public const uint ShtGnuVersym = 0x6fffffff;
        /// <summary>vna_flags bit: the requirement is weak, so the loader does not fail when the version is missing.</summary>
        public const ushort VerFlgWeak = 0x2;
        /// <summary>Mask of a .gnu.version entry that holds the version index (bit 15 is the 'hidden' flag).</summary>
        public const ushort VersymIndexMask = 0x7fff;
        /// <summary>Byte offset of vna_flags inside an Elf64_Vernaux entry.</summary>
        public const int VernauxFlagsOffset = 4;
    }
}
