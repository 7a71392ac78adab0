using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Kernels
{
    /// <summary>
    /// Vector loads from the caller's unpadded input for the direct row forward (evaluation mode, stride 1, zero padding): the
    /// lanes of a tap's vector that fall left or right of the input row are the zero padding, so a masked load returns zero
    /// there and never reads them (AVX-512's masked loads and AVX's vmaskmovps both suppress faults on masked-off lanes: a
    /// vector may hang over the buffer's ends). The tiles need no padded copy of the input; rows above and below the input are
    /// left out by the tap-row range instead.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static class MaskedRowLoad
    {
        /// <summary>Whether the direct row forward runs on this machine: it needs AVX-512's masked loads.</summary>
        public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

        /// <summary>Whether the direct row forward's Vector256 tiles run (AVX2 machines): vmaskmovps masks with a vector.</summary>
        public static bool IsSupported256 => Avx2.IsSupported && Fma.IsSupported && Vector256.IsHardwareAccelerated;

        /// <summary>The lanes of a vector whose lane 0 is input column <paramref name="firstColumn"/> that lie in [0, <paramref name="width"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> ColumnMask(int firstColumn, int width)
        {
            Vector512<int> columns = Vector512<int>.Indices + Vector512.Create(firstColumn);
            return (Vector512.GreaterThanOrEqual(columns, Vector512<int>.Zero) & Vector512.LessThan(columns, Vector512.Create(width))).AsSingle();
        }

        /// <summary>The Vector256 twin of <see cref="ColumnMask"/>: all bits set in the lanes whose column lies in [0, <paramref name="width"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ColumnMask256(int firstColumn, int width)
        {
            Vector256<int> columns = Vector256<int>.Indices + Vector256.Create(firstColumn);
            return (Vector256.GreaterThanOrEqual(columns, Vector256<int>.Zero) & Vector256.LessThan(columns, Vector256.Create(width))).AsSingle();
        }

        /// <summary>
        /// For a vector at flat position <paramref name="position"/> of a plane of rows <paramref name="width"/> wide (at least 8:
        /// the vector then spans three rows at most), the lanes whose column + <paramref name="offset"/> lies in [0, width): a
        /// tap <paramref name="offset"/> columns off reads inside the lane's own row there, and the zero padding elsewhere.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> FlatColumnMask(int position, int width, int offset)
        {
            Vector512<int> widths = Vector512.Create(width);
            Vector512<int> columns = Vector512<int>.Indices + Vector512.Create(position % width);
            columns -= Vector512.GreaterThanOrEqual(columns, widths) & widths;
            columns -= Vector512.GreaterThanOrEqual(columns, widths) & widths;
            columns += Vector512.Create(offset);
            return (Vector512.GreaterThanOrEqual(columns, Vector512<int>.Zero) & Vector512.LessThan(columns, widths)).AsSingle();
        }

        /// <summary>
        /// The vector at <paramref name="at"/> + <paramref name="offset"/> floats with the lanes outside <paramref name="mask"/>
        /// zero and unread. <paramref name="at"/> must lie in pinned memory (every <see cref="KernelBuffers"/> buffer is pinned
        /// while its job runs); the offset may point outside it.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe Vector512<float> Load(ref float at, nint offset, Vector512<float> mask)
            => Avx512F.MaskLoad((float*)Unsafe.AsPointer(ref at) + offset, mask, Vector512<float>.Zero);

        /// <summary>The Vector256 twin of <see cref="Load(ref float, nint, Vector512{float})"/> (vmaskmovps: masked-off lanes are zero and unread).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe Vector256<float> Load(ref float at, nint offset, Vector256<float> mask)
            => Avx.MaskLoad((float*)Unsafe.AsPointer(ref at) + offset, mask);
    }
}
