// Written by tools/testgen/gen_matrix_layers.py; do not edit by hand.
using ConvGen;

namespace ConvGen.Kernels.Tests.Matrix
{
    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 1, K2 = 1, Stride = 1, Pad = 0)]
    public partial class M000_K1x1_S1_P0_C1to1 { }

    [Conv2d(InChannels = 3, OutChannels = 1, K1 = 1, K2 = 1, Stride = 1, Pad = 1)]
    public partial class M001_K1x1_S1_P1_C3to1 { }

    [Conv2d(InChannels = 8, OutChannels = 1, K1 = 1, K2 = 1, Stride = 1, Pad = 2)]
    public partial class M002_K1x1_S1_P2_C8to1 { }

    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 1, K2 = 1, Stride = 1, Pad = 3)]
    public partial class M003_K1x1_S1_P3_C1to6 { }

    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 1, K2 = 1, Stride = 2, Pad = 0)]
    public partial class M004_K1x1_S2_P0_C3to6 { }

    [Conv2d(InChannels = 8, OutChannels = 6, K1 = 1, K2 = 1, Stride = 2, Pad = 1)]
    public partial class M005_K1x1_S2_P1_C8to6 { }

    [Conv2d(InChannels = 1, OutChannels = 16, K1 = 1, K2 = 1, Stride = 2, Pad = 2)]
    public partial class M006_K1x1_S2_P2_C1to16 { }

    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 1, K2 = 1, Stride = 2, Pad = 3)]
    public partial class M007_K1x1_S2_P3_C3to16 { }

    [Conv2d(InChannels = 8, OutChannels = 16, K1 = 1, K2 = 1, Stride = 3, Pad = 0)]
    public partial class M008_K1x1_S3_P0_C8to16 { }

    [Conv2d(InChannels = 1, OutChannels = 33, K1 = 1, K2 = 1, Stride = 3, Pad = 1)]
    public partial class M009_K1x1_S3_P1_C1to33 { }

    [Conv2d(InChannels = 3, OutChannels = 33, K1 = 1, K2 = 1, Stride = 3, Pad = 2)]
    public partial class M010_K1x1_S3_P2_C3to33 { }

    [Conv2d(InChannels = 8, OutChannels = 33, K1 = 1, K2 = 1, Stride = 3, Pad = 3)]
    public partial class M011_K1x1_S3_P3_C8to33 { }

    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 3, K2 = 3, Stride = 1, Pad = 0)]
    public partial class M012_K3x3_S1_P0_C1to1 { }

    [Conv2d(InChannels = 3, OutChannels = 1, K1 = 3, K2 = 3, Stride = 1, Pad = 1)]
    public partial class M013_K3x3_S1_P1_C3to1 { }

    [Conv2d(InChannels = 8, OutChannels = 1, K1 = 3, K2 = 3, Stride = 1, Pad = 2)]
    public partial class M014_K3x3_S1_P2_C8to1 { }

    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 3, K2 = 3, Stride = 1, Pad = 3)]
    public partial class M015_K3x3_S1_P3_C1to6 { }

    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 3, K2 = 3, Stride = 2, Pad = 0)]
    public partial class M016_K3x3_S2_P0_C3to6 { }

    [Conv2d(InChannels = 8, OutChannels = 6, K1 = 3, K2 = 3, Stride = 2, Pad = 1)]
    public partial class M017_K3x3_S2_P1_C8to6 { }

    [Conv2d(InChannels = 1, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 2)]
    public partial class M018_K3x3_S2_P2_C1to16 { }

    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 3)]
    public partial class M019_K3x3_S2_P3_C3to16 { }

    [Conv2d(InChannels = 8, OutChannels = 16, K1 = 3, K2 = 3, Stride = 3, Pad = 0)]
    public partial class M020_K3x3_S3_P0_C8to16 { }

    [Conv2d(InChannels = 1, OutChannels = 33, K1 = 3, K2 = 3, Stride = 3, Pad = 1)]
    public partial class M021_K3x3_S3_P1_C1to33 { }

    [Conv2d(InChannels = 3, OutChannels = 33, K1 = 3, K2 = 3, Stride = 3, Pad = 2)]
    public partial class M022_K3x3_S3_P2_C3to33 { }

    [Conv2d(InChannels = 8, OutChannels = 33, K1 = 3, K2 = 3, Stride = 3, Pad = 3)]
    public partial class M023_K3x3_S3_P3_C8to33 { }

    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 5, K2 = 5, Stride = 1, Pad = 0)]
    public partial class M024_K5x5_S1_P0_C1to1 { }

    [Conv2d(InChannels = 3, OutChannels = 1, K1 = 5, K2 = 5, Stride = 1, Pad = 1)]
    public partial class M025_K5x5_S1_P1_C3to1 { }

    [Conv2d(InChannels = 8, OutChannels = 1, K1 = 5, K2 = 5, Stride = 1, Pad = 2)]
    public partial class M026_K5x5_S1_P2_C8to1 { }

    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Stride = 1, Pad = 3)]
    public partial class M027_K5x5_S1_P3_C1to6 { }

    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 5, K2 = 5, Stride = 2, Pad = 0)]
    public partial class M028_K5x5_S2_P0_C3to6 { }

    [Conv2d(InChannels = 8, OutChannels = 6, K1 = 5, K2 = 5, Stride = 2, Pad = 1)]
    public partial class M029_K5x5_S2_P1_C8to6 { }

    [Conv2d(InChannels = 1, OutChannels = 16, K1 = 5, K2 = 5, Stride = 2, Pad = 2)]
    public partial class M030_K5x5_S2_P2_C1to16 { }

    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 5, K2 = 5, Stride = 2, Pad = 3)]
    public partial class M031_K5x5_S2_P3_C3to16 { }

    [Conv2d(InChannels = 8, OutChannels = 16, K1 = 5, K2 = 5, Stride = 3, Pad = 0)]
    public partial class M032_K5x5_S3_P0_C8to16 { }

    [Conv2d(InChannels = 1, OutChannels = 33, K1 = 5, K2 = 5, Stride = 3, Pad = 1)]
    public partial class M033_K5x5_S3_P1_C1to33 { }

    [Conv2d(InChannels = 3, OutChannels = 33, K1 = 5, K2 = 5, Stride = 3, Pad = 2)]
    public partial class M034_K5x5_S3_P2_C3to33 { }

    [Conv2d(InChannels = 8, OutChannels = 33, K1 = 5, K2 = 5, Stride = 3, Pad = 3)]
    public partial class M035_K5x5_S3_P3_C8to33 { }

    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 7, K2 = 7, Stride = 1, Pad = 0)]
    public partial class M036_K7x7_S1_P0_C1to1 { }

    [Conv2d(InChannels = 3, OutChannels = 1, K1 = 7, K2 = 7, Stride = 1, Pad = 1)]
    public partial class M037_K7x7_S1_P1_C3to1 { }

    [Conv2d(InChannels = 8, OutChannels = 1, K1 = 7, K2 = 7, Stride = 1, Pad = 2)]
    public partial class M038_K7x7_S1_P2_C8to1 { }

    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 7, K2 = 7, Stride = 1, Pad = 3)]
    public partial class M039_K7x7_S1_P3_C1to6 { }

    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 7, K2 = 7, Stride = 2, Pad = 0)]
    public partial class M040_K7x7_S2_P0_C3to6 { }

    [Conv2d(InChannels = 8, OutChannels = 6, K1 = 7, K2 = 7, Stride = 2, Pad = 1)]
    public partial class M041_K7x7_S2_P1_C8to6 { }

    [Conv2d(InChannels = 1, OutChannels = 16, K1 = 7, K2 = 7, Stride = 2, Pad = 2)]
    public partial class M042_K7x7_S2_P2_C1to16 { }

    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 7, K2 = 7, Stride = 2, Pad = 3)]
    public partial class M043_K7x7_S2_P3_C3to16 { }

    [Conv2d(InChannels = 8, OutChannels = 16, K1 = 7, K2 = 7, Stride = 3, Pad = 0)]
    public partial class M044_K7x7_S3_P0_C8to16 { }

    [Conv2d(InChannels = 1, OutChannels = 33, K1 = 7, K2 = 7, Stride = 3, Pad = 1)]
    public partial class M045_K7x7_S3_P1_C1to33 { }

    [Conv2d(InChannels = 3, OutChannels = 33, K1 = 7, K2 = 7, Stride = 3, Pad = 2)]
    public partial class M046_K7x7_S3_P2_C3to33 { }

    [Conv2d(InChannels = 8, OutChannels = 33, K1 = 7, K2 = 7, Stride = 3, Pad = 3)]
    public partial class M047_K7x7_S3_P3_C8to33 { }

    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 3, K2 = 5, Stride = 1, Pad = 0)]
    public partial class M048_K3x5_S1_P0_C1to1 { }

    [Conv2d(InChannels = 3, OutChannels = 1, K1 = 3, K2 = 5, Stride = 1, Pad = 1)]
    public partial class M049_K3x5_S1_P1_C3to1 { }

    [Conv2d(InChannels = 8, OutChannels = 1, K1 = 3, K2 = 5, Stride = 1, Pad = 2)]
    public partial class M050_K3x5_S1_P2_C8to1 { }

    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 3, K2 = 5, Stride = 1, Pad = 3)]
    public partial class M051_K3x5_S1_P3_C1to6 { }

    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 3, K2 = 5, Stride = 2, Pad = 0)]
    public partial class M052_K3x5_S2_P0_C3to6 { }

    [Conv2d(InChannels = 8, OutChannels = 6, K1 = 3, K2 = 5, Stride = 2, Pad = 1)]
    public partial class M053_K3x5_S2_P1_C8to6 { }

    [Conv2d(InChannels = 1, OutChannels = 16, K1 = 3, K2 = 5, Stride = 2, Pad = 2)]
    public partial class M054_K3x5_S2_P2_C1to16 { }

    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 3, K2 = 5, Stride = 2, Pad = 3)]
    public partial class M055_K3x5_S2_P3_C3to16 { }

    [Conv2d(InChannels = 8, OutChannels = 16, K1 = 3, K2 = 5, Stride = 3, Pad = 0)]
    public partial class M056_K3x5_S3_P0_C8to16 { }

    [Conv2d(InChannels = 1, OutChannels = 33, K1 = 3, K2 = 5, Stride = 3, Pad = 1)]
    public partial class M057_K3x5_S3_P1_C1to33 { }

    [Conv2d(InChannels = 3, OutChannels = 33, K1 = 3, K2 = 5, Stride = 3, Pad = 2)]
    public partial class M058_K3x5_S3_P2_C3to33 { }

    [Conv2d(InChannels = 8, OutChannels = 33, K1 = 3, K2 = 5, Stride = 3, Pad = 3)]
    public partial class M059_K3x5_S3_P3_C8to33 { }

    [Conv2d(InChannels = 1, OutChannels = 1, K1 = 1, K2 = 7, Stride = 1, Pad = 0)]
    public partial class M060_K1x7_S1_P0_C1to1 { }

    [Conv2d(InChannels = 3, OutChannels = 1, K1 = 1, K2 = 7, Stride = 1, Pad = 1)]
    public partial class M061_K1x7_S1_P1_C3to1 { }

    [Conv2d(InChannels = 8, OutChannels = 1, K1 = 1, K2 = 7, Stride = 1, Pad = 2)]
    public partial class M062_K1x7_S1_P2_C8to1 { }

    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 1, K2 = 7, Stride = 1, Pad = 3)]
    public partial class M063_K1x7_S1_P3_C1to6 { }

    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 1, K2 = 7, Stride = 2, Pad = 0)]
    public partial class M064_K1x7_S2_P0_C3to6 { }

    [Conv2d(InChannels = 8, OutChannels = 6, K1 = 1, K2 = 7, Stride = 2, Pad = 1)]
    public partial class M065_K1x7_S2_P1_C8to6 { }

    [Conv2d(InChannels = 1, OutChannels = 16, K1 = 1, K2 = 7, Stride = 2, Pad = 2)]
    public partial class M066_K1x7_S2_P2_C1to16 { }

    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 1, K2 = 7, Stride = 2, Pad = 3)]
    public partial class M067_K1x7_S2_P3_C3to16 { }

    [Conv2d(InChannels = 8, OutChannels = 16, K1 = 1, K2 = 7, Stride = 3, Pad = 0)]
    public partial class M068_K1x7_S3_P0_C8to16 { }

    [Conv2d(InChannels = 1, OutChannels = 33, K1 = 1, K2 = 7, Stride = 3, Pad = 1)]
    public partial class M069_K1x7_S3_P1_C1to33 { }

    [Conv2d(InChannels = 3, OutChannels = 33, K1 = 1, K2 = 7, Stride = 3, Pad = 2)]
    public partial class M070_K1x7_S3_P2_C3to33 { }

    [Conv2d(InChannels = 8, OutChannels = 33, K1 = 1, K2 = 7, Stride = 3, Pad = 3)]
    public partial class M071_K1x7_S3_P3_C8to33 { }

    internal static class MatrixLayers
    {
        /// <summary>Every matrix layer: a factory and its geometry.</summary>
        public static readonly (string Name, System.Func<System.Random, ILayer> Create, ConvGen.Kernels.ConvGeometry Geometry)[] All =
        {
            ("M000_K1x1_S1_P0_C1to1", r => new M000_K1x1_S1_P0_C1to1(r), M000_K1x1_S1_P0_C1to1.Geometry),
            ("M001_K1x1_S1_P1_C3to1", r => new M001_K1x1_S1_P1_C3to1(r), M001_K1x1_S1_P1_C3to1.Geometry),
            ("M002_K1x1_S1_P2_C8to1", r => new M002_K1x1_S1_P2_C8to1(r), M002_K1x1_S1_P2_C8to1.Geometry),
            ("M003_K1x1_S1_P3_C1to6", r => new M003_K1x1_S1_P3_C1to6(r), M003_K1x1_S1_P3_C1to6.Geometry),
            ("M004_K1x1_S2_P0_C3to6", r => new M004_K1x1_S2_P0_C3to6(r), M004_K1x1_S2_P0_C3to6.Geometry),
            ("M005_K1x1_S2_P1_C8to6", r => new M005_K1x1_S2_P1_C8to6(r), M005_K1x1_S2_P1_C8to6.Geometry),
            ("M006_K1x1_S2_P2_C1to16", r => new M006_K1x1_S2_P2_C1to16(r), M006_K1x1_S2_P2_C1to16.Geometry),
            ("M007_K1x1_S2_P3_C3to16", r => new M007_K1x1_S2_P3_C3to16(r), M007_K1x1_S2_P3_C3to16.Geometry),
            ("M008_K1x1_S3_P0_C8to16", r => new M008_K1x1_S3_P0_C8to16(r), M008_K1x1_S3_P0_C8to16.Geometry),
            ("M009_K1x1_S3_P1_C1to33", r => new M009_K1x1_S3_P1_C1to33(r), M009_K1x1_S3_P1_C1to33.Geometry),
            ("M010_K1x1_S3_P2_C3to33", r => new M010_K1x1_S3_P2_C3to33(r), M010_K1x1_S3_P2_C3to33.Geometry),
            ("M011_K1x1_S3_P3_C8to33", r => new M011_K1x1_S3_P3_C8to33(r), M011_K1x1_S3_P3_C8to33.Geometry),
            ("M012_K3x3_S1_P0_C1to1", r => new M012_K3x3_S1_P0_C1to1(r), M012_K3x3_S1_P0_C1to1.Geometry),
            ("M013_K3x3_S1_P1_C3to1", r => new M013_K3x3_S1_P1_C3to1(r), M013_K3x3_S1_P1_C3to1.Geometry),
            ("M014_K3x3_S1_P2_C8to1", r => new M014_K3x3_S1_P2_C8to1(r), M014_K3x3_S1_P2_C8to1.Geometry),
            ("M015_K3x3_S1_P3_C1to6", r => new M015_K3x3_S1_P3_C1to6(r), M015_K3x3_S1_P3_C1to6.Geometry),
            ("M016_K3x3_S2_P0_C3to6", r => new M016_K3x3_S2_P0_C3to6(r), M016_K3x3_S2_P0_C3to6.Geometry),
            ("M017_K3x3_S2_P1_C8to6", r => new M017_K3x3_S2_P1_C8to6(r), M017_K3x3_S2_P1_C8to6.Geometry),
            ("M018_K3x3_S2_P2_C1to16", r => new M018_K3x3_S2_P2_C1to16(r), M018_K3x3_S2_P2_C1to16.Geometry),
            ("M019_K3x3_S2_P3_C3to16", r => new M019_K3x3_S2_P3_C3to16(r), M019_K3x3_S2_P3_C3to16.Geometry),
            ("M020_K3x3_S3_P0_C8to16", r => new M020_K3x3_S3_P0_C8to16(r), M020_K3x3_S3_P0_C8to16.Geometry),
            ("M021_K3x3_S3_P1_C1to33", r => new M021_K3x3_S3_P1_C1to33(r), M021_K3x3_S3_P1_C1to33.Geometry),
            ("M022_K3x3_S3_P2_C3to33", r => new M022_K3x3_S3_P2_C3to33(r), M022_K3x3_S3_P2_C3to33.Geometry),
            ("M023_K3x3_S3_P3_C8to33", r => new M023_K3x3_S3_P3_C8to33(r), M023_K3x3_S3_P3_C8to33.Geometry),
            ("M024_K5x5_S1_P0_C1to1", r => new M024_K5x5_S1_P0_C1to1(r), M024_K5x5_S1_P0_C1to1.Geometry),
            ("M025_K5x5_S1_P1_C3to1", r => new M025_K5x5_S1_P1_C3to1(r), M025_K5x5_S1_P1_C3to1.Geometry),
            ("M026_K5x5_S1_P2_C8to1", r => new M026_K5x5_S1_P2_C8to1(r), M026_K5x5_S1_P2_C8to1.Geometry),
            ("M027_K5x5_S1_P3_C1to6", r => new M027_K5x5_S1_P3_C1to6(r), M027_K5x5_S1_P3_C1to6.Geometry),
            ("M028_K5x5_S2_P0_C3to6", r => new M028_K5x5_S2_P0_C3to6(r), M028_K5x5_S2_P0_C3to6.Geometry),
            ("M029_K5x5_S2_P1_C8to6", r => new M029_K5x5_S2_P1_C8to6(r), M029_K5x5_S2_P1_C8to6.Geometry),
            ("M030_K5x5_S2_P2_C1to16", r => new M030_K5x5_S2_P2_C1to16(r), M030_K5x5_S2_P2_C1to16.Geometry),
            ("M031_K5x5_S2_P3_C3to16", r => new M031_K5x5_S2_P3_C3to16(r), M031_K5x5_S2_P3_C3to16.Geometry),
            ("M032_K5x5_S3_P0_C8to16", r => new M032_K5x5_S3_P0_C8to16(r), M032_K5x5_S3_P0_C8to16.Geometry),
            ("M033_K5x5_S3_P1_C1to33", r => new M033_K5x5_S3_P1_C1to33(r), M033_K5x5_S3_P1_C1to33.Geometry),
            ("M034_K5x5_S3_P2_C3to33", r => new M034_K5x5_S3_P2_C3to33(r), M034_K5x5_S3_P2_C3to33.Geometry),
            ("M035_K5x5_S3_P3_C8to33", r => new M035_K5x5_S3_P3_C8to33(r), M035_K5x5_S3_P3_C8to33.Geometry),
            ("M036_K7x7_S1_P0_C1to1", r => new M036_K7x7_S1_P0_C1to1(r), M036_K7x7_S1_P0_C1to1.Geometry),
            ("M037_K7x7_S1_P1_C3to1", r => new M037_K7x7_S1_P1_C3to1(r), M037_K7x7_S1_P1_C3to1.Geometry),
            ("M038_K7x7_S1_P2_C8to1", r => new M038_K7x7_S1_P2_C8to1(r), M038_K7x7_S1_P2_C8to1.Geometry),
            ("M039_K7x7_S1_P3_C1to6", r => new M039_K7x7_S1_P3_C1to6(r), M039_K7x7_S1_P3_C1to6.Geometry),
            ("M040_K7x7_S2_P0_C3to6", r => new M040_K7x7_S2_P0_C3to6(r), M040_K7x7_S2_P0_C3to6.Geometry),
            ("M041_K7x7_S2_P1_C8to6", r => new M041_K7x7_S2_P1_C8to6(r), M041_K7x7_S2_P1_C8to6.Geometry),
            ("M042_K7x7_S2_P2_C1to16", r => new M042_K7x7_S2_P2_C1to16(r), M042_K7x7_S2_P2_C1to16.Geometry),
            ("M043_K7x7_S2_P3_C3to16", r => new M043_K7x7_S2_P3_C3to16(r), M043_K7x7_S2_P3_C3to16.Geometry),
            ("M044_K7x7_S3_P0_C8to16", r => new M044_K7x7_S3_P0_C8to16(r), M044_K7x7_S3_P0_C8to16.Geometry),
            ("M045_K7x7_S3_P1_C1to33", r => new M045_K7x7_S3_P1_C1to33(r), M045_K7x7_S3_P1_C1to33.Geometry),
            ("M046_K7x7_S3_P2_C3to33", r => new M046_K7x7_S3_P2_C3to33(r), M046_K7x7_S3_P2_C3to33.Geometry),
            ("M047_K7x7_S3_P3_C8to33", r => new M047_K7x7_S3_P3_C8to33(r), M047_K7x7_S3_P3_C8to33.Geometry),
            ("M048_K3x5_S1_P0_C1to1", r => new M048_K3x5_S1_P0_C1to1(r), M048_K3x5_S1_P0_C1to1.Geometry),
            ("M049_K3x5_S1_P1_C3to1", r => new M049_K3x5_S1_P1_C3to1(r), M049_K3x5_S1_P1_C3to1.Geometry),
            ("M050_K3x5_S1_P2_C8to1", r => new M050_K3x5_S1_P2_C8to1(r), M050_K3x5_S1_P2_C8to1.Geometry),
            ("M051_K3x5_S1_P3_C1to6", r => new M051_K3x5_S1_P3_C1to6(r), M051_K3x5_S1_P3_C1to6.Geometry),
            ("M052_K3x5_S2_P0_C3to6", r => new M052_K3x5_S2_P0_C3to6(r), M052_K3x5_S2_P0_C3to6.Geometry),
            ("M053_K3x5_S2_P1_C8to6", r => new M053_K3x5_S2_P1_C8to6(r), M053_K3x5_S2_P1_C8to6.Geometry),
            ("M054_K3x5_S2_P2_C1to16", r => new M054_K3x5_S2_P2_C1to16(r), M054_K3x5_S2_P2_C1to16.Geometry),
            ("M055_K3x5_S2_P3_C3to16", r => new M055_K3x5_S2_P3_C3to16(r), M055_K3x5_S2_P3_C3to16.Geometry),
            ("M056_K3x5_S3_P0_C8to16", r => new M056_K3x5_S3_P0_C8to16(r), M056_K3x5_S3_P0_C8to16.Geometry),
            ("M057_K3x5_S3_P1_C1to33", r => new M057_K3x5_S3_P1_C1to33(r), M057_K3x5_S3_P1_C1to33.Geometry),
            ("M058_K3x5_S3_P2_C3to33", r => new M058_K3x5_S3_P2_C3to33(r), M058_K3x5_S3_P2_C3to33.Geometry),
            ("M059_K3x5_S3_P3_C8to33", r => new M059_K3x5_S3_P3_C8to33(r), M059_K3x5_S3_P3_C8to33.Geometry),
            ("M060_K1x7_S1_P0_C1to1", r => new M060_K1x7_S1_P0_C1to1(r), M060_K1x7_S1_P0_C1to1.Geometry),
            ("M061_K1x7_S1_P1_C3to1", r => new M061_K1x7_S1_P1_C3to1(r), M061_K1x7_S1_P1_C3to1.Geometry),
            ("M062_K1x7_S1_P2_C8to1", r => new M062_K1x7_S1_P2_C8to1(r), M062_K1x7_S1_P2_C8to1.Geometry),
            ("M063_K1x7_S1_P3_C1to6", r => new M063_K1x7_S1_P3_C1to6(r), M063_K1x7_S1_P3_C1to6.Geometry),
            ("M064_K1x7_S2_P0_C3to6", r => new M064_K1x7_S2_P0_C3to6(r), M064_K1x7_S2_P0_C3to6.Geometry),
            ("M065_K1x7_S2_P1_C8to6", r => new M065_K1x7_S2_P1_C8to6(r), M065_K1x7_S2_P1_C8to6.Geometry),
            ("M066_K1x7_S2_P2_C1to16", r => new M066_K1x7_S2_P2_C1to16(r), M066_K1x7_S2_P2_C1to16.Geometry),
            ("M067_K1x7_S2_P3_C3to16", r => new M067_K1x7_S2_P3_C3to16(r), M067_K1x7_S2_P3_C3to16.Geometry),
            ("M068_K1x7_S3_P0_C8to16", r => new M068_K1x7_S3_P0_C8to16(r), M068_K1x7_S3_P0_C8to16.Geometry),
            ("M069_K1x7_S3_P1_C1to33", r => new M069_K1x7_S3_P1_C1to33(r), M069_K1x7_S3_P1_C1to33.Geometry),
            ("M070_K1x7_S3_P2_C3to33", r => new M070_K1x7_S3_P2_C3to33(r), M070_K1x7_S3_P2_C3to33.Geometry),
            ("M071_K1x7_S3_P3_C8to33", r => new M071_K1x7_S3_P3_C8to33(r), M071_K1x7_S3_P3_C8to33.Geometry),
        };
    }
}
