using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvGen.Package.Tests.Support;
using Xunit;

namespace ConvGen.Package.Tests
{
    /// <summary>The ConvGen NuGet package: layout, metadata, reproducibility, and a new console app that uses only the package.</summary>
    public sealed class PackageTests : IClassFixture<PackageFixture>
    {
        private readonly PackageFixture _package;

        public PackageTests(PackageFixture package)
        {
            _package = package;
            Assert.True(package.PackResult.ExitCode == 0, package.PackResult.ToString());
        }

        [Fact]
        public void PackageHoldsGeneratorAsAnalyzerAndLibrariesForNet10()
        {
            using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
            string[] files = zip.Entries.Select(e => e.FullName)
                .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml")
                .Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(
            [
                "ConvGen.nuspec",
                "LICENSE",
                "README.md",
                "analyzers/dotnet/cs/ConvGen.Generator.dll",
                "lib/net10.0/ConvGen.Attributes.dll",
                "lib/net10.0/ConvGen.Attributes.xml",
                "lib/net10.0/ConvGen.Runtime.dll",
                "lib/net10.0/ConvGen.Runtime.xml",
            ], files);

            // The packed libraries are the ones this test run built.
            foreach (string name in new[] { "ConvGen.Runtime.dll", "ConvGen.Attributes.dll" })
            {
                string built = Path.Combine(AppContext.BaseDirectory, name);
                using var packed = new MemoryStream();
                using (Stream s = zip.GetEntry("lib/net10.0/" + name)!.Open()) s.CopyTo(packed);
                Assert.True(packed.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(built)), $"{name} in the package differs from {built}.");
            }
        }

        [Fact]
        public void NuspecDeclaresMetadataAndTheTensorsDependency()
        {
            XElement root = Nuspec(_package.PackagePath);
            XNamespace ns = root.Name.Namespace;
            XName Ns(string name) => ns + name;
            XElement metadata = root.Element(Ns("metadata"))!;
            string Value(string name) => metadata.Element(Ns(name))?.Value ?? "";

            Assert.Equal("ConvGen", Value("id"));
            Assert.Equal(_package.Version, Value("version"));
            Assert.Equal("MIT", Value("license"));
            Assert.Equal("expression", metadata.Element(Ns("license"))!.Attribute("type")?.Value);
            Assert.Equal("README.md", Value("readme"));
            Assert.Contains("source generator", Value("description"));
            Assert.Contains("source-generator", Value("tags").Split(' '));
            XElement repository = metadata.Element(Ns("repository"))!;
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.StartsWith("https://", repository.Attribute("url")?.Value);

            // Exactly one dependency, the runtime's own, at the runtime's version: nothing named ConvGen.Runtime/Attributes.
            XElement group = Assert.Single(metadata.Element(Ns("dependencies"))!.Elements(Ns("group")));
            Assert.Equal("net10.0", group.Attribute("targetFramework")?.Value);
            XElement dependency = Assert.Single(group.Elements(Ns("dependency")));
            Assert.Equal("System.Numerics.Tensors", dependency.Attribute("id")?.Value);
            string runtimeVersion = XDocument.Load(Repo.RuntimeProject).Descendants("PackageReference")
                .Single(e => e.Attribute("Include")?.Value == "System.Numerics.Tensors").Attribute("Version")!.Value;
            Assert.Equal(runtimeVersion, dependency.Attribute("version")?.Value);
        }

        [Fact]
        public void SymbolPackageHoldsBothPdbs()
        {
            using ZipArchive zip = ZipFile.OpenRead(_package.SymbolsPath);
            string[] pdbs = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["lib/net10.0/ConvGen.Attributes.pdb", "lib/net10.0/ConvGen.Runtime.pdb"], pdbs);
        }

        [Fact]
        public void PackIsDeterministic()
        {
            string again = Path.Combine(_package.Root, "feed-again");
            ProcessResult result = _package.Pack(again);
            Assert.True(result.ExitCode == 0, result.ToString());
            foreach (string file in new[] { _package.PackagePath, _package.SymbolsPath })
                Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, Path.GetFileName(file)))),
                    $"{Path.GetFileName(file)} differs between two packs of the same build.");
        }

        /// <summary>
        /// A new console project in a temporary folder that references only the package (from the local folder feed), with a
        /// [Conv2d(InChannels = 5, OutChannels = 7, K1 = 3, K2 = 5, Stride = 2, Pad = 1)] class; it builds with warnings as
        /// errors and the AOT/trim analyzers on, runs, and its generated layer matches the reference kernel on a [2,5,17,23]
        /// input: forward and all three gradients within 1e-4 of the reference's largest magnitude.
        /// </summary>
        [Fact]
        public void ConsoleAppUsingOnlyThePackageBuildsRunsAndMatchesTheReferenceKernel()
        {
            string app = Path.Combine(_package.Root, "ConsumerApp");
            Directory.CreateDirectory(app);
            string templates = Path.Combine(AppContext.BaseDirectory, "Consumer");
            File.WriteAllText(Path.Combine(app, "ConsumerApp.csproj"),
                File.ReadAllText(Path.Combine(templates, "Consumer.csproj.template")).Replace("@CONVGEN_VERSION@", _package.Version));
            File.Copy(Path.Combine(templates, "Program.cs.template"), Path.Combine(app, "Program.cs"));

            // Sources: the local feed, then (read-only) the machine's package folder so System.Numerics.Tensors needs no
            // download when it is there, then the machine's usual sources, inherited from its NuGet configuration.
            // Packages restore into a fresh folder, so the machine's package folder is never written to.
            string userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var sources = new List<string> { $"""    <add key="convgen-local-feed" value="{SecurityElement.Escape(_package.Feed)}" />""" };
            if (Directory.Exists(userPackages))
                sources.Add($"""    <add key="machine-packages-read-only" value="{SecurityElement.Escape(userPackages)}" />""");
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                {string.Join("\n", sources)}
                  </packageSources>
                </configuration>
                """);
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_package.Root, "packages") };

            ProcessResult build = ProcessRunner.Dotnet(app, environment, TimeSpan.FromMinutes(6),
                "build", "-c", "Release", "--disable-build-servers", "-nologo");
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.True(File.Exists(Path.Combine(_package.Root, "packages", "convgen", _package.Version, $"convgen.{_package.Version}.nupkg")),
                "ConvGen was not restored from the local feed into the fresh package folder.\n" + build);

            string dll = Path.Combine(app, "bin", "Release", "net10.0", "ConsumerApp.dll");
            ProcessResult run = ProcessRunner.Dotnet(app, environment, TimeSpan.FromMinutes(3), dll);
            Assert.True(run.ExitCode == 0, run.ToString());
            string[] lines = run.Output.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("output_shape [2, 7, 9, 11] expected [2, 7, 9, 11] (9x11)", lines);
            Assert.Equal("done", lines[^1]);

            var pattern = new Regex(@"^(?<name>\w+) max_abs_diff=(?<diff>\S+) max_abs_ref=(?<scale>\S+)$");
            var seen = new List<string>();
            foreach (string line in lines)
            {
                Match m = pattern.Match(line);
                if (!m.Success) continue;
                string name = m.Groups["name"].Value;
                double diff = double.Parse(m.Groups["diff"].Value, CultureInfo.InvariantCulture);
                double scale = double.Parse(m.Groups["scale"].Value, CultureInfo.InvariantCulture);
                Assert.True(scale > 0, $"{name}: the reference is all zeros, nothing was compared.\n{run.Output}");
                Assert.True(diff / scale < 1e-4, $"{name}: max abs diff {diff} vs reference magnitude {scale} (relative {diff / scale:E2}).\n{run.Output}");
                seen.Add(name);
            }
            Assert.Equal(["forward", "grad_input", "grad_weight", "grad_bias"], seen);
        }

        private static XElement Nuspec(string package)
        {
            using ZipArchive zip = ZipFile.OpenRead(package);
            using Stream stream = zip.GetEntry("ConvGen.nuspec")!.Open();
            return XDocument.Load(stream).Root!;
        }
    }
}
