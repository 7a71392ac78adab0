using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace ConvGen.Checkpoints
{
    /// <summary>
    /// Saves and loads parameters in the <see href="https://github.com/huggingface/safetensors">safetensors</see> format,
    /// readable by PyTorch (<c>safetensors.torch.load_file</c>) with the same names and shapes as a <c>state_dict</c>.
    /// <para>
    /// Saving writes a temporary file beside the target and moves it into place, so a failed save never leaves a damaged
    /// checkpoint. Loading validates the whole file, and every name and shape against the model, before it writes a single
    /// parameter: a truncated, corrupt or mismatched file throws <see cref="InvalidDataException"/> and leaves the model as
    /// it was.
    /// </para>
    /// </summary>
    public static class SafeTensors
    {
        /// <summary>Writes <paramref name="parameters"/> (as F32) and optional string <paramref name="metadata"/> to <paramref name="path"/>.</summary>
        public static void Save(string path, IReadOnlyList<Parameter> parameters, IReadOnlyDictionary<string, string>? metadata = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentNullException.ThrowIfNull(parameters);
            var entries = new List<SafeTensorsEntry>(parameters.Count);
            var names = new HashSet<string>(StringComparer.Ordinal);
            long offset = 0;
            foreach (var p in parameters)
            {
                if (p.Name == "__metadata__" || !names.Add(p.Name))
                    throw new ArgumentException($"Parameter name '{p.Name}' is reserved or used twice; safetensors names must be unique.", nameof(parameters));
                long size = 4L * p.Value.Length;
                entries.Add(new SafeTensorsEntry(p.Name, "F32", p.Value.Shape.ToArray(), offset, offset + size));
                offset += size;
            }
            byte[] header = SafeTensorsFile.WriteHeader(entries, metadata);

            string fullPath = Path.GetFullPath(path);
            string temp = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    Span<byte> length = stackalloc byte[8];
                    BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                    stream.Write(length);
                    stream.Write(header);
                    foreach (var p in parameters) WriteF32(stream, p.Value.AsSpan());
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, fullPath, overwrite: true);
            }
            catch
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
        }

        /// <summary>
        /// Loads <paramref name="path"/> into <paramref name="parameters"/>. Every parameter must be present with its exact
        /// shape and dtype F32; with <paramref name="strict"/> (default, like PyTorch's <c>load_state_dict</c>) the file may
        /// not hold other tensors either. Returns the file's metadata.
        /// </summary>
        public static IReadOnlyDictionary<string, string> Load(string path, IReadOnlyList<Parameter> parameters, bool strict = true)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentNullException.ThrowIfNull(parameters);
            var file = SafeTensorsFile.Parse(File.ReadAllBytes(path), path);
            var byName = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
            foreach (var e in file.Entries) byName[e.Name] = e;

            // Validate everything first: nothing is written unless all of it fits.
            var problems = new List<string>();
            var plan = new SafeTensorsEntry[parameters.Count];
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                wanted.Add(p.Name);
                if (!byName.TryGetValue(p.Name, out var entry)) { problems.Add($"'{p.Name}' is missing"); continue; }
                if (entry.DType != "F32") { problems.Add($"'{p.Name}' has dtype {entry.DType}, expected F32"); continue; }
                if (!p.Value.HasShape(entry.Shape)) { problems.Add($"'{p.Name}' has shape {Tensor.Format(entry.Shape)}, expected {p.Value.ShapeString}"); continue; }
                plan[i] = entry;
            }
            if (strict)
                foreach (var e in file.Entries)
                    if (!wanted.Contains(e.Name)) problems.Add($"unexpected tensor '{e.Name}' {Tensor.Format(e.Shape)}");
            if (problems.Count > 0)
                throw new InvalidDataException($"Checkpoint '{path}' does not match the model (nothing was loaded): {string.Join("; ", problems)}.");

            for (int i = 0; i < parameters.Count; i++) file.CopyF32(plan[i], parameters[i].Value.AsSpan());
            return file.Metadata;
        }

        /// <summary>Reads every F32 tensor of a file by name, for inspection or for building a model from it.</summary>
        public static IReadOnlyDictionary<string, Tensor> ReadAll(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var file = SafeTensorsFile.Parse(File.ReadAllBytes(path), path);
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var e in file.Entries)
            {
                if (e.DType != "F32") throw new InvalidDataException($"Tensor '{e.Name}' in '{path}' has dtype {e.DType}; only F32 is supported.");
                var tensor = new Tensor(e.Shape);
                file.CopyF32(e, tensor.AsSpan());
                result[e.Name] = tensor;
            }
            return result;
        }

        private static void WriteF32(Stream stream, ReadOnlySpan<float> values)
        {
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(values));
                return;
            }
            Span<byte> element = stackalloc byte[4];
            foreach (float v in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(element, v);
                stream.Write(element);
            }
        }
    }
}
