using System;
using System.Collections.Generic;
using System.IO;
using ConvGen.Package.Tests.Support;

namespace ConvGen.Package.Tests
{
    /// <summary>
    /// Packs src/Package once per test run (already built with these tests, so without building) into a temporary folder feed,
    /// under a version unique to the run, so no package cached by an earlier run can stand in for it.
    /// </summary>
    public sealed class PackageFixture : IDisposable
    {
        public PackageFixture()
        {
            Root = Path.Combine(Path.GetTempPath(), "convgen-package-tests-" + Guid.NewGuid().ToString("N")[..12]);
            Feed = Path.Combine(Root, "feed");
            Directory.CreateDirectory(Feed);
            Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";
            PackResult = Pack(Feed);
        }

        /// <summary>The temporary folder holding everything these tests write.</summary>
        public string Root { get; }

        /// <summary>The local folder feed holding ConvGen.&lt;Version&gt;.nupkg and .snupkg.</summary>
        public string Feed { get; }

        /// <summary>The version packed: 0.1.0 plus a prerelease tag unique to this run.</summary>
        public string Version { get; }

        public ProcessResult PackResult { get; }

        public string PackagePath => Path.Combine(Feed, $"ConvGen.{Version}.nupkg");

        public string SymbolsPath => Path.Combine(Feed, $"ConvGen.{Version}.snupkg");

        /// <summary>`dotnet pack` of src/Package into <paramref name="output"/> (no build, no restore: the test build did both).</summary>
        public ProcessResult Pack(string output) => ProcessRunner.Dotnet(Repo.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(4),
            "pack", Repo.PackageProject, "-c", Repo.Configuration, "--no-build", "--no-restore", "--disable-build-servers",
            "-o", output, $"-p:PackageVersion={Version}", "-nologo");

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
