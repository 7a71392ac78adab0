namespace ConvGen.Tools.ElfWeakVersion.Elf
{
    /// <summary>One entry of the ELF64 section header table (only the fields this tool needs).</summary>
    /// <param name="Index">Position in the section header table.</param>
    /// <param name="Name">Section name from <c>.shstrtab</c>, e.g. <c>.gnu.version_r</c>.</param>
    /// <param name="Type">sh_type, e.g. <see cref="ElfConstants.ShtGnuVerneed"/>.</param>
    /// <param name="Offset">sh_offset: where the section's bytes start in the file.</param>
    /// <param name="Size">sh_size in bytes.</param>
    /// <param name="Link">sh_link: for the sections used here, the index of the associated string table.</param>
    /// <param name="Info">sh_info: for verneed/verdef, the number of top-level entries.</param>
    /// <param name="EntrySize">sh_entsize: size of one fixed-size entry (24 for .dynsym, 2 for .gnu.version).</param>
    public sealed record ElfSection(int Index, string Name, uint Type, long Offset, long Size, int Link, uint Info, long EntrySize);
}
