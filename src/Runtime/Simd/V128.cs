using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Simd
{
    /// <summary>4 float lanes (SSE/NEON).</summary>
    public readonly struct V128 : IFloatVector<V128>
    {
        private readonly Vector128<float> _value;
        private V128(Vector128<float> value) => _value = value;

        /// <summary>True when the hardware accelerates this width (a JIT-time constant).</summary>
        public static bool IsSupported => Vector128.IsHardwareAccelerated;
        /// <inheritdoc />
        public static int Count => Vector128<float>.Count;
        /// <inheritdoc />
        public static V128 Zero => default;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V128 Create(float value) => new(Vector128.Create(value));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V128 Load(ref float source, nuint offset) => new(Vector128.LoadUnsafe(ref source, offset));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(V128 value, ref float destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);
        /// <summary>a * b + addend: fused where the hardware has FMA, otherwise multiply then add (an emulated fused op would be far slower).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V128 MultiplyAdd(V128 a, V128 b, V128 addend)
            => new(FloatVectors.HasFusedMultiplyAdd ? Vector128.FusedMultiplyAdd(a._value, b._value, addend._value) : a._value * b._value + addend._value);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V128 Add(V128 a, V128 b) => new(a._value + b._value);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(V128 value) => Vector128.Sum(value._value);
    }
}
