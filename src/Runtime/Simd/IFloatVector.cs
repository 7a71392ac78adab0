using System.ComponentModel;

namespace ConvGen.Simd
{
    /// <summary>
    /// The handful of float-vector operations generated kernels use, abstracted over width so one generic kernel body
    /// serves Vector512, Vector256, Vector128 and a scalar fallback. The JIT specialises generic methods over structs,
    /// so <c>Kernel&lt;V512&gt;</c> compiles to the same instructions as code written against <c>Vector512&lt;float&gt;</c>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
    {
        /// <summary>Lanes per vector.</summary>
        static abstract int Count { get; }
        /// <summary>A vector of zeros.</summary>
        static abstract TSelf Zero { get; }
        /// <summary>Every lane set to <paramref name="value"/>.</summary>
        static abstract TSelf Create(float value);
        /// <summary>Loads <see cref="Count"/> floats starting at <paramref name="source"/> + <paramref name="offset"/>.</summary>
        static abstract TSelf Load(ref float source, nuint offset);
        /// <summary>Stores all lanes at <paramref name="destination"/> + <paramref name="offset"/>.</summary>
        static abstract void Store(TSelf value, ref float destination, nuint offset);
        /// <summary>a * b + addend, fused (one rounding) wherever the hardware has FMA.</summary>
        static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf addend);
        /// <summary>Lane-wise sum.</summary>
        static abstract TSelf Add(TSelf a, TSelf b);
        /// <summary>Sum of all lanes.</summary>
        static abstract float Sum(TSelf value);
    }
}
