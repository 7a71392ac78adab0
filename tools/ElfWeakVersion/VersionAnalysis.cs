using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Tools.ElfWeakVersion.Elf;

namespace ConvGen.Tools.ElfWeakVersion
{
    /// <summary>One version requirement of the analysed file, checked against the library that would satisfy it.</summary>
    /// <param name="Need">The requirement as recorded in <c>.gnu.version_r</c>.</param>
    /// <param name="ProviderPath">The library found for <see cref="VersionNeed.File"/>, or null when none was found.</param>
    /// <param name="IsProvided">True when that library defines the version.</param>
    /// <param name="Symbols">The imported symbols bound to this version.</param>
    public sealed record CheckedNeed(VersionNeed Need, string? ProviderPath, bool IsProvided, IReadOnlyList<string> Symbols)
    {
        /// <summary>True when loading would fail on this requirement: a found library lacks it and it is not weak.</summary>
        public bool IsFatal => ProviderPath is not null && !IsProvided && !Need.IsWeak;
    }

    /// <summary>Every version requirement of one ELF file, each with its symbols and whether the system provides it.</summary>
    public sealed class VersionAnalysis
    {
        private VersionAnalysis(IReadOnlyList<CheckedNeed> needs) => Needs = needs;

        /// <summary>All requirements, in <c>.gnu.version_r</c> order.</summary>
        public IReadOnlyList<CheckedNeed> Needs { get; }

        /// <summary>Reads <paramref name="elf"/> and resolves each needed library through <paramref name="libraries"/>.</summary>
        public static VersionAnalysis Run(ElfReader elf, SystemLibraries libraries)
        {
            IReadOnlyList<VersionNeed> needs = VersionNeeds.Read(elf);
            ILookup<ushort, string> symbolsByVersion = DynamicSymbols.Read(elf)
                .Where(s => s.IsUndefined && s.VersionIndex > 1)
                .ToLookup(s => s.VersionIndex, s => s.Name);
            var result = needs.Select(n =>
            {
                var (path, versions) = libraries.Resolve(n.File);
                return new CheckedNeed(n, path, versions.Contains(n.Name), symbolsByVersion[n.Index].ToList());
            }).ToList();
            return new VersionAnalysis(result);
        }

        /// <summary>The requirement named <paramref name="version"/>, or null when the file does not require it.</summary>
        public CheckedNeed? Find(string version) => Needs.FirstOrDefault(n => string.Equals(n.Need.Name, version, StringComparison.Ordinal));
    }
}
