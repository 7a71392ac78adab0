using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConvGen.Tools.ElfWeakVersion;
using ConvGen.Tools.ElfWeakVersion.Elf;

// ElfWeakVersion: marks one symbol-version requirement of an ELF64 shared library weak, after checking that doing so is
// harmless. See README.md. Exit codes: 0 done (patched, already weak, or not needed), 1 refused, 2 usage or I/O error.

const string Usage = """
    usage: ElfWeakVersion <library.so> <VERSION> [--allow-symbol NAME]... [--lib-dir DIR]... [--check]
           ElfWeakVersion --report <library.so>... [--lib-dir DIR]...

      <VERSION>        the version requirement to make weak, e.g. GLIBCXX_3.4.32
      --allow-symbol   a symbol allowed to need <VERSION> (repeatable; default _ZSt21ios_base_library_initv,
                       i.e. std::ios_base_library_init, a link-only reference nothing calls)
      --lib-dir        where to look up needed libraries (repeatable; default: the library's own directory,
                       then the system library directories)
      --check          analyse and decide but do not write
      --report         list every requirement the system does not satisfy, for each file; exit 1 if any
    """;

try
{
    return Run(args);
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"ElfWeakVersion: error: {e.Message}");
    return 2;
}

static int Run(string[] args)
{
    var positional = new List<string>();
    var allowed = new HashSet<string>(StringComparer.Ordinal);
    var libDirs = new List<string>();
    bool check = false, report = false;
    for (int i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--allow-symbol" when i + 1 < args.Length: allowed.Add(args[++i]); break;
            case "--lib-dir" when i + 1 < args.Length: libDirs.Add(args[++i]); break;
            case "--check": check = true; break;
            case "--report": report = true; break;
            case "-h" or "--help": Console.WriteLine(Usage); return 0;
            default:
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine($"ElfWeakVersion: unknown or incomplete option '{args[i]}'.\n{Usage}");
                    return 2;
                }
                positional.Add(args[i]);
                break;
        }
    }
    if (allowed.Count == 0) allowed.Add("_ZSt21ios_base_library_initv");

    if (report)
        return positional.Count > 0 ? Report(positional, libDirs) : UsageError();
    if (positional.Count != 2) return UsageError();
    return Patch(positional[0], positional[1], allowed, libDirs, check);
}

static int UsageError()
{
    Console.Error.WriteLine(Usage);
    return 2;
}

static SystemLibraries LibrariesFor(string file, List<string> libDirs)
    => new(libDirs.Count > 0 ? libDirs
        : [Path.GetDirectoryName(Path.GetFullPath(file))!, .. SystemLibraries.DefaultDirectories]);

static int Patch(string file, string version, IReadOnlySet<string> allowed, List<string> libDirs, bool check)
{
    PatchDecision decision;
    using (var elf = new ElfReader(file))
    {
        var analysis = VersionAnalysis.Run(elf, LibrariesFor(file, libDirs));
        CheckedNeed? target = analysis.Find(version);
        if (target is not null)
            Console.WriteLine($"{Path.GetFileName(file)}: {version} of {target.Need.File} is needed by: "
                + (target.Symbols.Count == 0 ? "(no symbol)" : string.Join(", ", target.Symbols)));
        decision = PatchDecision.Decide(analysis, version, allowed);
    }

    TextWriter output = decision.Outcome == PatchOutcome.Refused ? Console.Error : Console.Out;
    foreach (string reason in decision.Reasons)
        output.WriteLine($"{Path.GetFileName(file)}: {reason}");

    switch (decision.Outcome)
    {
        case PatchOutcome.Refused:
            Console.Error.WriteLine($"ElfWeakVersion: refused; {file} was not modified.");
            return 1;
        case PatchOutcome.Patch when check:
            Console.WriteLine($"{Path.GetFileName(file)}: --check: would set VER_FLG_WEAK on {version}.");
            return 0;
        case PatchOutcome.Patch:
            VersionNeed need = decision.Target!.Need;
            AtomicPatch.WriteUInt16(file, need.FlagsFileOffset, need.Flags, (ushort)(need.Flags | ElfConstants.VerFlgWeak));
            Console.WriteLine($"{Path.GetFileName(file)}: set VER_FLG_WEAK on {version} (vna_flags at file offset 0x{need.FlagsFileOffset:x}).");
            return 0;
        default:
            return 0;
    }
}

static int Report(List<string> files, List<string> libDirs)
{
    int fatal = 0;
    foreach (string file in files)
    {
        using var elf = new ElfReader(file);
        var analysis = VersionAnalysis.Run(elf, LibrariesFor(file, libDirs));
        foreach (CheckedNeed n in analysis.Needs.Where(n => n.ProviderPath is not null && !n.IsProvided))
        {
            string state = n.Need.IsWeak ? "missing (weak, tolerated)" : "MISSING";
            Console.WriteLine($"{Path.GetFileName(file)}: {n.Need.Name} of {n.Need.File}: {state}; symbols: "
                + (n.Symbols.Count == 0 ? "(none)" : string.Join(", ", n.Symbols)));
            if (n.IsFatal) fatal++;
        }
    }
    Console.WriteLine(fatal == 0 ? "All version requirements are satisfied or weak." : $"{fatal} requirement(s) would stop the loader.");
    return fatal == 0 ? 0 : 1;
}
