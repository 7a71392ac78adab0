using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConvGen.Oracle
{
    /// <summary><c>conv2d/index.json</c>: the case list, plus where the expected values came from.</summary>
    /// <param name="Format">File-format version; readers reject other values.</param>
    /// <param name="Source">The engine and precision that computed the expected values.</param>
    /// <param name="Cases">Every case, in a stable order.</param>
    public sealed record OracleIndex(int Format, string Source, IReadOnlyList<OracleCaseParameters> Cases);

    /// <summary>
    /// <c>conv2d/{name}.json</c>: one case's expected values. Each array is float32 little-endian, base64-encoded, NCHW
    /// (weights [Cout, Cin/G, K1, K2]); the values were computed in float64 and rounded once to float32.
    /// </summary>
    /// <param name="Parameters">A copy of the case's index entry; a mismatch means the file is stale.</param>
    /// <param name="Output">y = conv(x, w) + b.</param>
    /// <param name="GradInput">dLoss/dx for Loss = sum(y * dLoss/dy).</param>
    /// <param name="GradWeight">dLoss/dw.</param>
    /// <param name="GradBias">dLoss/db, or null when the case has no bias.</param>
    public sealed record OracleExpectedFile(OracleCaseParameters Parameters, string Output, string GradInput, string GradWeight, string? GradBias);

    /// <summary>Reading and writing the oracle files, so the tool and the tests agree on the format.</summary>
    public static class OracleFiles
    {
        /// <summary>The only <see cref="OracleIndex.Format"/> this code reads and writes.</summary>
        public const int CurrentFormat = 1;

        /// <summary>Name of the index file inside the oracle directory.</summary>
        public const string IndexFileName = "index.json";

        /// <summary>camelCase, indented, quotes and '+' left unescaped (the files are data, never embedded in HTML).</summary>
        public static readonly JsonSerializerOptions JsonOptions = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>Encodes floats as little-endian bytes in base64.</summary>
        public static string EncodeFloats(ReadOnlySpan<float> values)
        {
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Oracle files are little-endian.");
            return Convert.ToBase64String(MemoryMarshal.AsBytes(values));
        }

        /// <summary>Decodes <see cref="EncodeFloats"/>; throws when the length is not <paramref name="expectedLength"/>.</summary>
        public static float[] DecodeFloats(string base64, int expectedLength, string what)
        {
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Oracle files are little-endian.");
            byte[] bytes = Convert.FromBase64String(base64);
            if (bytes.Length != expectedLength * sizeof(float))
                throw new FormatException($"{what}: expected {expectedLength} floats but the file holds {bytes.Length / (double)sizeof(float)}.");
            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }
    }
}
