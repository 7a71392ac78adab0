using System;
using System.Runtime.CompilerServices;

namespace ConvGen.Simd
{
    /// <summary>One float lane: the portable path kernels take when no vector width is accelerated.</summary>
    public readonly struct VScalar : IFloatVector<VScalar>
    {
        private readonly float _value;
        private VScalar(float value) => _value = value;

        /// <inheritdoc />
        public static int Count => 1;
        /// <inheritdoc />
        public static VScalar Zero => default;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static VScalar Create(float value) => new(value);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static VScalar Load(ref float source, nuint offset) => new(Unsafe.Add(ref source, offset));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(VScalar value, ref float destination, nuint offset) => Unsafe.Add(ref destination, offset) = value._value;
        /// <summary>a * b + addend: fused where the hardware has FMA, otherwise multiply then add.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static VScalar MultiplyAdd(VScalar a, VScalar b, VScalar addend)
            => new(FloatVectors.HasFusedMultiplyAdd ? MathF.FusedMultiplyAdd(a._value, b._value, addend._value) : a._value * b._value + addend._value);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static VScalar Add(VScalar a, VScalar b) => new(a._value + b._value);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(VScalar value) => value._value;
    }
}
