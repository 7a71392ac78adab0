// Written by tools/testgen/gen_oracle_layers.py from tests/oracle/conv2d/index.json; do not edit by hand.
using ConvGen;

namespace ConvGen.Kernels.Tests.OracleParity
{
    /// <summary>Oracle case <c>k1x1</c>: pointwise 1x1.</summary>
    [Conv2d(InChannels = 4, OutChannels = 6, K1 = 1, K2 = 1, Stride = 1, Pad = 0, Height = 7, Width = 7)]
    public partial class Oracle_k1x1 { }

    /// <summary>Oracle case <c>k3x3_p1</c>: the common 3x3 'same' layer.</summary>
    [Conv2d(InChannels = 3, OutChannels = 8, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 9, Width = 9)]
    public partial class Oracle_k3x3_p1 { }

    /// <summary>Oracle case <c>k5x5_p2</c>: 5x5 'same'.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 5, K2 = 5, Stride = 1, Pad = 2, Height = 13, Width = 13)]
    public partial class Oracle_k5x5_p2 { }

    /// <summary>Oracle case <c>k7x7_p3</c>: 7x7 'same'.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 7, K2 = 7, Stride = 1, Pad = 3, Height = 17, Width = 17)]
    public partial class Oracle_k7x7_p3 { }

    /// <summary>Oracle case <c>k3x5_p1x2</c>: non-square kernel, PadH != PadW.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 5, Stride = 1, PadH = 1, PadW = 2, Height = 11, Width = 13)]
    public partial class Oracle_k3x5_p1x2 { }

    /// <summary>Oracle case <c>k5x3_p0</c>: tall kernel, no padding.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 5, K2 = 3, Stride = 1, Pad = 0, Height = 12, Width = 9)]
    public partial class Oracle_k5x3_p0 { }

    /// <summary>Oracle case <c>k1x7_p0x3</c>: 1x7 row kernel (Inception-style factorised).</summary>
    [Conv2d(InChannels = 4, OutChannels = 5, K1 = 1, K2 = 7, Stride = 1, PadH = 0, PadW = 3, Height = 9, Width = 16)]
    public partial class Oracle_k1x7_p0x3 { }

    /// <summary>Oracle case <c>k7x1_p3x0</c>: 7x1 column kernel.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 7, K2 = 1, Stride = 1, PadH = 3, PadW = 0, Height = 16, Width = 9)]
    public partial class Oracle_k7x1_p3x0 { }

    /// <summary>Oracle case <c>s2_k3_p1_even</c>: stride 2 on an even size.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Height = 16, Width = 16)]
    public partial class Oracle_s2_k3_p1_even { }

    /// <summary>Oracle case <c>s2_k3_p1_odd</c>: stride 2 on an odd size.</summary>
    [Conv2d(InChannels = 3, OutChannels = 5, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Height = 17, Width = 17)]
    public partial class Oracle_s2_k3_p1_odd { }

    /// <summary>Oracle case <c>s3_k3_p0</c>: stride 3, size not a multiple of it (floor drops the tail).</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 3, Stride = 3, Pad = 0, Height = 13, Width = 14)]
    public partial class Oracle_s3_k3_p0 { }

    /// <summary>Oracle case <c>s3_k5_p2_17x23</c>: stride 3 on a rectangular odd input.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 5, K2 = 5, Stride = 3, Pad = 2, Height = 17, Width = 23)]
    public partial class Oracle_s3_k5_p2_17x23 { }

    /// <summary>Oracle case <c>s2x1_k3_p1</c>: asymmetric stride (2, 1).</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, StrideH = 2, StrideW = 1, Pad = 1, Height = 10, Width = 9)]
    public partial class Oracle_s2x1_k3_p1 { }

    /// <summary>Oracle case <c>s1x3_k3x5_p1x2</c>: asymmetric stride (1, 3) with a 3x5 kernel.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 5, StrideH = 1, StrideW = 3, PadH = 1, PadW = 2, Height = 9, Width = 19)]
    public partial class Oracle_s1x3_k3x5_p1x2 { }

    /// <summary>Oracle case <c>s2_k1_p0</c>: 1x1 stride 2 (ResNet projection shortcut).</summary>
    [Conv2d(InChannels = 6, OutChannels = 8, K1 = 1, K2 = 1, Stride = 2, Pad = 0, Height = 9, Width = 9)]
    public partial class Oracle_s2_k1_p0 { }

    /// <summary>Oracle case <c>s2_k7_p3_stem</c>: ResNet-stem-like 7x7 stride 2 pad 3.</summary>
    [Conv2d(InChannels = 3, OutChannels = 8, K1 = 7, K2 = 7, Stride = 2, Pad = 3, Height = 33, Width = 33)]
    public partial class Oracle_s2_k7_p3_stem { }

    /// <summary>Oracle case <c>s4_k4_p0</c>: patchify: kernel = stride = 4.</summary>
    [Conv2d(InChannels = 3, OutChannels = 8, K1 = 4, K2 = 4, Stride = 4, Pad = 0, Height = 16, Width = 16)]
    public partial class Oracle_s4_k4_p0 { }

    /// <summary>Oracle case <c>p0_k3</c>: 'valid' 3x3.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 0, Height = 8, Width = 10)]
    public partial class Oracle_p0_k3 { }

    /// <summary>Oracle case <c>p2_k3</c>: padding larger than the kernel radius: output grows.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 2, Height = 7, Width = 7)]
    public partial class Oracle_p2_k3 { }

    /// <summary>Oracle case <c>p3_k3</c>: padding 3 with a 3x3 kernel: output rows that see only padding.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Stride = 1, Pad = 3, Height = 6, Width = 5)]
    public partial class Oracle_p3_k3 { }

    /// <summary>Oracle case <c>pad_h0_w2</c>: PadH = 0, PadW = 2.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, PadH = 0, PadW = 2, Height = 8, Width = 8)]
    public partial class Oracle_pad_h0_w2 { }

    /// <summary>Oracle case <c>same_k2</c>: PyTorch 'same' for an even 2x2 kernel: 0 top/left, 1 bottom/right.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 2, K2 = 2, Stride = 1, Padding = PaddingPreset.Same, Height = 8, Width = 9)]
    public partial class Oracle_same_k2 { }

    /// <summary>Oracle case <c>same_k4</c>: PyTorch 'same' for 4x4: 1 top/left, 2 bottom/right.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 4, K2 = 4, Stride = 1, Padding = PaddingPreset.Same, Height = 10, Width = 11)]
    public partial class Oracle_same_k4 { }

    /// <summary>Oracle case <c>same_k2x6</c>: PyTorch 'same' for 2x6: (0,1) rows, (2,3) columns.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 2, K2 = 6, Stride = 1, Padding = PaddingPreset.Same, Height = 7, Width = 12)]
    public partial class Oracle_same_k2x6 { }

    /// <summary>Oracle case <c>pad_1_2_0_3</c>: all four sides different (top 1, bottom 2, left 0, right 3). Emulated: pads 1/2/0/3 as PadH 2, PadW 3, output cropped at (1, 3).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Stride = 1, PadH = 2, PadW = 3, Height = 7, Width = 8)]
    public partial class Oracle_pad_1_2_0_3 { }

    /// <summary>Oracle case <c>k5_on_3x3_p2</c>: kernel larger than the input, padding makes it fit.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 5, K2 = 5, Stride = 1, Pad = 2, Height = 3, Width = 3)]
    public partial class Oracle_k5_on_3x3_p2 { }

    /// <summary>Oracle case <c>k5_on_5x5_p0</c>: output is 1x1.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 5, K2 = 5, Stride = 1, Pad = 0, Height = 5, Width = 5)]
    public partial class Oracle_k5_on_5x5_p0 { }

    /// <summary>Oracle case <c>reflect_k3_p1</c>: reflect.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, PaddingMode = PaddingMode.Reflect, Height = 8, Width = 9)]
    public partial class Oracle_reflect_k3_p1 { }

    /// <summary>Oracle case <c>reflect_k5_p2_s2</c>: reflect, stride 2.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 5, K2 = 5, Stride = 2, Pad = 2, PaddingMode = PaddingMode.Reflect, Height = 11, Width = 12)]
    public partial class Oracle_reflect_k5_p2_s2 { }

    /// <summary>Oracle case <c>reflect_max_pad</c>: reflect with pad = size - 1 (the largest PyTorch allows).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Stride = 1, Pad = 3, PaddingMode = PaddingMode.Reflect, Height = 4, Width = 5)]
    public partial class Oracle_reflect_max_pad { }

    /// <summary>Oracle case <c>reflect_asym</c>: reflect with four different pads. Emulated: pads 2/0/1/3 as PadH 2, PadW 3, output cropped at (0, 2).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Stride = 1, PadH = 2, PadW = 3, PaddingMode = PaddingMode.Reflect, Height = 7, Width = 8)]
    public partial class Oracle_reflect_asym { }

    /// <summary>Oracle case <c>replicate_k3_p1</c>: replicate.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, PaddingMode = PaddingMode.Replicate, Height = 8, Width = 9)]
    public partial class Oracle_replicate_k3_p1 { }

    /// <summary>Oracle case <c>replicate_k3_p3</c>: replicate, pad beyond the kernel radius.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Stride = 1, Pad = 3, PaddingMode = PaddingMode.Replicate, Height = 6, Width = 7)]
    public partial class Oracle_replicate_k3_p3 { }

    /// <summary>Oracle case <c>replicate_s2_d2</c>: replicate with stride 2 and dilation 2.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 2, Pad = 2, Dilation = 2, PaddingMode = PaddingMode.Replicate, Height = 11, Width = 12)]
    public partial class Oracle_replicate_s2_d2 { }

    /// <summary>Oracle case <c>circular_k3_p1</c>: circular.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, PaddingMode = PaddingMode.Circular, Height = 8, Width = 9)]
    public partial class Oracle_circular_k3_p1 { }

    /// <summary>Oracle case <c>circular_k5_p2_s2</c>: circular, stride 2, small input.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 5, K2 = 5, Stride = 2, Pad = 2, PaddingMode = PaddingMode.Circular, Height = 7, Width = 7)]
    public partial class Oracle_circular_k5_p2_s2 { }

    /// <summary>Oracle case <c>circular_pad_eq_size</c>: circular with pad = size (wraps the whole input).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Stride = 1, Pad = 3, PaddingMode = PaddingMode.Circular, Height = 3, Width = 4)]
    public partial class Oracle_circular_pad_eq_size { }

    /// <summary>Oracle case <c>circular_asym</c>: circular with four different pads. Emulated: pads 0/2/3/1 as PadH 2, PadW 3, output cropped at (2, 0).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 3, K2 = 3, Stride = 1, PadH = 2, PadW = 3, PaddingMode = PaddingMode.Circular, Height = 6, Width = 7)]
    public partial class Oracle_circular_asym { }

    /// <summary>Oracle case <c>d2_k3_p2</c>: dilation 2 'same'.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 2, Dilation = 2, Height = 10, Width = 11)]
    public partial class Oracle_d2_k3_p2 { }

    /// <summary>Oracle case <c>d3_k3_p3_17</c>: dilation 3 on 17x17.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 3, Dilation = 3, Height = 17, Width = 17)]
    public partial class Oracle_d3_k3_p3_17 { }

    /// <summary>Oracle case <c>d2_s2_k3_p1</c>: dilation 2 with stride 2.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Dilation = 2, Height = 13, Width = 12)]
    public partial class Oracle_d2_s2_k3_p1 { }

    /// <summary>Oracle case <c>d2x1_k3</c>: per-axis dilation (2, 1): not expressible as an attribute. Emulated: dilation 2x1 as a 5x3 kernel of dilation 1 with every (2, 1)-th tap used.</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 5, K2 = 3, Stride = 1, Pad = 1, Height = 9, Width = 9)]
    public partial class Oracle_d2x1_k3 { }

    /// <summary>Oracle case <c>d2_k2_same</c>: dilation 2 with a 2x2 kernel, 'same' (symmetric: total pad 2).</summary>
    [Conv2d(InChannels = 2, OutChannels = 3, K1 = 2, K2 = 2, Stride = 1, Pad = 1, Dilation = 2, Height = 8, Width = 8)]
    public partial class Oracle_d2_k2_same { }

    /// <summary>Oracle case <c>groups2</c>: 2 groups.</summary>
    [Conv2d(InChannels = 4, OutChannels = 6, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Groups = 2, Height = 8, Width = 9)]
    public partial class Oracle_groups2 { }

    /// <summary>Oracle case <c>groups3_k1</c>: 3 groups, pointwise (ShuffleNet-style).</summary>
    [Conv2d(InChannels = 6, OutChannels = 9, K1 = 1, K2 = 1, Stride = 1, Pad = 0, Groups = 3, Height = 7, Width = 7)]
    public partial class Oracle_groups3_k1 { }

    /// <summary>Oracle case <c>depthwise_k3</c>: depthwise 3x3 (MobileNet).</summary>
    [Conv2d(InChannels = 8, OutChannels = 8, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Groups = 8, Height = 9, Width = 9)]
    public partial class Oracle_depthwise_k3 { }

    /// <summary>Oracle case <c>depthwise_x2_k5_s2</c>: depthwise with channel multiplier 2, 5x5 stride 2.</summary>
    [Conv2d(InChannels = 4, OutChannels = 8, K1 = 5, K2 = 5, Stride = 2, Pad = 2, Groups = 4, Height = 12, Width = 11)]
    public partial class Oracle_depthwise_x2_k5_s2 { }

    /// <summary>Oracle case <c>depthwise_k7_p3</c>: depthwise 7x7 (ConvNeXt).</summary>
    [Conv2d(InChannels = 6, OutChannels = 6, K1 = 7, K2 = 7, Stride = 1, Pad = 3, Groups = 6, Height = 13, Width = 13)]
    public partial class Oracle_depthwise_k7_p3 { }

    /// <summary>Oracle case <c>groups2_s2_d2</c>: 2 groups with stride 2 and dilation 2.</summary>
    [Conv2d(InChannels = 4, OutChannels = 4, K1 = 3, K2 = 3, Stride = 2, Pad = 2, Dilation = 2, Groups = 2, Height = 11, Width = 11)]
    public partial class Oracle_groups2_s2_d2 { }

    /// <summary>Oracle case <c>flip_k3_p1</c>: true convolution, 3x3.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, FlipKernel = true, Height = 8, Width = 8)]
    public partial class Oracle_flip_k3_p1 { }

    /// <summary>Oracle case <c>flip_k3x5_s2x1</c>: true convolution, non-square kernel, asymmetric stride and padding.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 5, StrideH = 2, StrideW = 1, PadH = 1, PadW = 2, FlipKernel = true, Height = 11, Width = 13)]
    public partial class Oracle_flip_k3x5_s2x1 { }

    /// <summary>Oracle case <c>flip_groups2_reflect</c>: true convolution with groups and reflect padding.</summary>
    [Conv2d(InChannels = 4, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Groups = 2, PaddingMode = PaddingMode.Reflect, FlipKernel = true, Height = 9, Width = 8)]
    public partial class Oracle_flip_groups2_reflect { }

    /// <summary>Oracle case <c>flip_k1x1</c>: true convolution with 1x1 (flip is the identity).</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 1, K2 = 1, Stride = 1, Pad = 0, FlipKernel = true, Height = 5, Width = 6)]
    public partial class Oracle_flip_k1x1 { }

    /// <summary>Oracle case <c>nobias_k3_p1</c>: no bias.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Bias = false, Height = 8, Width = 8)]
    public partial class Oracle_nobias_k3_p1 { }

    /// <summary>Oracle case <c>nobias_depthwise</c>: no bias, depthwise.</summary>
    [Conv2d(InChannels = 6, OutChannels = 6, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Groups = 6, Bias = false, Height = 9, Width = 9)]
    public partial class Oracle_nobias_depthwise { }

    /// <summary>Oracle case <c>odd_7x7_s2_b3</c>: 7x7 input, stride 2, batch 3.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 3, Stride = 2, Pad = 0, Height = 7, Width = 7)]
    public partial class Oracle_odd_7x7_s2_b3 { }

    /// <summary>Oracle case <c>odd_13x13</c>: 13x13 input.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 13, Width = 13)]
    public partial class Oracle_odd_13x13 { }

    /// <summary>Oracle case <c>odd_17x23</c>: 17x23 input.</summary>
    [Conv2d(InChannels = 3, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 17, Width = 23)]
    public partial class Oracle_odd_17x23 { }

    /// <summary>Oracle case <c>odd_33x33</c>: 33x33 input.</summary>
    [Conv2d(InChannels = 2, OutChannels = 4, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 33, Width = 33)]
    public partial class Oracle_odd_33x33 { }

    /// <summary>Oracle case <c>cin17_cout5_k3_p1</c>: Cin 17 -&gt; Cout 5: float32 libtorch forward is wrong here.</summary>
    [Conv2d(InChannels = 17, OutChannels = 5, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 9, Width = 11)]
    public partial class Oracle_cin17_cout5_k3_p1 { }

    /// <summary>Oracle case <c>cout6_k5_p2</c>: Cout 6 (not a multiple of 16).</summary>
    [Conv2d(InChannels = 3, OutChannels = 6, K1 = 5, K2 = 5, Stride = 1, Pad = 2, Height = 12, Width = 12)]
    public partial class Oracle_cout6_k5_p2 { }

    /// <summary>Oracle case <c>cout12_k3_p1</c>: Cout 12.</summary>
    [Conv2d(InChannels = 5, OutChannels = 12, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 10, Width = 10)]
    public partial class Oracle_cout12_k3_p1 { }

    /// <summary>Oracle case <c>cout8_k3_s2</c>: Cout 8 with stride 2.</summary>
    [Conv2d(InChannels = 4, OutChannels = 8, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Height = 11, Width = 11)]
    public partial class Oracle_cout8_k3_s2 { }

    /// <summary>Oracle case <c>lenet_c1</c>: LeNet-5 C1: 1 -&gt; 6, 5x5, pad 2 on 28x28.</summary>
    [Conv2d(InChannels = 1, OutChannels = 6, K1 = 5, K2 = 5, Stride = 1, Pad = 2, Height = 28, Width = 28)]
    public partial class Oracle_lenet_c1 { }

    /// <summary>Oracle case <c>lenet_c3</c>: LeNet-5 C3: 6 -&gt; 16, 5x5 on 14x14.</summary>
    [Conv2d(InChannels = 6, OutChannels = 16, K1 = 5, K2 = 5, Stride = 1, Pad = 0, Height = 14, Width = 14)]
    public partial class Oracle_lenet_c3 { }

    /// <summary>Oracle case <c>acceptance_5x7_k3x5_s2_p1</c>: acceptance case: Cin 5, Cout 7, 3x5, stride 2, pad 1, input [2,5,17,23].</summary>
    [Conv2d(InChannels = 5, OutChannels = 7, K1 = 3, K2 = 5, Stride = 2, Pad = 1, Height = 17, Width = 23)]
    public partial class Oracle_acceptance_5x7_k3x5_s2_p1 { }

    /// <summary>Oracle case <c>cv_cout32_k3_p1</c>: channel vectors: two blocks of 16, 12-wide rows.</summary>
    [Conv2d(InChannels = 8, OutChannels = 32, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 10, Width = 12)]
    public partial class Oracle_cv_cout32_k3_p1 { }

    /// <summary>Oracle case <c>cv_k3x5_reflect_nobias</c>: channel vectors: 3x5, reflect padding, no bias, odd height.</summary>
    [Conv2d(InChannels = 5, OutChannels = 16, K1 = 3, K2 = 5, Stride = 1, PadH = 1, PadW = 2, Bias = false, PaddingMode = PaddingMode.Reflect, Height = 9, Width = 11)]
    public partial class Oracle_cv_k3x5_reflect_nobias { }

    /// <summary>Oracle case <c>cv_flip_k5_p2_b3</c>: channel vectors: true convolution, 7x7, batch 3.</summary>
    [Conv2d(InChannels = 3, OutChannels = 16, K1 = 5, K2 = 5, Stride = 1, Pad = 2, FlipKernel = true, Height = 7, Width = 7)]
    public partial class Oracle_cv_flip_k5_p2_b3 { }

    /// <summary>Oracle case <c>cv_s2_k3_p1</c>: channel vectors at stride 2: two blocks of 16, 17-wide output rows in two 9-wide tiles.</summary>
    [Conv2d(InChannels = 8, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Height = 20, Width = 34)]
    public partial class Oracle_cv_s2_k3_p1 { }

    /// <summary>Oracle case <c>cv_s2_k5_p2_reflect_nobias</c>: channel vectors at stride 2: 5x5, reflect padding, no bias, odd sizes.</summary>
    [Conv2d(InChannels = 4, OutChannels = 16, K1 = 5, K2 = 5, Stride = 2, Pad = 2, Bias = false, PaddingMode = PaddingMode.Reflect, Height = 15, Width = 21)]
    public partial class Oracle_cv_s2_k5_p2_reflect_nobias { }

    /// <summary>Oracle case <c>cv_s2_k3_valid_b3</c>: channel vectors at stride 2: unpadded input read in place, floor drops a column, batch 3.</summary>
    [Conv2d(InChannels = 16, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 0, Height = 13, Width = 18)]
    public partial class Oracle_cv_s2_k3_valid_b3 { }

    /// <summary>Oracle case <c>wino_k3_p1</c>: Winograd: 32 -&gt; 40 (blocks 16, 16, 8), 45-wide rows (12 tiles, the last cut), 5 rows (a cut tile row).</summary>
    [Conv2d(InChannels = 32, OutChannels = 40, K1 = 3, K2 = 3, Stride = 1, Pad = 1, Height = 5, Width = 45)]
    public partial class Oracle_wino_k3_p1 { }

    /// <summary>Oracle case <c>wino_flip_p2_nobias</c>: Winograd: true convolution, padding 2 (outputs larger than the input), no bias, 33 inputs.</summary>
    [Conv2d(InChannels = 33, OutChannels = 32, K1 = 3, K2 = 3, Stride = 1, Pad = 2, Bias = false, FlipKernel = true, Height = 3, Width = 46)]
    public partial class Oracle_wino_flip_p2_nobias { }

    /// <summary>Oracle case <c>wino_s2_k3_p1</c>: stride-2 Winograd: 32 -&gt; 40 (blocks 16, 16, 8), 27-wide output rows (14 tiles of 2, the last cut), 5 rows (3 tile rows, the last cut), batch 2.</summary>
    [Conv2d(InChannels = 32, OutChannels = 40, K1 = 3, K2 = 3, Stride = 2, Pad = 1, Height = 9, Width = 53)]
    public partial class Oracle_wino_s2_k3_p1 { }

    /// <summary>Oracle case <c>wino_s2_flip_p2_nobias</c>: stride-2 Winograd: true convolution, padding 2, no bias, 17 inputs, 29-wide output rows (15 tiles, the last cut).</summary>
    [Conv2d(InChannels = 17, OutChannels = 16, K1 = 3, K2 = 3, Stride = 2, Pad = 2, Bias = false, FlipKernel = true, Height = 6, Width = 55)]
    public partial class Oracle_wino_s2_flip_p2_nobias { }

    /// <summary>Oracle case <c>wino_s2_valid_wide</c>: stride-2 Winograd: no padding, 57-wide output rows (29 tiles in two groups of 16, the second cut).</summary>
    [Conv2d(InChannels = 16, OutChannels = 32, K1 = 3, K2 = 3, Stride = 2, Pad = 0, Height = 7, Width = 115)]
    public partial class Oracle_wino_s2_valid_wide { }

    internal static partial class OracleLayers
    {
        /// <summary>One generated layer per oracle case (77), in index order.</summary>
        public static readonly OracleLayer[] All =
        {
            new("k1x1", r => new Oracle_k1x1(r), Oracle_k1x1.Geometry, Oracle_k1x1.FixedHeight, Oracle_k1x1.FixedWidth, 0, 0, 1, 1, ""),
            new("k3x3_p1", r => new Oracle_k3x3_p1(r), Oracle_k3x3_p1.Geometry, Oracle_k3x3_p1.FixedHeight, Oracle_k3x3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("k5x5_p2", r => new Oracle_k5x5_p2(r), Oracle_k5x5_p2.Geometry, Oracle_k5x5_p2.FixedHeight, Oracle_k5x5_p2.FixedWidth, 0, 0, 1, 1, ""),
            new("k7x7_p3", r => new Oracle_k7x7_p3(r), Oracle_k7x7_p3.Geometry, Oracle_k7x7_p3.FixedHeight, Oracle_k7x7_p3.FixedWidth, 0, 0, 1, 1, ""),
            new("k3x5_p1x2", r => new Oracle_k3x5_p1x2(r), Oracle_k3x5_p1x2.Geometry, Oracle_k3x5_p1x2.FixedHeight, Oracle_k3x5_p1x2.FixedWidth, 0, 0, 1, 1, ""),
            new("k5x3_p0", r => new Oracle_k5x3_p0(r), Oracle_k5x3_p0.Geometry, Oracle_k5x3_p0.FixedHeight, Oracle_k5x3_p0.FixedWidth, 0, 0, 1, 1, ""),
            new("k1x7_p0x3", r => new Oracle_k1x7_p0x3(r), Oracle_k1x7_p0x3.Geometry, Oracle_k1x7_p0x3.FixedHeight, Oracle_k1x7_p0x3.FixedWidth, 0, 0, 1, 1, ""),
            new("k7x1_p3x0", r => new Oracle_k7x1_p3x0(r), Oracle_k7x1_p3x0.Geometry, Oracle_k7x1_p3x0.FixedHeight, Oracle_k7x1_p3x0.FixedWidth, 0, 0, 1, 1, ""),
            new("s2_k3_p1_even", r => new Oracle_s2_k3_p1_even(r), Oracle_s2_k3_p1_even.Geometry, Oracle_s2_k3_p1_even.FixedHeight, Oracle_s2_k3_p1_even.FixedWidth, 0, 0, 1, 1, ""),
            new("s2_k3_p1_odd", r => new Oracle_s2_k3_p1_odd(r), Oracle_s2_k3_p1_odd.Geometry, Oracle_s2_k3_p1_odd.FixedHeight, Oracle_s2_k3_p1_odd.FixedWidth, 0, 0, 1, 1, ""),
            new("s3_k3_p0", r => new Oracle_s3_k3_p0(r), Oracle_s3_k3_p0.Geometry, Oracle_s3_k3_p0.FixedHeight, Oracle_s3_k3_p0.FixedWidth, 0, 0, 1, 1, ""),
            new("s3_k5_p2_17x23", r => new Oracle_s3_k5_p2_17x23(r), Oracle_s3_k5_p2_17x23.Geometry, Oracle_s3_k5_p2_17x23.FixedHeight, Oracle_s3_k5_p2_17x23.FixedWidth, 0, 0, 1, 1, ""),
            new("s2x1_k3_p1", r => new Oracle_s2x1_k3_p1(r), Oracle_s2x1_k3_p1.Geometry, Oracle_s2x1_k3_p1.FixedHeight, Oracle_s2x1_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("s1x3_k3x5_p1x2", r => new Oracle_s1x3_k3x5_p1x2(r), Oracle_s1x3_k3x5_p1x2.Geometry, Oracle_s1x3_k3x5_p1x2.FixedHeight, Oracle_s1x3_k3x5_p1x2.FixedWidth, 0, 0, 1, 1, ""),
            new("s2_k1_p0", r => new Oracle_s2_k1_p0(r), Oracle_s2_k1_p0.Geometry, Oracle_s2_k1_p0.FixedHeight, Oracle_s2_k1_p0.FixedWidth, 0, 0, 1, 1, ""),
            new("s2_k7_p3_stem", r => new Oracle_s2_k7_p3_stem(r), Oracle_s2_k7_p3_stem.Geometry, Oracle_s2_k7_p3_stem.FixedHeight, Oracle_s2_k7_p3_stem.FixedWidth, 0, 0, 1, 1, ""),
            new("s4_k4_p0", r => new Oracle_s4_k4_p0(r), Oracle_s4_k4_p0.Geometry, Oracle_s4_k4_p0.FixedHeight, Oracle_s4_k4_p0.FixedWidth, 0, 0, 1, 1, ""),
            new("p0_k3", r => new Oracle_p0_k3(r), Oracle_p0_k3.Geometry, Oracle_p0_k3.FixedHeight, Oracle_p0_k3.FixedWidth, 0, 0, 1, 1, ""),
            new("p2_k3", r => new Oracle_p2_k3(r), Oracle_p2_k3.Geometry, Oracle_p2_k3.FixedHeight, Oracle_p2_k3.FixedWidth, 0, 0, 1, 1, ""),
            new("p3_k3", r => new Oracle_p3_k3(r), Oracle_p3_k3.Geometry, Oracle_p3_k3.FixedHeight, Oracle_p3_k3.FixedWidth, 0, 0, 1, 1, ""),
            new("pad_h0_w2", r => new Oracle_pad_h0_w2(r), Oracle_pad_h0_w2.Geometry, Oracle_pad_h0_w2.FixedHeight, Oracle_pad_h0_w2.FixedWidth, 0, 0, 1, 1, ""),
            new("same_k2", r => new Oracle_same_k2(r), Oracle_same_k2.Geometry, Oracle_same_k2.FixedHeight, Oracle_same_k2.FixedWidth, 0, 0, 1, 1, ""),
            new("same_k4", r => new Oracle_same_k4(r), Oracle_same_k4.Geometry, Oracle_same_k4.FixedHeight, Oracle_same_k4.FixedWidth, 0, 0, 1, 1, ""),
            new("same_k2x6", r => new Oracle_same_k2x6(r), Oracle_same_k2x6.Geometry, Oracle_same_k2x6.FixedHeight, Oracle_same_k2x6.FixedWidth, 0, 0, 1, 1, ""),
            new("pad_1_2_0_3", r => new Oracle_pad_1_2_0_3(r), Oracle_pad_1_2_0_3.Geometry, Oracle_pad_1_2_0_3.FixedHeight, Oracle_pad_1_2_0_3.FixedWidth, 1, 3, 1, 1, "pads 1/2/0/3 as PadH 2, PadW 3, output cropped at (1, 3)"),
            new("k5_on_3x3_p2", r => new Oracle_k5_on_3x3_p2(r), Oracle_k5_on_3x3_p2.Geometry, Oracle_k5_on_3x3_p2.FixedHeight, Oracle_k5_on_3x3_p2.FixedWidth, 0, 0, 1, 1, ""),
            new("k5_on_5x5_p0", r => new Oracle_k5_on_5x5_p0(r), Oracle_k5_on_5x5_p0.Geometry, Oracle_k5_on_5x5_p0.FixedHeight, Oracle_k5_on_5x5_p0.FixedWidth, 0, 0, 1, 1, ""),
            new("reflect_k3_p1", r => new Oracle_reflect_k3_p1(r), Oracle_reflect_k3_p1.Geometry, Oracle_reflect_k3_p1.FixedHeight, Oracle_reflect_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("reflect_k5_p2_s2", r => new Oracle_reflect_k5_p2_s2(r), Oracle_reflect_k5_p2_s2.Geometry, Oracle_reflect_k5_p2_s2.FixedHeight, Oracle_reflect_k5_p2_s2.FixedWidth, 0, 0, 1, 1, ""),
            new("reflect_max_pad", r => new Oracle_reflect_max_pad(r), Oracle_reflect_max_pad.Geometry, Oracle_reflect_max_pad.FixedHeight, Oracle_reflect_max_pad.FixedWidth, 0, 0, 1, 1, ""),
            new("reflect_asym", r => new Oracle_reflect_asym(r), Oracle_reflect_asym.Geometry, Oracle_reflect_asym.FixedHeight, Oracle_reflect_asym.FixedWidth, 0, 2, 1, 1, "pads 2/0/1/3 as PadH 2, PadW 3, output cropped at (0, 2)"),
            new("replicate_k3_p1", r => new Oracle_replicate_k3_p1(r), Oracle_replicate_k3_p1.Geometry, Oracle_replicate_k3_p1.FixedHeight, Oracle_replicate_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("replicate_k3_p3", r => new Oracle_replicate_k3_p3(r), Oracle_replicate_k3_p3.Geometry, Oracle_replicate_k3_p3.FixedHeight, Oracle_replicate_k3_p3.FixedWidth, 0, 0, 1, 1, ""),
            new("replicate_s2_d2", r => new Oracle_replicate_s2_d2(r), Oracle_replicate_s2_d2.Geometry, Oracle_replicate_s2_d2.FixedHeight, Oracle_replicate_s2_d2.FixedWidth, 0, 0, 1, 1, ""),
            new("circular_k3_p1", r => new Oracle_circular_k3_p1(r), Oracle_circular_k3_p1.Geometry, Oracle_circular_k3_p1.FixedHeight, Oracle_circular_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("circular_k5_p2_s2", r => new Oracle_circular_k5_p2_s2(r), Oracle_circular_k5_p2_s2.Geometry, Oracle_circular_k5_p2_s2.FixedHeight, Oracle_circular_k5_p2_s2.FixedWidth, 0, 0, 1, 1, ""),
            new("circular_pad_eq_size", r => new Oracle_circular_pad_eq_size(r), Oracle_circular_pad_eq_size.Geometry, Oracle_circular_pad_eq_size.FixedHeight, Oracle_circular_pad_eq_size.FixedWidth, 0, 0, 1, 1, ""),
            new("circular_asym", r => new Oracle_circular_asym(r), Oracle_circular_asym.Geometry, Oracle_circular_asym.FixedHeight, Oracle_circular_asym.FixedWidth, 2, 0, 1, 1, "pads 0/2/3/1 as PadH 2, PadW 3, output cropped at (2, 0)"),
            new("d2_k3_p2", r => new Oracle_d2_k3_p2(r), Oracle_d2_k3_p2.Geometry, Oracle_d2_k3_p2.FixedHeight, Oracle_d2_k3_p2.FixedWidth, 0, 0, 1, 1, ""),
            new("d3_k3_p3_17", r => new Oracle_d3_k3_p3_17(r), Oracle_d3_k3_p3_17.Geometry, Oracle_d3_k3_p3_17.FixedHeight, Oracle_d3_k3_p3_17.FixedWidth, 0, 0, 1, 1, ""),
            new("d2_s2_k3_p1", r => new Oracle_d2_s2_k3_p1(r), Oracle_d2_s2_k3_p1.Geometry, Oracle_d2_s2_k3_p1.FixedHeight, Oracle_d2_s2_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("d2x1_k3", r => new Oracle_d2x1_k3(r), Oracle_d2x1_k3.Geometry, Oracle_d2x1_k3.FixedHeight, Oracle_d2x1_k3.FixedWidth, 0, 0, 2, 1, "dilation 2x1 as a 5x3 kernel of dilation 1 with every (2, 1)-th tap used"),
            new("d2_k2_same", r => new Oracle_d2_k2_same(r), Oracle_d2_k2_same.Geometry, Oracle_d2_k2_same.FixedHeight, Oracle_d2_k2_same.FixedWidth, 0, 0, 1, 1, ""),
            new("groups2", r => new Oracle_groups2(r), Oracle_groups2.Geometry, Oracle_groups2.FixedHeight, Oracle_groups2.FixedWidth, 0, 0, 1, 1, ""),
            new("groups3_k1", r => new Oracle_groups3_k1(r), Oracle_groups3_k1.Geometry, Oracle_groups3_k1.FixedHeight, Oracle_groups3_k1.FixedWidth, 0, 0, 1, 1, ""),
            new("depthwise_k3", r => new Oracle_depthwise_k3(r), Oracle_depthwise_k3.Geometry, Oracle_depthwise_k3.FixedHeight, Oracle_depthwise_k3.FixedWidth, 0, 0, 1, 1, ""),
            new("depthwise_x2_k5_s2", r => new Oracle_depthwise_x2_k5_s2(r), Oracle_depthwise_x2_k5_s2.Geometry, Oracle_depthwise_x2_k5_s2.FixedHeight, Oracle_depthwise_x2_k5_s2.FixedWidth, 0, 0, 1, 1, ""),
            new("depthwise_k7_p3", r => new Oracle_depthwise_k7_p3(r), Oracle_depthwise_k7_p3.Geometry, Oracle_depthwise_k7_p3.FixedHeight, Oracle_depthwise_k7_p3.FixedWidth, 0, 0, 1, 1, ""),
            new("groups2_s2_d2", r => new Oracle_groups2_s2_d2(r), Oracle_groups2_s2_d2.Geometry, Oracle_groups2_s2_d2.FixedHeight, Oracle_groups2_s2_d2.FixedWidth, 0, 0, 1, 1, ""),
            new("flip_k3_p1", r => new Oracle_flip_k3_p1(r), Oracle_flip_k3_p1.Geometry, Oracle_flip_k3_p1.FixedHeight, Oracle_flip_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("flip_k3x5_s2x1", r => new Oracle_flip_k3x5_s2x1(r), Oracle_flip_k3x5_s2x1.Geometry, Oracle_flip_k3x5_s2x1.FixedHeight, Oracle_flip_k3x5_s2x1.FixedWidth, 0, 0, 1, 1, ""),
            new("flip_groups2_reflect", r => new Oracle_flip_groups2_reflect(r), Oracle_flip_groups2_reflect.Geometry, Oracle_flip_groups2_reflect.FixedHeight, Oracle_flip_groups2_reflect.FixedWidth, 0, 0, 1, 1, ""),
            new("flip_k1x1", r => new Oracle_flip_k1x1(r), Oracle_flip_k1x1.Geometry, Oracle_flip_k1x1.FixedHeight, Oracle_flip_k1x1.FixedWidth, 0, 0, 1, 1, ""),
            new("nobias_k3_p1", r => new Oracle_nobias_k3_p1(r), Oracle_nobias_k3_p1.Geometry, Oracle_nobias_k3_p1.FixedHeight, Oracle_nobias_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("nobias_depthwise", r => new Oracle_nobias_depthwise(r), Oracle_nobias_depthwise.Geometry, Oracle_nobias_depthwise.FixedHeight, Oracle_nobias_depthwise.FixedWidth, 0, 0, 1, 1, ""),
            new("odd_7x7_s2_b3", r => new Oracle_odd_7x7_s2_b3(r), Oracle_odd_7x7_s2_b3.Geometry, Oracle_odd_7x7_s2_b3.FixedHeight, Oracle_odd_7x7_s2_b3.FixedWidth, 0, 0, 1, 1, ""),
            new("odd_13x13", r => new Oracle_odd_13x13(r), Oracle_odd_13x13.Geometry, Oracle_odd_13x13.FixedHeight, Oracle_odd_13x13.FixedWidth, 0, 0, 1, 1, ""),
            new("odd_17x23", r => new Oracle_odd_17x23(r), Oracle_odd_17x23.Geometry, Oracle_odd_17x23.FixedHeight, Oracle_odd_17x23.FixedWidth, 0, 0, 1, 1, ""),
            new("odd_33x33", r => new Oracle_odd_33x33(r), Oracle_odd_33x33.Geometry, Oracle_odd_33x33.FixedHeight, Oracle_odd_33x33.FixedWidth, 0, 0, 1, 1, ""),
            new("cin17_cout5_k3_p1", r => new Oracle_cin17_cout5_k3_p1(r), Oracle_cin17_cout5_k3_p1.Geometry, Oracle_cin17_cout5_k3_p1.FixedHeight, Oracle_cin17_cout5_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("cout6_k5_p2", r => new Oracle_cout6_k5_p2(r), Oracle_cout6_k5_p2.Geometry, Oracle_cout6_k5_p2.FixedHeight, Oracle_cout6_k5_p2.FixedWidth, 0, 0, 1, 1, ""),
            new("cout12_k3_p1", r => new Oracle_cout12_k3_p1(r), Oracle_cout12_k3_p1.Geometry, Oracle_cout12_k3_p1.FixedHeight, Oracle_cout12_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("cout8_k3_s2", r => new Oracle_cout8_k3_s2(r), Oracle_cout8_k3_s2.Geometry, Oracle_cout8_k3_s2.FixedHeight, Oracle_cout8_k3_s2.FixedWidth, 0, 0, 1, 1, ""),
            new("lenet_c1", r => new Oracle_lenet_c1(r), Oracle_lenet_c1.Geometry, Oracle_lenet_c1.FixedHeight, Oracle_lenet_c1.FixedWidth, 0, 0, 1, 1, ""),
            new("lenet_c3", r => new Oracle_lenet_c3(r), Oracle_lenet_c3.Geometry, Oracle_lenet_c3.FixedHeight, Oracle_lenet_c3.FixedWidth, 0, 0, 1, 1, ""),
            new("acceptance_5x7_k3x5_s2_p1", r => new Oracle_acceptance_5x7_k3x5_s2_p1(r), Oracle_acceptance_5x7_k3x5_s2_p1.Geometry, Oracle_acceptance_5x7_k3x5_s2_p1.FixedHeight, Oracle_acceptance_5x7_k3x5_s2_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("cv_cout32_k3_p1", r => new Oracle_cv_cout32_k3_p1(r), Oracle_cv_cout32_k3_p1.Geometry, Oracle_cv_cout32_k3_p1.FixedHeight, Oracle_cv_cout32_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("cv_k3x5_reflect_nobias", r => new Oracle_cv_k3x5_reflect_nobias(r), Oracle_cv_k3x5_reflect_nobias.Geometry, Oracle_cv_k3x5_reflect_nobias.FixedHeight, Oracle_cv_k3x5_reflect_nobias.FixedWidth, 0, 0, 1, 1, ""),
            new("cv_flip_k5_p2_b3", r => new Oracle_cv_flip_k5_p2_b3(r), Oracle_cv_flip_k5_p2_b3.Geometry, Oracle_cv_flip_k5_p2_b3.FixedHeight, Oracle_cv_flip_k5_p2_b3.FixedWidth, 0, 0, 1, 1, ""),
            new("cv_s2_k3_p1", r => new Oracle_cv_s2_k3_p1(r), Oracle_cv_s2_k3_p1.Geometry, Oracle_cv_s2_k3_p1.FixedHeight, Oracle_cv_s2_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("cv_s2_k5_p2_reflect_nobias", r => new Oracle_cv_s2_k5_p2_reflect_nobias(r), Oracle_cv_s2_k5_p2_reflect_nobias.Geometry, Oracle_cv_s2_k5_p2_reflect_nobias.FixedHeight, Oracle_cv_s2_k5_p2_reflect_nobias.FixedWidth, 0, 0, 1, 1, ""),
            new("cv_s2_k3_valid_b3", r => new Oracle_cv_s2_k3_valid_b3(r), Oracle_cv_s2_k3_valid_b3.Geometry, Oracle_cv_s2_k3_valid_b3.FixedHeight, Oracle_cv_s2_k3_valid_b3.FixedWidth, 0, 0, 1, 1, ""),
            new("wino_k3_p1", r => new Oracle_wino_k3_p1(r), Oracle_wino_k3_p1.Geometry, Oracle_wino_k3_p1.FixedHeight, Oracle_wino_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("wino_flip_p2_nobias", r => new Oracle_wino_flip_p2_nobias(r), Oracle_wino_flip_p2_nobias.Geometry, Oracle_wino_flip_p2_nobias.FixedHeight, Oracle_wino_flip_p2_nobias.FixedWidth, 0, 0, 1, 1, ""),
            new("wino_s2_k3_p1", r => new Oracle_wino_s2_k3_p1(r), Oracle_wino_s2_k3_p1.Geometry, Oracle_wino_s2_k3_p1.FixedHeight, Oracle_wino_s2_k3_p1.FixedWidth, 0, 0, 1, 1, ""),
            new("wino_s2_flip_p2_nobias", r => new Oracle_wino_s2_flip_p2_nobias(r), Oracle_wino_s2_flip_p2_nobias.Geometry, Oracle_wino_s2_flip_p2_nobias.FixedHeight, Oracle_wino_s2_flip_p2_nobias.FixedWidth, 0, 0, 1, 1, ""),
            new("wino_s2_valid_wide", r => new Oracle_wino_s2_valid_wide(r), Oracle_wino_s2_valid_wide.Geometry, Oracle_wino_s2_valid_wide.FixedHeight, Oracle_wino_s2_valid_wide.FixedWidth, 0, 0, 1, 1, ""),
        };
    }
}
