using System;
using System.Linq;
using ConvGen.Kernels;
using ConvGen.Kernels.Tests.Support;
using Xunit;

namespace ConvGen.Kernels.Tests.Backward
{
    /// <summary>The layers and sizes a weight-gradient kernel's test class runs <see cref="WeightGradTheories{TCases}"/> over.</summary>
    public interface IWeightGradCases
    {
        /// <summary>(layer name, batch, height, width) cases.</summary>
        static abstract TheoryData<string, int, int, int> CaseList { get; }

        /// <summary>A fresh layer named by a case, with its geometry.</summary>
        static abstract (ILayer Layer, ConvGeometry Geometry) CreateLayer(string name);
    }

    /// <summary>
    /// The theories every weight-gradient kernel is held to, over the cases of <typeparamref name="TCases"/> (the deriving test
    /// class): gradients against the reference, the same bits on one and two threads, and the same weight and bias gradients
    /// whether or not the input gradient is wanted.
    /// </summary>
    public abstract class WeightGradTheories<TCases> where TCases : IWeightGradCases
    {
        protected const double Tolerance = 1e-4;

        /// <summary>The deriving class's cases (MemberData looks members up on the class declaring the test method: this one).</summary>
        public static TheoryData<string, int, int, int> Cases => TCases.CaseList;

        /// <summary>Input gradient (if wanted), weight gradient and bias gradient after one Backward, as one array.</summary>
        private static float[] Gradients(string name, int batch, int height, int width, int threads, bool inputGradient)
            => TestData.Gradients(() => TCases.CreateLayer(name), batch, height, width, threads, inputGradient);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradients_match_the_reference(string name, int batch, int height, int width)
        {
            var (layer, g) = TCases.CreateLayer(name);
            Tensor x = TestData.Random(7, batch, g.InChannels, height, width);
            Tensor gy = TestData.Random(9, layer.Forward(x).Shape.ToArray());
            ConvReference.AssertBackwardMatches(layer, g, x, gy, layer.Backward(gy), Tolerance);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Gradients_are_the_same_bits_on_one_and_two_threads(string name, int batch, int height, int width)
            => Assert.Equal(Gradients(name, batch, height, width, 1, true), Gradients(name, batch, height, width, 2, true));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Weight_gradients_are_the_same_bits_without_the_input_gradient(string name, int batch, int height, int width)
        {
            float[] all = Gradients(name, batch, height, width, 2, true);
            float[] parameters = Gradients(name, batch, height, width, 2, false);
            Assert.Equal(all.Skip(all.Length - parameters.Length), parameters);
        }
    }
}
