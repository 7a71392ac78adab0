using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ConvGen.Package.Tests.Support
{
    /// <summary>Where the repository and the SDK are, and how these tests were built.</summary>
    internal static class Repo
    {
        /// <summary>The folder holding ConvGen.slnx, found upwards from the test assembly.</summary>
        public static string Root { get; } = FindRoot();

        /// <summary>The configuration this test assembly (and, through its project reference, src/Package) was built in.</summary>
        public static string Configuration { get; } =
            typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ConvGen.Configuration").Value!;

        /// <summary>The dotnet that runs these tests (DOTNET_HOST_PATH, set by the SDK), else the one on PATH.</summary>
        public static string Dotnet
        {
            get
            {
                string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
                return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
            }
        }

        public static string PackageProject => Path.Combine(Root, "src", "Package", "ConvGen.Package.csproj");

        public static string RuntimeProject => Path.Combine(Root, "src", "Runtime", "ConvGen.Runtime.csproj");

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ConvGen.slnx"))) return dir.FullName;
            throw new InvalidOperationException($"ConvGen.slnx not found above {AppContext.BaseDirectory}.");
        }
    }
}
