using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ConvGen.Oracle;

namespace ConvGen.Tools.TorchOracle
{
    /// <summary>Writes the oracle directory: one expected-values file per case, then the index (each file atomically).</summary>
    public static class OracleWriter
    {
        /// <summary>Writes the expected values of one case.</summary>
        public static void WriteCase(string directory, OracleCaseParameters p, ConvResult result)
        {
            var file = new OracleExpectedFile(p,
                OracleFiles.EncodeFloats(ToFloats(result.Output)),
                OracleFiles.EncodeFloats(ToFloats(result.GradInput)),
                OracleFiles.EncodeFloats(ToFloats(result.GradWeight)),
                result.GradBias is null ? null : OracleFiles.EncodeFloats(ToFloats(result.GradBias)));
            WriteAtomically(Path.Combine(directory, p.Name + ".json"), JsonSerializer.Serialize(file, OracleFiles.JsonOptions));
        }

        /// <summary>Writes <c>index.json</c>.</summary>
        public static void WriteIndex(string directory, OracleIndex index)
            => WriteAtomically(Path.Combine(directory, OracleFiles.IndexFileName), JsonSerializer.Serialize(index, OracleFiles.JsonOptions));

        /// <summary>Deletes case files that no longer belong to a case of <paramref name="index"/>; returns their names.</summary>
        public static string[] DeleteStale(string directory, OracleIndex index)
        {
            var keep = index.Cases.Select(c => c.Name + ".json").Append(OracleFiles.IndexFileName).ToHashSet();
            string[] stale = Directory.GetFiles(directory, "*.json").Where(f => !keep.Contains(Path.GetFileName(f))).ToArray();
            foreach (string f in stale) File.Delete(f);
            return stale.Select(Path.GetFileName).ToArray()!;
        }

        private static float[] ToFloats(double[] values) => Array.ConvertAll(values, v => (float)v);

        private static void WriteAtomically(string path, string text)
        {
            string temp = path + ".tmp";
            File.WriteAllText(temp, text + "\n");
            File.Move(temp, path, overwrite: true);
        }
    }
}
