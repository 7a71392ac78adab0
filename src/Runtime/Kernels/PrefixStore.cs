using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Stores the first lanes of an 8-float vector with plain stores (16, 8 and 4 bytes), never touching the lanes after them.
    /// AVX2's masked store (vmaskmovps) does the same in one instruction but costs about 15 cycles on AMD Zen 3 (measured here:
    /// 4.5-7 ns per store against 0.6-1.8 ns for a full store or this sequence), so the AVX2 paths use this instead; masked
    /// loads are as cheap as plain ones and stay. Callers check Avx.IsSupported.
    /// </summary>
    internal static unsafe class PrefixStore
    {
        /// <summary>Writes lanes [0, <paramref name="count"/>) of <paramref name="value"/> to <paramref name="dst"/>; nothing for count &lt;= 0, all 8 for count &gt;= 8.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(float* dst, Vector256<float> value, int count)
        {
            if (count >= 8) { Avx.Store(dst, value); return; }
            if (count <= 0) return;
            Vector128<float> part = value.GetLower();
            if (count >= 4)
            {
                Sse.Store(dst, part);
                dst += 4; count -= 4; part = value.GetUpper();
            }
            if (count >= 2)
            {
                Sse.StoreLow(dst, part); // movlps: lanes 0 and 1
                dst += 2; count -= 2; part = Sse.MoveHighToLow(part, part);
            }
            if (count == 1) Sse.StoreScalar(dst, part);
        }
    }
}
