using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ConvGen.Checkpoints;
using ConvGen.Layers;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public sealed class SafeTensorsTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("convgen-st-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private static Sequential Model(int seed) => new(new Linear(4, 3, random: new Random(seed)), new ReLU(), new Linear(3, 2, random: new Random(seed + 1)));

        private static float[][] Snapshot(ILayer model) => model.Parameters.Select(p => p.Value.ToArray()).ToArray();

        [Fact]
        public void RoundTrip_RestoresValuesAndMetadata()
        {
            string path = Path.Combine(_dir, "m.safetensors");
            var source = Model(1);
            SafeTensors.Save(path, source.Parameters, new System.Collections.Generic.Dictionary<string, string> { ["epoch"] = "3" });
            var target = Model(7);
            var metadata = SafeTensors.Load(path, target.Parameters);
            Assert.Equal(Snapshot(source), Snapshot(target));
            Assert.Equal("3", metadata["epoch"]);
            Assert.Equal(new[] { "0.bias", "0.weight", "2.bias", "2.weight" }, SafeTensors.ReadAll(path).Keys.Order(StringComparer.Ordinal));
            Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        }

        [Fact]
        public void File_FollowsTheFormat()
        {
            string path = Path.Combine(_dir, "m.safetensors");
            var linear = new Linear(2, 1, random: new Random(1));
            new float[] { 1.5f, -2 }.CopyTo(linear.Weight.AsSpan());
            linear.Bias![0] = 0.25f;
            SafeTensors.Save(path, linear.Parameters);
            byte[] bytes = File.ReadAllBytes(path);
            ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            Assert.Equal(0UL, (8 + n) % 8);
            using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n));
            var weight = header.RootElement.GetProperty("weight");
            Assert.Equal("F32", weight.GetProperty("dtype").GetString());
            Assert.Equal(new[] { 1, 2 }, weight.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(new[] { 0, 8 }, weight.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(new[] { 8, 12 }, header.RootElement.GetProperty("bias").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(8 + (long)n + 12, bytes.Length);
            Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n)));
            Assert.Equal(0.25f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n + 8)));
        }

        private void AssertRejectedAndUntouched(byte[] bytes, string expectedInMessage)
        {
            string path = Path.Combine(_dir, "bad.safetensors");
            File.WriteAllBytes(path, bytes);
            var model = Model(9);
            var before = Snapshot(model);
            var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path, model.Parameters));
            Assert.Contains(expectedInMessage, e.Message);
            Assert.Equal(before, Snapshot(model));
        }

        private byte[] Good()
        {
            string path = Path.Combine(_dir, "good.safetensors");
            SafeTensors.Save(path, Model(1).Parameters);
            return File.ReadAllBytes(path);
        }

        [Fact]
        public void Truncated_IsRejected_ModelUntouched()
        {
            byte[] good = Good();
            AssertRejectedAndUntouched(good.AsSpan(0, good.Length - 4).ToArray(), "truncated");
            AssertRejectedAndUntouched(good.AsSpan(0, 20).ToArray(), "header");
            AssertRejectedAndUntouched(good.AsSpan(0, 5).ToArray(), "8-byte");
        }

        [Fact]
        public void CorruptHeader_IsRejected_ModelUntouched()
        {
            byte[] bad = Good();
            bad[8] = (byte)'[';
            AssertRejectedAndUntouched(bad, "not valid JSON");
            bad = Good();
            int at = Encoding.ASCII.GetString(bad).IndexOf("F32", StringComparison.Ordinal);
            bad[at] = (byte)'X';
            AssertRejectedAndUntouched(bad, "dtype");
        }

        [Fact]
        public void ShapeMismatch_MissingOrExtraTensors_AreRejected_ModelUntouched()
        {
            string path = Path.Combine(_dir, "other.safetensors");
            // Same names, first layer 4 -> 3 but second layer 3 -> 5: the first layer alone would fit, yet nothing loads.
            SafeTensors.Save(path, new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 5)).Parameters);
            AssertRejectedAndUntouched(File.ReadAllBytes(path), "'2.weight' has shape [5, 3], expected [2, 3]");
            SafeTensors.Save(path, new Sequential(new Linear(4, 3)).Parameters);
            AssertRejectedAndUntouched(File.ReadAllBytes(path), "'2.weight' is missing");
            SafeTensors.Save(path, new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2), new Linear(2, 2)).Parameters);
            AssertRejectedAndUntouched(File.ReadAllBytes(path), "unexpected tensor '3.weight'");
        }

        [Fact]
        public void FailedSave_LeavesExistingFileIntact()
        {
            string path = Path.Combine(_dir, "keep.safetensors");
            SafeTensors.Save(path, Model(1).Parameters);
            byte[] before = File.ReadAllBytes(path);
            var duplicate = new[] { Model(2).Parameters[0], Model(3).Parameters[0] };
            Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, duplicate));
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(Path.Combine(_dir, "missing", "x.safetensors"), Model(1).Parameters));
            Assert.Single(Directory.GetFiles(_dir));
        }

        [Fact]
        public void Save_OverwritesAtomically()
        {
            string path = Path.Combine(_dir, "m.safetensors");
            SafeTensors.Save(path, Model(1).Parameters);
            var second = Model(2);
            SafeTensors.Save(path, second.Parameters);
            var loaded = Model(3);
            SafeTensors.Load(path, loaded.Parameters);
            Assert.Equal(Snapshot(second), Snapshot(loaded));
            Assert.Single(Directory.GetFiles(_dir));
        }
    }
}
