using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Kernels.Tests.Matrix
{
    /// <summary>
    /// The foundation matrix as test cases: every matrix layer on every input size in {7, 13, 28, 33, 64} (square, plus one
    /// non-square pair) whose output is non-empty, at batch 1 and 5 (batch 5 skipped at 64 to keep the naive reference fast).
    /// </summary>
    public static class MatrixCases
    {
        private static readonly (int H, int W)[] Sizes = { (7, 7), (13, 13), (28, 28), (33, 33), (64, 64), (13, 33) };

        public static IEnumerable<object[]> All()
        {
            for (int layer = 0; layer < MatrixLayers.All.Length; layer++)
            {
                var g = MatrixLayers.All[layer].Geometry;
                foreach (var (h, w) in Sizes)
                {
                    if (g.OutputHeight(h) <= 0 || g.OutputWidth(w) <= 0) continue;
                    yield return new object[] { MatrixLayers.All[layer].Name, 1, h, w };
                    if (h < 64) yield return new object[] { MatrixLayers.All[layer].Name, 5, h, w };
                }
            }
        }

        public static (string Name, System.Func<System.Random, ILayer> Create, ConvGen.Kernels.ConvGeometry Geometry) Layer(string name)
            => MatrixLayers.All.Single(l => l.Name == name);
    }
}
