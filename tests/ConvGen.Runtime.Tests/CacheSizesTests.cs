using System.IO;
using ConvGen.Kernels;
using Xunit;

namespace ConvGen.Runtime.Tests
{
    public class CacheSizesTests
    {
        [Fact]
        public void L2IsAPlausibleWholeNumberOfKilobytes()
        {
            Assert.InRange(CacheSizes.L2Bytes, 128 << 10, 16 << 20);
            Assert.Equal(0, CacheSizes.L2Bytes % 1024);
        }

        /// <summary>
        /// Where Linux describes the L2 (sysfs, from the same CPUID data), the size read here agrees with it; without CPUID
        /// (DOTNET_EnableHWIntrinsic=0 disables it too) L2Bytes is the documented fallback.
        /// </summary>
        [Fact]
        public void L2AgreesWithLinuxWhereLinuxReportsIt()
        {
            if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported)
            {
                Assert.Equal(CacheSizes.DefaultL2Bytes, CacheSizes.L2Bytes);
                return;
            }
            const string index = "/sys/devices/system/cpu/cpu0/cache/index2/";
            if (!File.Exists(index + "size") || !File.Exists(index + "level") || !File.Exists(index + "type")) return;
            if (File.ReadAllText(index + "level").Trim() != "2" || File.ReadAllText(index + "type").Trim() != "Unified") return;
            string size = File.ReadAllText(index + "size").Trim();
            if (!size.EndsWith('K') || !int.TryParse(size[..^1], out int kilobytes) || kilobytes is < 128 or > 16 << 10) return;
            Assert.Equal(kilobytes << 10, CacheSizes.L2Bytes);
        }
    }
}
