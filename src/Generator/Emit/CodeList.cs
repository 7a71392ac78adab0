namespace ConvGen.Generator.Emit
{
    /// <summary>Emitted code built from numbered pieces (accumulators a0..aN, unrolled loads and stores).</summary>
    internal static class CodeList
    {
        /// <summary>item(0) .. item(count - 1), separated by <paramref name="separator"/>.</summary>
        public static string Join(int count, System.Func<int, string> item, string separator = ", ")
        {
            var items = new string[count];
            for (int i = 0; i < count; i++) items[i] = item(i);
            return string.Join(separator, items);
        }
    }
}
