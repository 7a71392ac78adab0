namespace ConvGen.Data
{
    /// <summary>One mini-batch: images <c>[B, C, H, W]</c> and their B labels.</summary>
    /// <param name="Images">The batch's images.</param>
    /// <param name="Labels">The batch's labels, in the same order.</param>
    public sealed record Batch(Tensor Images, int[] Labels)
    {
        /// <summary>Number of examples in the batch.</summary>
        public int Count => Labels.Length;
    }
}
