using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Simd
{
    /// <summary>8 float lanes (AVX2).</summary>
    public readonly struct V256 : IFloatVector<V256>
    {
        private readonly Vector256<float> _value;
        private V256(Vector256<float> value) => _value = value;

        /// <summary>
        /// True when the hardware accelerates this width and has fused multiply-add (a JIT-time constant). Kernels call
        /// FusedMultiplyAdd directly on this width; without FMA hardware it would be emulated element by element.
        /// </summary>
        public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;
        /// <inheritdoc />
        public static int Count => Vector256<float>.Count;
        /// <inheritdoc />
        public static V256 Zero => default;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V256 Create(float value) => new(Vector256.Create(value));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V256 Load(ref float source, nuint offset) => new(Vector256.LoadUnsafe(ref source, offset));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(V256 value, ref float destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V256 MultiplyAdd(V256 a, V256 b, V256 addend) => new(Vector256.FusedMultiplyAdd(a._value, b._value, addend._value));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V256 Add(V256 a, V256 b) => new(a._value + b._value);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(V256 value) => Vector256.Sum(value._value);
    }
}
