using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Tools.ElfWeakVersion
{
    /// <summary>What the tool will do with the file.</summary>
    public enum PatchOutcome
    {
        /// <summary>Set VER_FLG_WEAK on the requirement.</summary>
        Patch,
        /// <summary>The requirement is already weak; nothing to write (the tool is idempotent).</summary>
        AlreadyWeak,
        /// <summary>The system library defines the version, so the file loads as it is.</summary>
        NotNeeded,
        /// <summary>Patching would hide a real problem; the file is left alone and the tool fails.</summary>
        Refused,
    }

    /// <summary>The verdict on one file plus the reasons, one line each.</summary>
    /// <param name="Outcome">What to do.</param>
    /// <param name="Target">The requirement to patch (null when the file does not require the version).</param>
    /// <param name="Reasons">Human-readable explanation, printed by the tool.</param>
    public sealed record PatchDecision(PatchOutcome Outcome, CheckedNeed? Target, IReadOnlyList<string> Reasons)
    {
        /// <summary>
        /// Decides whether making <paramref name="version"/> weak is safe: it must be required, and only by symbols in
        /// <paramref name="allowedSymbols"/> (link-time references nothing calls), and no other requirement of the file may
        /// be missing from the system, since a weak flag on one version would not make the library load anyway.
        /// </summary>
        public static PatchDecision Decide(VersionAnalysis analysis, string version, IReadOnlySet<string> allowedSymbols)
        {
            var reasons = new List<string>();
            CheckedNeed? target = analysis.Find(version);
            if (target is null)
                return new PatchDecision(PatchOutcome.Refused, null, [$"The file does not require version {version}."]);

            var otherMissing = analysis.Needs.Where(n => n.IsFatal && !ReferenceEquals(n, target)).ToList();
            foreach (CheckedNeed n in otherMissing)
                reasons.Add($"Also missing on this system: {n.Need.Name} from {n.ProviderPath}, needed by {Describe(n.Symbols)}.");

            var unexpected = target.Symbols.Where(s => !allowedSymbols.Contains(s)).ToList();
            if (unexpected.Count > 0)
                reasons.Add($"{version} is needed by symbols outside the allowed set: {Describe(unexpected)}.");

            if (otherMissing.Count > 0 || unexpected.Count > 0)
                return new PatchDecision(PatchOutcome.Refused, target, reasons);
            if (target.ProviderPath is null)
                return new PatchDecision(PatchOutcome.Refused, target,
                    [$"No library named {target.Need.File} was found, so whether {version} is missing cannot be checked."]);
            if (target.IsProvided)
                return new PatchDecision(PatchOutcome.NotNeeded, target, [$"{target.ProviderPath} defines {version}; no patch needed."]);
            if (target.Need.IsWeak)
                return new PatchDecision(PatchOutcome.AlreadyWeak, target, [$"{version} is already a weak requirement."]);
            return new PatchDecision(PatchOutcome.Patch, target,
                [$"{target.ProviderPath} lacks {version}; it is needed only by {Describe(target.Symbols)}, so the requirement can be weak."]);
        }

        private static string Describe(IReadOnlyList<string> symbols)
            => symbols.Count == 0 ? "no symbol" : string.Join(", ", symbols.Take(8)) + (symbols.Count > 8 ? $" and {symbols.Count - 8} more" : "");
    }
}
