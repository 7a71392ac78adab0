namespace ConvGen.Checkpoints
{
    /// <summary>One tensor as a safetensors header describes it.</summary>
    /// <param name="Name">Key in the header.</param>
    /// <param name="DType">Element type, e.g. <c>"F32"</c>.</param>
    /// <param name="Shape">Dimensions, outermost first.</param>
    /// <param name="Begin">Start of the tensor's bytes, relative to the end of the header.</param>
    /// <param name="End">End (exclusive) of the tensor's bytes, relative to the end of the header.</param>
    internal sealed record SafeTensorsEntry(string Name, string DType, int[] Shape, long Begin, long End);
}
