using System.Linq;
using Xunit;

namespace ConvGen.Oracle.Tests
{
    /// <summary>xunit theory data over the oracle case names (names, not cases, so test explorers show readable rows).</summary>
    internal static class OracleTheoryData
    {
        public static TheoryData<string> Names()
        {
            var data = new TheoryData<string>();
            foreach (string name in OracleCases.ReadIndex(OracleCases.DefaultDirectory).Cases.Select(c => c.Name)) data.Add(name);
            return data;
        }
    }
}
