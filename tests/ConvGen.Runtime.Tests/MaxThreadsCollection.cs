namespace ConvGen.Runtime.Tests
{
    /// <summary>Test classes that change ParallelRunner.MaxThreads, a process-wide setting, run one after another in this collection.</summary>
    internal static class MaxThreadsCollection
    {
        public const string Name = "ParallelRunner.MaxThreads";
    }
}
