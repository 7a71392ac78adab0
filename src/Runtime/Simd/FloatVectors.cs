using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Simd
{
    /// <summary>Facts about the machine's vector hardware that the vector types share.</summary>
    public static class FloatVectors
    {
        /// <summary>
        /// True when fused multiply-add is a hardware instruction (x64 FMA3, or Arm64). Without it .NET emulates a fused
        /// operation in software, so the portable paths multiply then add instead (one extra rounding, far faster).
        /// </summary>
        public static bool HasFusedMultiplyAdd => Fma.IsSupported || AdvSimd.Arm64.IsSupported;
    }
}
