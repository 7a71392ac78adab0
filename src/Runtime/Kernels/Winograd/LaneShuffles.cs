using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels.Winograd
{
    /// <summary>
    /// Conversions between 64 contiguous floats (16 groups of 4) and 4 vectors of 16 lanes, lane j holding group j's element c:
    /// the Winograd tiles are 4 columns apart, so these turn a row segment into per-tile lanes and back with 16 shuffles and no
    /// gathers or scatters. Both are a transpose of 128-bit blocks across the 4 vectors and a 4 x 4 transpose inside each block.
    /// </summary>
    internal static class LaneShuffles
    {
        /// <summary>d_c[j] = source[4j + c], source = b0..b3 back to back.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Deinterleave4(Vector512<float> b0, Vector512<float> b1, Vector512<float> b2, Vector512<float> b3,
            out Vector512<float> d0, out Vector512<float> d1, out Vector512<float> d2, out Vector512<float> d3)
        {
            // Blocks: u_k's block L = b_L's block k (groups 4L + k).
            var v0 = Avx512F.Shuffle4x128(b0, b1, 0x44); var v1 = Avx512F.Shuffle4x128(b0, b1, 0xEE);
            var v2 = Avx512F.Shuffle4x128(b2, b3, 0x44); var v3 = Avx512F.Shuffle4x128(b2, b3, 0xEE);
            var u0 = Avx512F.Shuffle4x128(v0, v2, 0x88); var u1 = Avx512F.Shuffle4x128(v0, v2, 0xDD);
            var u2 = Avx512F.Shuffle4x128(v1, v3, 0x88); var u3 = Avx512F.Shuffle4x128(v1, v3, 0xDD);
            // Inside each block: element c of u0..u3 into d_c.
            var t0 = Avx512F.UnpackLow(u0, u1); var t1 = Avx512F.UnpackHigh(u0, u1);
            var t2 = Avx512F.UnpackLow(u2, u3); var t3 = Avx512F.UnpackHigh(u2, u3);
            d0 = Avx512F.Shuffle(t0, t2, 0x44); d1 = Avx512F.Shuffle(t0, t2, 0xEE);
            d2 = Avx512F.Shuffle(t1, t3, 0x44); d3 = Avx512F.Shuffle(t1, t3, 0xEE);
        }

        /// <summary>The inverse: o = o0..o3 back to back with o[4j + c] = z_c[j].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Interleave4(Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3,
            out Vector512<float> o0, out Vector512<float> o1, out Vector512<float> o2, out Vector512<float> o3)
        {
            var t0 = Avx512F.UnpackLow(z0, z1); var t1 = Avx512F.UnpackHigh(z0, z1);
            var t2 = Avx512F.UnpackLow(z2, z3); var t3 = Avx512F.UnpackHigh(z2, z3);
            var u0 = Avx512F.Shuffle(t0, t2, 0x44); var u1 = Avx512F.Shuffle(t0, t2, 0xEE);
            var u2 = Avx512F.Shuffle(t1, t3, 0x44); var u3 = Avx512F.Shuffle(t1, t3, 0xEE);
            // u_k's block L is group 4L + k; transpose the blocks.
            var v0 = Avx512F.Shuffle4x128(u0, u1, 0x44); var v1 = Avx512F.Shuffle4x128(u0, u1, 0xEE);
            var v2 = Avx512F.Shuffle4x128(u2, u3, 0x44); var v3 = Avx512F.Shuffle4x128(u2, u3, 0xEE);
            o0 = Avx512F.Shuffle4x128(v0, v2, 0x88); o1 = Avx512F.Shuffle4x128(v0, v2, 0xDD);
            o2 = Avx512F.Shuffle4x128(v1, v3, 0x88); o3 = Avx512F.Shuffle4x128(v1, v3, 0xDD);
        }
    }
}
