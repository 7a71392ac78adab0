#!/usr/bin/env python3
"""Writes tests/ConvGen.Kernels.Tests/Matrix/MatrixLayers.cs: the [Conv2d] classes the kernel tests run.

The foundation matrix crosses every kernel shape with every stride and padding (6 x 3 x 4 = 72 layers) and cycles the
channel counts so that, within every kernel shape, each of the 12 (InChannels, OutChannels) pairs appears once. Every layer is then run on all input sizes for which its output is non-empty (see MatrixCases.cs).
Rerun after changing the lists; the output is deterministic.
"""
import itertools, pathlib

KERNELS = [(1, 1), (3, 3), (5, 5), (7, 7), (3, 5), (1, 7)]
STRIDES = [1, 2, 3]
PADS = [0, 1, 2, 3]
IN_CHANNELS = [1, 3, 8]
OUT_CHANNELS = [1, 6, 16, 33]

out = pathlib.Path(__file__).resolve().parents[2] / "tests/ConvGen.Kernels.Tests/Matrix/MatrixLayers.cs"
lines = [
    "// Written by tools/testgen/gen_matrix_layers.py; do not edit by hand.",
    "using ConvGen;",
    "",
    "namespace ConvGen.Kernels.Tests.Matrix",
    "{",
]
names = []
for i, ((k1, k2), s, p) in enumerate(itertools.product(KERNELS, STRIDES, PADS)):
    cin = IN_CHANNELS[i % len(IN_CHANNELS)]
    cout = OUT_CHANNELS[(i // 3) % len(OUT_CHANNELS)]
    name = f"M{i:03d}_K{k1}x{k2}_S{s}_P{p}_C{cin}to{cout}"
    names.append(name)
    lines.append(f"    [Conv2d(InChannels = {cin}, OutChannels = {cout}, K1 = {k1}, K2 = {k2}, Stride = {s}, Pad = {p})]")
    lines.append(f"    public partial class {name} {{ }}")
    lines.append("")
lines.append("    internal static class MatrixLayers")
lines.append("    {")
lines.append("        /// <summary>Every matrix layer: a factory and its geometry.</summary>")
lines.append("        public static readonly (string Name, System.Func<System.Random, ILayer> Create, ConvGen.Kernels.ConvGeometry Geometry)[] All =")
lines.append("        {")
for n in names:
    lines.append(f"            (\"{n}\", r => new {n}(r), {n}.Geometry),")
lines.append("        };")
lines.append("    }")
lines.append("}")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text("\n".join(lines) + "\n")
print(f"wrote {len(names)} layers to {out}")
