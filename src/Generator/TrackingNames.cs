namespace ConvGen.Generator
{
    /// <summary>Names of the incremental pipeline's steps, so tests can assert which steps ran, were cached, or changed.</summary>
    internal static class TrackingNames
    {
        public const string Parse = nameof(Parse);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Specs = nameof(Specs);
        public const string Plans = nameof(Plans);
    }
}
