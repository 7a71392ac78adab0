using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The L2 cache of the machine at hand, for loop blocking that only reorders work (never for anything that changes a sum:
    /// results stay the same bits on every machine). Read once from CPUID leaf 0x80000006 (ECX bits 31-16: L2 size in KB, on
    /// AMD and Intel alike); 1 MB where that is unavailable or out of range.
    /// </summary>
    public static class CacheSizes
    {
        /// <summary>The size assumed when the processor does not report one: Zen 5's L2, the machine the kernels were first tuned on.</summary>
        public const int DefaultL2Bytes = 1 << 20;

        /// <summary>Bytes of L2 cache per core.</summary>
        public static int L2Bytes { get; } = ReadL2Bytes();

        private static int ReadL2Bytes()
        {
            if (!X86Base.IsSupported) return DefaultL2Bytes;
            (int maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
            if ((uint)maxExtended < 0x80000006) return DefaultL2Bytes;
            (_, _, int ecx, _) = X86Base.CpuId(unchecked((int)0x80000006), 0);
            int kilobytes = (int)((uint)ecx >> 16);
            // A hypervisor may pass zeros or nonsense through: accept 128 KB to 16 MB only.
            return kilobytes is >= 128 and <= 16 << 10 ? kilobytes << 10 : DefaultL2Bytes;
        }
    }
}
