using System.Collections.Generic;
using ConvGen.Oracle;
using static ConvGen.PaddingMode;

namespace ConvGen.Tools.TorchOracle
{
    /// <summary>
    /// The conv2d oracle cases. This list is the source; <c>tests/oracle/conv2d/index.json</c> is written from it. Shapes are
    /// kept small (the expected values are committed) but every option and edge of the geometry appears at least once.
    /// Seeds are a hash of the name, so adding or reordering cases leaves the other cases' files unchanged.
    /// </summary>
    public static class OracleCaseList
    {
        /// <summary>All cases, grouped by the option they exercise.</summary>
        public static IReadOnlyList<OracleCaseParameters> All { get; } =
        [
            // Kernel sizes, stride 1, zero padding.
            C("k1x1", "pointwise 1x1", 2, 4, 6, 7, 7, 1, 1),
            C("k3x3_p1", "the common 3x3 'same' layer", 2, 3, 8, 9, 9, 3, 3, pad: 1),
            C("k5x5_p2", "5x5 'same'", 1, 2, 4, 13, 13, 5, 5, pad: 2),
            C("k7x7_p3", "7x7 'same'", 1, 3, 4, 17, 17, 7, 7, pad: 3),
            C("k3x5_p1x2", "non-square kernel, PadH != PadW", 2, 3, 4, 11, 13, 3, 5) with { PadTop = 1, PadBottom = 1, PadLeft = 2, PadRight = 2 },
            C("k5x3_p0", "tall kernel, no padding", 1, 2, 3, 12, 9, 5, 3),
            C("k1x7_p0x3", "1x7 row kernel (Inception-style factorised)", 1, 4, 5, 9, 16, 1, 7) with { PadLeft = 3, PadRight = 3 },
            C("k7x1_p3x0", "7x1 column kernel", 1, 3, 4, 16, 9, 7, 1) with { PadTop = 3, PadBottom = 3 },

            // Strides.
            C("s2_k3_p1_even", "stride 2 on an even size", 2, 3, 4, 16, 16, 3, 3, stride: 2, pad: 1),
            C("s2_k3_p1_odd", "stride 2 on an odd size", 1, 3, 5, 17, 17, 3, 3, stride: 2, pad: 1),
            C("s3_k3_p0", "stride 3, size not a multiple of it (floor drops the tail)", 2, 2, 4, 13, 14, 3, 3, stride: 3),
            C("s3_k5_p2_17x23", "stride 3 on a rectangular odd input", 1, 3, 4, 17, 23, 5, 5, stride: 3, pad: 2),
            C("s2x1_k3_p1", "asymmetric stride (2, 1)", 2, 3, 4, 10, 9, 3, 3, pad: 1) with { StrideH = 2 },
            C("s1x3_k3x5_p1x2", "asymmetric stride (1, 3) with a 3x5 kernel", 1, 2, 4, 9, 19, 3, 5) with { StrideW = 3, PadTop = 1, PadBottom = 1, PadLeft = 2, PadRight = 2 },
            C("s2_k1_p0", "1x1 stride 2 (ResNet projection shortcut)", 2, 6, 8, 9, 9, 1, 1, stride: 2),
            C("s2_k7_p3_stem", "ResNet-stem-like 7x7 stride 2 pad 3", 1, 3, 8, 33, 33, 7, 7, stride: 2, pad: 3),
            C("s4_k4_p0", "patchify: kernel = stride = 4", 1, 3, 8, 16, 16, 4, 4, stride: 4),

            // Padding amounts, symmetric and not.
            C("p0_k3", "'valid' 3x3", 2, 3, 4, 8, 10, 3, 3),
            C("p2_k3", "padding larger than the kernel radius: output grows", 1, 3, 4, 7, 7, 3, 3, pad: 2),
            C("p3_k3", "padding 3 with a 3x3 kernel: output rows that see only padding", 1, 2, 3, 6, 5, 3, 3, pad: 3),
            C("pad_h0_w2", "PadH = 0, PadW = 2", 1, 3, 4, 8, 8, 3, 3) with { PadLeft = 2, PadRight = 2 },
            C("same_k2", "PyTorch 'same' for an even 2x2 kernel: 0 top/left, 1 bottom/right", 2, 3, 4, 8, 9, 2, 2) with { PadBottom = 1, PadRight = 1 },
            C("same_k4", "PyTorch 'same' for 4x4: 1 top/left, 2 bottom/right", 1, 3, 4, 10, 11, 4, 4) with { PadTop = 1, PadBottom = 2, PadLeft = 1, PadRight = 2 },
            C("same_k2x6", "PyTorch 'same' for 2x6: (0,1) rows, (2,3) columns", 1, 2, 3, 7, 12, 2, 6) with { PadBottom = 1, PadLeft = 2, PadRight = 3 },
            C("pad_1_2_0_3", "all four sides different (top 1, bottom 2, left 0, right 3)", 2, 2, 3, 7, 8, 3, 3) with { PadTop = 1, PadBottom = 2, PadRight = 3 },
            C("k5_on_3x3_p2", "kernel larger than the input, padding makes it fit", 1, 2, 3, 3, 3, 5, 5, pad: 2),
            C("k5_on_5x5_p0", "output is 1x1", 3, 2, 4, 5, 5, 5, 5),

            // Padding modes.
            C("reflect_k3_p1", "reflect", 2, 3, 4, 8, 9, 3, 3, pad: 1, mode: Reflect),
            C("reflect_k5_p2_s2", "reflect, stride 2", 1, 3, 4, 11, 12, 5, 5, stride: 2, pad: 2, mode: Reflect),
            C("reflect_max_pad", "reflect with pad = size - 1 (the largest PyTorch allows)", 1, 2, 3, 4, 5, 3, 3, pad: 3, mode: Reflect),
            C("reflect_asym", "reflect with four different pads", 1, 2, 3, 7, 8, 3, 3, mode: Reflect) with { PadTop = 2, PadBottom = 0, PadLeft = 1, PadRight = 3 },
            C("replicate_k3_p1", "replicate", 2, 3, 4, 8, 9, 3, 3, pad: 1, mode: Replicate),
            C("replicate_k3_p3", "replicate, pad beyond the kernel radius", 1, 2, 3, 6, 7, 3, 3, pad: 3, mode: Replicate),
            C("replicate_s2_d2", "replicate with stride 2 and dilation 2", 1, 3, 4, 11, 12, 3, 3, stride: 2, pad: 2, dilation: 2, mode: Replicate),
            C("circular_k3_p1", "circular", 2, 3, 4, 8, 9, 3, 3, pad: 1, mode: Circular),
            C("circular_k5_p2_s2", "circular, stride 2, small input", 1, 2, 4, 7, 7, 5, 5, stride: 2, pad: 2, mode: Circular),
            C("circular_pad_eq_size", "circular with pad = size (wraps the whole input)", 1, 2, 3, 3, 4, 3, 3, pad: 3, mode: Circular),
            C("circular_asym", "circular with four different pads", 1, 2, 3, 6, 7, 3, 3, mode: Circular) with { PadTop = 0, PadBottom = 2, PadLeft = 3, PadRight = 1 },

            // Dilation.
            C("d2_k3_p2", "dilation 2 'same'", 2, 3, 4, 10, 11, 3, 3, pad: 2, dilation: 2),
            C("d3_k3_p3_17", "dilation 3 on 17x17", 1, 2, 4, 17, 17, 3, 3, pad: 3, dilation: 3),
            C("d2_s2_k3_p1", "dilation 2 with stride 2", 1, 3, 4, 13, 12, 3, 3, stride: 2, pad: 1, dilation: 2),
            C("d2x1_k3", "per-axis dilation (2, 1): not expressible as an attribute", 1, 2, 3, 9, 9, 3, 3, pad: 1) with { DilationH = 2 },
            C("d2_k2_same", "dilation 2 with a 2x2 kernel, 'same' (symmetric: total pad 2)", 1, 2, 3, 8, 8, 2, 2, pad: 1, dilation: 2),

            // Groups.
            C("groups2", "2 groups", 2, 4, 6, 8, 9, 3, 3, pad: 1, groups: 2),
            C("groups3_k1", "3 groups, pointwise (ShuffleNet-style)", 1, 6, 9, 7, 7, 1, 1, groups: 3),
            C("depthwise_k3", "depthwise 3x3 (MobileNet)", 2, 8, 8, 9, 9, 3, 3, pad: 1, groups: 8),
            C("depthwise_x2_k5_s2", "depthwise with channel multiplier 2, 5x5 stride 2", 1, 4, 8, 12, 11, 5, 5, stride: 2, pad: 2, groups: 4),
            C("depthwise_k7_p3", "depthwise 7x7 (ConvNeXt)", 1, 6, 6, 13, 13, 7, 7, pad: 3, groups: 6),
            C("groups2_s2_d2", "2 groups with stride 2 and dilation 2", 1, 4, 4, 11, 11, 3, 3, stride: 2, pad: 2, dilation: 2, groups: 2),

            // FlipKernel (true convolution).
            C("flip_k3_p1", "true convolution, 3x3", 2, 3, 4, 8, 8, 3, 3, pad: 1, flip: true),
            C("flip_k3x5_s2x1", "true convolution, non-square kernel, asymmetric stride and padding", 1, 2, 4, 11, 13, 3, 5, flip: true) with { StrideH = 2, PadTop = 1, PadBottom = 1, PadLeft = 2, PadRight = 2 },
            C("flip_groups2_reflect", "true convolution with groups and reflect padding", 1, 4, 4, 9, 8, 3, 3, pad: 1, groups: 2, mode: Reflect, flip: true),
            C("flip_k1x1", "true convolution with 1x1 (flip is the identity)", 1, 3, 4, 5, 6, 1, 1, flip: true),

            // Without bias.
            C("nobias_k3_p1", "no bias", 2, 3, 4, 8, 8, 3, 3, pad: 1, bias: false),
            C("nobias_depthwise", "no bias, depthwise", 1, 6, 6, 9, 9, 3, 3, pad: 1, groups: 6, bias: false),

            // Odd sizes and batches.
            C("odd_7x7_s2_b3", "7x7 input, stride 2, batch 3", 3, 2, 4, 7, 7, 3, 3, stride: 2),
            C("odd_13x13", "13x13 input", 2, 3, 4, 13, 13, 3, 3, pad: 1),
            C("odd_17x23", "17x23 input", 1, 3, 4, 17, 23, 3, 3, pad: 1),
            C("odd_33x33", "33x33 input", 1, 2, 4, 33, 33, 3, 3, pad: 1),

            // Channel counts where float32 libtorch (oneDNN) answers wrongly on this CPU, and real layer shapes.
            C("cin17_cout5_k3_p1", "Cin 17 -> Cout 5: float32 libtorch forward is wrong here", 2, 17, 5, 9, 11, 3, 3, pad: 1),
            C("cout6_k5_p2", "Cout 6 (not a multiple of 16)", 2, 3, 6, 12, 12, 5, 5, pad: 2),
            C("cout12_k3_p1", "Cout 12", 1, 5, 12, 10, 10, 3, 3, pad: 1),
            C("cout8_k3_s2", "Cout 8 with stride 2", 2, 4, 8, 11, 11, 3, 3, stride: 2, pad: 1),
            C("lenet_c1", "LeNet-5 C1: 1 -> 6, 5x5, pad 2 on 28x28", 1, 1, 6, 28, 28, 5, 5, pad: 2),
            C("lenet_c3", "LeNet-5 C3: 6 -> 16, 5x5 on 14x14", 2, 6, 16, 14, 14, 5, 5),
            C("acceptance_5x7_k3x5_s2_p1", "acceptance case: Cin 5, Cout 7, 3x5, stride 2, pad 1, input [2,5,17,23]", 2, 5, 7, 17, 23, 3, 5, stride: 2, pad: 1),

            // Narrow rows, whole blocks of 16 output channels: the channel-vector forward on AVX-512.
            C("cv_cout32_k3_p1", "channel vectors: two blocks of 16, 12-wide rows", 2, 8, 32, 10, 12, 3, 3, pad: 1),
            C("cv_k3x5_reflect_nobias", "channel vectors: 3x5, reflect padding, no bias, odd height", 1, 5, 16, 9, 11, 3, 5, mode: Reflect, bias: false) with { PadTop = 1, PadBottom = 1, PadLeft = 2, PadRight = 2 },
            C("cv_flip_k5_p2_b3", "channel vectors: true convolution, 7x7, batch 3", 3, 3, 16, 7, 7, 5, 5, pad: 2, flip: true),
            // Stride 2: the channel-vector forward in evaluation mode (over a plain padded copy, or the unpadded input itself).
            C("cv_s2_k3_p1", "channel vectors at stride 2: two blocks of 16, 17-wide output rows in two 9-wide tiles", 2, 8, 32, 20, 34, 3, 3, stride: 2, pad: 1),
            C("cv_s2_k5_p2_reflect_nobias", "channel vectors at stride 2: 5x5, reflect padding, no bias, odd sizes", 1, 4, 16, 15, 21, 5, 5, stride: 2, pad: 2, mode: Reflect, bias: false),
            C("cv_s2_k3_valid_b3", "channel vectors at stride 2: unpadded input read in place, floor drops a column, batch 3", 3, 16, 16, 13, 18, 3, 3, stride: 2),
            // 3x3 stride 1, >= 16 channels each way, rows of 12+ tiles: Winograd F(4x4, 3x3) on AVX-512, in both modes.
            C("wino_k3_p1", "Winograd: 32 -> 40 (blocks 16, 16, 8), 45-wide rows (12 tiles, the last cut), 5 rows (a cut tile row)", 1, 32, 40, 5, 45, 3, 3, pad: 1),
            C("wino_flip_p2_nobias", "Winograd: true convolution, padding 2 (outputs larger than the input), no bias, 33 inputs", 1, 33, 32, 3, 46, 3, 3, pad: 2, flip: true, bias: false),
            // 3x3 stride 2, >= 16 channels each way, output rows of 23-32 or 47-64 columns: the stride-2 Winograd forward.
            C("wino_s2_k3_p1", "stride-2 Winograd: 32 -> 40 (blocks 16, 16, 8), 27-wide output rows (14 tiles of 2, the last cut), 5 rows (3 tile rows, the last cut), batch 2", 2, 32, 40, 9, 53, 3, 3, stride: 2, pad: 1),
            C("wino_s2_flip_p2_nobias", "stride-2 Winograd: true convolution, padding 2, no bias, 17 inputs, 29-wide output rows (15 tiles, the last cut)", 1, 17, 16, 6, 55, 3, 3, stride: 2, pad: 2, flip: true, bias: false),
            C("wino_s2_valid_wide", "stride-2 Winograd: no padding, 57-wide output rows (29 tiles in two groups of 16, the second cut)", 1, 16, 32, 7, 115, 3, 3, stride: 2),
        ];

        private static OracleCaseParameters C(string name, string note, int batch, int cin, int cout, int h, int w, int k1, int k2,
            int stride = 1, int pad = 0, int dilation = 1, int groups = 1, PaddingMode mode = Zeros, bool flip = false, bool bias = true)
            => new(name, note, batch, cin, cout, h, w, k1, k2, stride, stride, pad, pad, pad, pad, dilation, dilation, groups, mode,
                flip, bias, SeedOf(name));

        /// <summary>FNV-1a of the name folded to 32 bits: a stable per-case seed that every JSON reader holds exactly.</summary>
        private static ulong SeedOf(string name)
        {
            ulong hash = 0xcbf29ce484222325UL;
            foreach (char c in name) hash = (hash ^ c) * 0x100000001b3UL;
            return (uint)(hash ^ (hash >> 32));
        }
    }
}
