using System;
using System.Collections.Generic;
using System.IO;
using ConvGen.Tools.ElfWeakVersion.Elf;

namespace ConvGen.Tools.ElfWeakVersion
{
    /// <summary>
    /// Finds the library a soname refers to (beside the patched file first, as an $ORIGIN run path would, then in the
    /// system directories) and reports the version names it defines. Results are cached per soname.
    /// </summary>
    public sealed class SystemLibraries
    {
        /// <summary>The multiarch and classic library directories of a Debian/Ubuntu x86-64 system.</summary>
        public static readonly IReadOnlyList<string> DefaultDirectories =
            ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib"];

        private readonly IReadOnlyList<string> _directories;
        private readonly Dictionary<string, (string? Path, IReadOnlySet<string> Versions)> _cache = new(StringComparer.Ordinal);

        /// <summary>Searches <paramref name="directories"/> in order.</summary>
        public SystemLibraries(IReadOnlyList<string> directories) => _directories = directories;

        /// <summary>
        /// The path that <paramref name="soname"/> resolves to and the versions it defines, or (null, empty) when no
        /// directory holds it.
        /// </summary>
        public (string? Path, IReadOnlySet<string> Versions) Resolve(string soname)
        {
            if (_cache.TryGetValue(soname, out var hit)) return hit;
            (string? Path, IReadOnlySet<string> Versions) result = (null, new HashSet<string>());
            foreach (string dir in _directories)
            {
                string candidate = System.IO.Path.Combine(dir, soname);
                if (!File.Exists(candidate)) continue;
                using var elf = new ElfReader(candidate);
                result = (candidate, VersionDefinitions.Read(elf));
                break;
            }
            _cache[soname] = result;
            return result;
        }
    }
}
