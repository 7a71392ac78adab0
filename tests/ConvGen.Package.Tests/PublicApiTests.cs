using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ConvGen.Package.Tests.Support;
using Xunit;

namespace ConvGen.Package.Tests
{
    /// <summary>
    /// The public API of the shipped libraries must equal the approved listing in <c>PublicApi/&lt;assembly&gt;.approved.txt</c>,
    /// so every API change is deliberate. On a mismatch the test writes <c>&lt;assembly&gt;.received.txt</c> beside it; to accept
    /// the change, rebuild and run with <c>CONVGEN_ACCEPT_API=1</c> (it rewrites the approved file), then review the diff.
    /// </summary>
    public sealed class PublicApiTests
    {
        public static TheoryData<string> Assemblies => new() { "ConvGen.Runtime", "ConvGen.Attributes" };

        [Theory]
        [MemberData(nameof(Assemblies))]
        public void PublicApiMatchesApprovedListing(string assemblyName)
        {
            Assembly assembly = assemblyName switch
            {
                "ConvGen.Runtime" => typeof(Tensor).Assembly,
                "ConvGen.Attributes" => typeof(Conv2dAttribute).Assembly,
                _ => throw new ArgumentOutOfRangeException(nameof(assemblyName)),
            };
            string folder = Path.Combine(Repo.Root, "tests", "ConvGen.Package.Tests", "PublicApi");
            string approvedPath = Path.Combine(folder, assemblyName + ".approved.txt");
            string receivedPath = Path.Combine(folder, assemblyName + ".received.txt");
            IReadOnlyList<string> actual = PublicApi.Lines(assembly);
            string actualText = string.Join("\n", actual) + "\n";

            if (Environment.GetEnvironmentVariable("CONVGEN_ACCEPT_API") == "1")
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(approvedPath, actualText);
                File.Delete(receivedPath);
                return;
            }

            string[] approved = File.Exists(approvedPath)
                ? File.ReadAllText(approvedPath).Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                : [];
            if (approved.SequenceEqual(actual))
            {
                File.Delete(receivedPath);
                return;
            }
            File.WriteAllText(receivedPath, actualText);
            var removed = approved.Except(actual).Select(l => "- " + l);
            var added = actual.Except(approved).Select(l => "+ " + l);
            Assert.Fail($"The public API of {assemblyName} changed ({approvedPath} vs {receivedPath}). If intended, rebuild and run the tests " +
                        $"with CONVGEN_ACCEPT_API=1 to approve it.\n{string.Join("\n", removed.Concat(added).Take(60))}");
        }
    }
}
