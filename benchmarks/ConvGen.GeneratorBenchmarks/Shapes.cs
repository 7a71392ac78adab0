using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>The benchmark shapes (the same as benchmarks/ConvGen.Benchmarks), as [Conv2d] arguments.</summary>
    internal static class Shapes
    {
        public static readonly (string Name, string Args)[] All =
        {
            ("LeNetC1", "InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Pad = 2"),
            ("LeNetC3", "InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5"),
            ("CifarStem", "InChannels = 3, OutChannels = 32, K1 = 3, K2 = 3, Pad = 1"),
            ("ResNet3x3", "InChannels = 64, OutChannels = 64, K1 = 3, K2 = 3, Pad = 1"),
            ("ResNetDown", "InChannels = 64, OutChannels = 128, K1 = 3, K2 = 3, Stride = 2, Pad = 1"),
            ("Pointwise", "InChannels = 256, OutChannels = 64, K1 = 1, K2 = 1"),
            ("ResNetStem", "InChannels = 3, OutChannels = 64, K1 = 7, K2 = 7, Stride = 2, Pad = 3"),
        };

        /// <summary>Source files declaring <paramref name="count"/> annotated classes, cycling through the shapes, 10 per file.</summary>
        public static string[] Sources(int count)
        {
            var files = new List<string>();
            for (int start = 0; start < count; start += 10)
            {
                var text = new StringBuilder("using ConvGen;\n\nnamespace Bench;\n\n");
                foreach (int i in Enumerable.Range(start, System.Math.Min(10, count - start)))
                    text.Append($"[Conv2d({All[i % All.Length].Args})]\npublic partial class Layer{i} {{ }}\n\n");
                files.Add(text.ToString());
            }
            return files.ToArray();
        }
    }
}
