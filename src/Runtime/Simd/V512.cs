using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Simd
{
    /// <summary>16 float lanes (AVX-512).</summary>
    public readonly struct V512 : IFloatVector<V512>
    {
        private readonly Vector512<float> _value;
        private V512(Vector512<float> value) => _value = value;

        /// <summary>True when the hardware accelerates this width (a JIT-time constant).</summary>
        public static bool IsSupported => Vector512.IsHardwareAccelerated;
        /// <inheritdoc />
        public static int Count => Vector512<float>.Count;
        /// <inheritdoc />
        public static V512 Zero => default;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V512 Create(float value) => new(Vector512.Create(value));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V512 Load(ref float source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(V512 value, ref float destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V512 MultiplyAdd(V512 a, V512 b, V512 addend) => new(Vector512.FusedMultiplyAdd(a._value, b._value, addend._value));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V512 Add(V512 a, V512 b) => new(a._value + b._value);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(V512 value) => Vector512.Sum(value._value);
    }
}
