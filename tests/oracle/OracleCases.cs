using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ConvGen.Oracle
{
    /// <summary>
    /// Loads the committed conv2d oracle (<c>tests/oracle/conv2d</c>). Test projects either copy that folder to their output
    /// as <c>oracle/conv2d</c> or rely on <see cref="DefaultDirectory"/> finding it by walking up from the output directory.
    /// </summary>
    public static class OracleCases
    {
        private static readonly Lazy<IReadOnlyList<OracleCase>> s_all = new(() => LoadAll(DefaultDirectory));

        /// <summary>All cases from <see cref="DefaultDirectory"/>, loaded once per process.</summary>
        public static IReadOnlyList<OracleCase> All => s_all.Value;

        /// <summary>The case named <paramref name="name"/> from <see cref="All"/>.</summary>
        public static OracleCase Get(string name)
            => All.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"No oracle case named '{name}'.");

        /// <summary>Case names, for xunit <c>[MemberData]</c>: <c>[MemberData(nameof(OracleCases.Names), MemberType = typeof(OracleCases))]</c>.</summary>
        public static IEnumerable<object[]> Names => ReadIndex(DefaultDirectory).Cases.Select(c => new object[] { c.Name });

        /// <summary>
        /// <c>oracle/conv2d</c> under the test's output directory when copied there, otherwise the nearest
        /// <c>tests/oracle/conv2d</c> above it (the repository's).
        /// </summary>
        public static string DefaultDirectory
        {
            get
            {
                string copied = Path.Combine(AppContext.BaseDirectory, "oracle", "conv2d");
                if (File.Exists(Path.Combine(copied, OracleFiles.IndexFileName))) return copied;
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "tests", "oracle", "conv2d");
                    if (File.Exists(Path.Combine(candidate, OracleFiles.IndexFileName))) return candidate;
                }
                throw new DirectoryNotFoundException($"No oracle/conv2d/{OracleFiles.IndexFileName} found from {AppContext.BaseDirectory}.");
            }
        }

        /// <summary>Reads and validates <c>index.json</c> in <paramref name="directory"/>.</summary>
        public static OracleIndex ReadIndex(string directory)
        {
            string path = Path.Combine(directory, OracleFiles.IndexFileName);
            OracleIndex index = JsonSerializer.Deserialize<OracleIndex>(File.ReadAllText(path), OracleFiles.JsonOptions)
                ?? throw new InvalidDataException($"{path} is empty.");
            if (index.Format != OracleFiles.CurrentFormat)
                throw new InvalidDataException($"{path} has format {index.Format}; this code reads format {OracleFiles.CurrentFormat}.");
            var duplicate = index.Cases.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new InvalidDataException($"{path} lists case '{duplicate.Key}' {duplicate.Count()} times.");
            return index;
        }

        /// <summary>Every case of the index in <paramref name="directory"/>, with its expected values.</summary>
        public static IReadOnlyList<OracleCase> LoadAll(string directory)
            => ReadIndex(directory).Cases.Select(p => Load(directory, p)).ToList();

        /// <summary>Loads the expected values of <paramref name="parameters"/> and checks they belong to it.</summary>
        public static OracleCase Load(string directory, OracleCaseParameters parameters)
        {
            string path = Path.Combine(directory, parameters.Name + ".json");
            OracleExpectedFile file = JsonSerializer.Deserialize<OracleExpectedFile>(File.ReadAllText(path), OracleFiles.JsonOptions)
                ?? throw new InvalidDataException($"{path} is empty.");
            if (file.Parameters != parameters)
                throw new InvalidDataException($"{path} was computed for {file.Parameters}, but the index says {parameters}: regenerate with tools/TorchOracle.");
            if ((file.GradBias is null) == parameters.Bias)
                throw new InvalidDataException($"{path}: gradBias must be present exactly when the case has a bias.");
            return new OracleCase(parameters,
                OracleFiles.DecodeFloats(file.Output, parameters.OutputLength, $"{path} output"),
                OracleFiles.DecodeFloats(file.GradInput, parameters.InputLength, $"{path} gradInput"),
                OracleFiles.DecodeFloats(file.GradWeight, parameters.WeightLength, $"{path} gradWeight"),
                file.GradBias is null ? null : OracleFiles.DecodeFloats(file.GradBias, parameters.OutChannels, $"{path} gradBias"));
        }
    }
}
