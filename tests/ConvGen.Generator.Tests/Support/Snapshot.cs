using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace ConvGen.Generator.Tests.Support
{
    /// <summary>
    /// Approved-file snapshots without a library: Snapshots/&lt;Name&gt;.approved.txt holds the expected text. On a mismatch
    /// the actual text is written to &lt;Name&gt;.received.txt beside it (gitignored) and the test fails with the first
    /// differing lines. Set CONVGEN_ACCEPT_SNAPSHOTS=1 to write the received text as the new approved file instead.
    /// </summary>
    internal static class Snapshot
    {
        public const string AcceptVariable = "CONVGEN_ACCEPT_SNAPSHOTS";

        public static void Verify(string name, string actual)
        {
            actual = Normalize(actual);
            string approvedPath = Path.Combine(RepositoryPaths.Snapshots, name + ".approved.txt");
            string receivedPath = Path.Combine(RepositoryPaths.Snapshots, name + ".received.txt");
            string? approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
            if (approved == actual)
            {
                if (File.Exists(receivedPath)) File.Delete(receivedPath);
                return;
            }
            if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
            {
                File.WriteAllText(approvedPath, actual);
                if (File.Exists(receivedPath)) File.Delete(receivedPath);
                return;
            }
            File.WriteAllText(receivedPath, actual);
            Assert.Fail(approved is null
                ? $"No approved snapshot {approvedPath}; the output was written to {receivedPath}. Review it, then rename it or run with {AcceptVariable}=1."
                : $"{name} differs from {approvedPath} (output written to {receivedPath}; {AcceptVariable}=1 accepts it):\n{Diff(approved, actual)}");
        }

        /// <summary>Line endings unified, so a checkout with CRLF compares equal.</summary>
        private static string Normalize(string text) => text.Replace("\r\n", "\n");

        /// <summary>The first few differing lines, with line numbers.</summary>
        public static string Diff(string expected, string actual, int maxLines = 8)
        {
            string[] e = expected.Split('\n'), a = actual.Split('\n');
            var text = new StringBuilder();
            int shown = 0;
            for (int i = 0; i < Math.Max(e.Length, a.Length) && shown < maxLines; i++)
            {
                string? le = i < e.Length ? e[i] : null, la = i < a.Length ? a[i] : null;
                if (le == la) continue;
                text.AppendLine($"line {i + 1}:");
                text.AppendLine($"  - {le ?? "<end of file>"}");
                text.AppendLine($"  + {la ?? "<end of file>"}");
                shown++;
            }
            text.AppendLine($"({e.Length} approved lines, {a.Length} received lines, {Enumerable.Range(0, Math.Min(e.Length, a.Length)).Count(i => e[i] != a[i]) + Math.Abs(e.Length - a.Length)} differ)");
            return text.ToString();
        }
    }
}
