using System.IO;
using System.Linq;
using System.Reflection;

namespace ConvGen.Generator.Tests.Support
{
    /// <summary>Folders of the source tree, baked in at build time (see the csproj), so tests can read docs and write snapshots.</summary>
    internal static class RepositoryPaths
    {
        public static string Root => Path.GetFullPath(Metadata("RepositoryRoot"));

        public static string Snapshots => Path.GetFullPath(Metadata("SnapshotDirectory"));

        private static string Metadata(string key)
            => typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
    }
}
