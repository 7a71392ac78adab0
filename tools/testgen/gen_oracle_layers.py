#!/usr/bin/env python3
"""Writes tests/ConvGen.Kernels.Tests/Oracle/OracleLayers.cs: one generated [Conv2d] layer per libtorch oracle case.

Reads tests/oracle/conv2d/index.json (written by tools/TorchOracle). A case whose `attributeArguments` is set gets exactly
that attribute ("direct": the generated layer's Geometry must equal the case's). The few cases the attribute cannot express
are emulated by a layer whose results contain the case's results exactly, and the tests map between them:

* four different pads (stride 1 only): PadH = max(top, bottom), PadW = max(left, right), same padding mode. Every padding
  mode fills row -k (or H-1+k) the same way whatever the total pad, so the case's output is a crop of the layer's output
  starting at (PadH - top, PadW - left); feeding the case's dL/dy embedded in zeros gives the case's gradients exactly.
* per-axis dilation (dh, dw): Dilation = gcd(dh, dw) and a kernel of (K - 1) * (d / gcd) + 1 taps per axis whose extra
  taps are zero; the case's weight (and weight gradient) are every (d / gcd)-th tap.

Rerun after the oracle's case list changes; the output is deterministic. A test checks that every index case has a layer.
"""
import json, math, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
INDEX = ROOT / "tests/oracle/conv2d/index.json"
OUT = ROOT / "tests/ConvGen.Kernels.Tests/Oracle/OracleLayers.cs"


def emulated_arguments(c):
    """Attribute arguments, crop offsets, tap steps and a description for a case the attribute cannot express."""
    sh, sw = c["strideH"], c["strideW"]
    pad_h, pad_w = max(c["padTop"], c["padBottom"]), max(c["padLeft"], c["padRight"])
    crop_top, crop_left = pad_h - c["padTop"], pad_w - c["padLeft"]
    if crop_top % sh or crop_left % sw:
        raise SystemExit(f"{c['name']}: padding offset ({crop_top}, {crop_left}) is not a multiple of the stride ({sh}, {sw})")
    crop_top //= sh
    crop_left //= sw
    dilation = math.gcd(c["dilationH"], c["dilationW"])
    step_h, step_w = c["dilationH"] // dilation, c["dilationW"] // dilation
    k1, k2 = (c["k1"] - 1) * step_h + 1, (c["k2"] - 1) * step_w + 1
    args = [f"InChannels = {c['inChannels']}", f"OutChannels = {c['outChannels']}", f"K1 = {k1}", f"K2 = {k2}"]
    args.append(f"Stride = {sh}" if sh == sw else f"StrideH = {sh}, StrideW = {sw}")
    args.append(f"Pad = {pad_h}" if pad_h == pad_w else f"PadH = {pad_h}, PadW = {pad_w}")
    if dilation != 1: args.append(f"Dilation = {dilation}")
    if c["groups"] != 1: args.append(f"Groups = {c['groups']}")
    if not c["bias"]: args.append("Bias = false")
    if c["paddingMode"] != "Zeros": args.append(f"PaddingMode = PaddingMode.{c['paddingMode']}")
    if c["flipKernel"]: args.append("FlipKernel = true")
    # The input is the case's, so the size is fixed as for direct cases (only the output is larger).
    args.append(f"Height = {c['height']}, Width = {c['width']}")
    how = []
    if crop_top or crop_left or pad_h != c["padBottom"] or pad_w != c["padRight"]:
        how.append(f"pads {c['padTop']}/{c['padBottom']}/{c['padLeft']}/{c['padRight']} as PadH {pad_h}, PadW {pad_w}, output cropped at ({crop_top}, {crop_left})")
    if (step_h, step_w) != (1, 1):
        how.append(f"dilation {c['dilationH']}x{c['dilationW']} as a {k1}x{k2} kernel of dilation {dilation} with every ({step_h}, {step_w})-th tap used")
    return ", ".join(args), crop_top, crop_left, step_h, step_w, "; ".join(how)


def main():
    index = json.loads(INDEX.read_text())
    lines = [
        "// Written by tools/testgen/gen_oracle_layers.py from tests/oracle/conv2d/index.json; do not edit by hand.",
        "using ConvGen;",
        "",
        "namespace ConvGen.Kernels.Tests.OracleParity",
        "{",
    ]
    table = []
    emulated = []
    for c in index["cases"]:
        name = c["name"]
        cls = f"Oracle_{name}"
        if c["attributeArguments"]:
            args, crop_top, crop_left, step_h, step_w, how = c["attributeArguments"], 0, 0, 1, 1, ""
        else:
            args, crop_top, crop_left, step_h, step_w, how = emulated_arguments(c)
            emulated.append(f"{name}: {how}")
        note = c["note"].rstrip(".").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines.append(f"    /// <summary>Oracle case <c>{name}</c>: {note}." + (f" Emulated: {how}." if how else "") + "</summary>")
        lines.append(f"    [Conv2d({args})]")
        lines.append(f"    public partial class {cls} {{ }}")
        lines.append("")
        table.append(f"            new(\"{name}\", r => new {cls}(r), {cls}.Geometry, {cls}.FixedHeight, {cls}.FixedWidth, "
                     f"{crop_top}, {crop_left}, {step_h}, {step_w}, \"{how}\"),")
    lines += [
        "    internal static partial class OracleLayers",
        "    {",
        f"        /// <summary>One generated layer per oracle case ({len(table)}), in index order.</summary>",
        "        public static readonly OracleLayer[] All =",
        "        {",
        *table,
        "        };",
        "    }",
        "}",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {len(table)} layers to {OUT.relative_to(ROOT)} ({len(table) - len(emulated)} direct, {len(emulated)} emulated)")
    for e in emulated:
        print(f"  emulated {e}")


if __name__ == "__main__":
    main()
