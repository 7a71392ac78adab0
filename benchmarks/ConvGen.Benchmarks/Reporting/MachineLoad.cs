using System.Globalization;
using System.IO;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>
    /// The 1-minute load average (Linux), recorded with the results: on a 2-core machine a concurrent build halves what a
    /// 2-thread benchmark gets, and a reader of the table needs to know.
    /// </summary>
    public static class MachineLoad
    {
        /// <summary>The 1-minute load average, or null where /proc/loadavg does not exist.</summary>
        public static double? OneMinute()
        {
            const string path = "/proc/loadavg";
            if (!File.Exists(path)) return null;
            string first = File.ReadAllText(path).Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
        }
    }
}
