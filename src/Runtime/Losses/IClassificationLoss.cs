using System;

namespace ConvGen.Losses
{
    /// <summary>A loss on class scores <c>[N, C]</c> and integer labels, as the <see cref="Training.Trainer"/> uses it.</summary>
    public interface IClassificationLoss
    {
        /// <summary>Returns the (mean) loss of <paramref name="logits"/> against <paramref name="labels"/> and remembers what <see cref="Backward"/> needs.</summary>
        float Forward(Tensor logits, ReadOnlySpan<int> labels);

        /// <summary>dLoss/dLogits of the last <see cref="Forward"/>.</summary>
        Tensor Backward();
    }
}
