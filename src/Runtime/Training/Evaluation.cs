namespace ConvGen.Training
{
    /// <summary>Loss and accuracy of a model on a dataset.</summary>
    /// <param name="Loss">Mean loss over all examples.</param>
    /// <param name="Accuracy">Fraction of examples whose highest score is the label, in [0, 1].</param>
    /// <param name="Correct">Number of correctly classified examples.</param>
    /// <param name="Count">Number of examples.</param>
    public sealed record Evaluation(double Loss, double Accuracy, int Correct, int Count);
}
