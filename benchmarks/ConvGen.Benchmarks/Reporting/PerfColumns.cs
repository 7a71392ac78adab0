using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>A BenchmarkDotNet column computed from a case's <see cref="CaseResult"/>.</summary>
    public sealed class PerfColumn : IColumn
    {
        private readonly Func<Summary, CaseResult, string> _value;

        private PerfColumn(string name, string legend, Func<Summary, CaseResult, string> value)
        {
            ColumnName = name;
            Legend = legend;
            _value = value;
        }

        /// <summary>Achieved GFLOP/s.</summary>
        public static readonly PerfColumn GFlops = new("GFLOP/s", "2*N*Cout*Ho*Wo*Cin*K1*K2/Groups per pass (2 for Backward, 3 for ForwardBackward) / time",
            (_, r) => r.GFlops.ToString("F2", CultureInfo.InvariantCulture));

        /// <summary>Share of the measured Vector FMA peak at the case's thread count.</summary>
        public static readonly PerfColumn PercentOfPeak = new("% peak", "GFLOP/s as a percentage of the FMA peak measured at start-up, same thread count",
            (_, r) => r.PercentOfPeak is { } p ? p.ToString("F1", CultureInfo.InvariantCulture) : "?");

        /// <summary>Time relative to the fastest peer on the same shape, pass and threads.</summary>
        public static readonly PerfColumn VersusBestPeer = new("vs best peer", "time / time of the fastest of ONNX Runtime and libtorch (same shape, pass, threads)",
            (s, r) => CaseResults.VersusBestPeer(CaseResults.All(s), r) is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-");

        /// <inheritdoc />
        public string Id => nameof(PerfColumn) + "." + ColumnName;
        /// <inheritdoc />
        public string ColumnName { get; }
        /// <inheritdoc />
        public string Legend { get; }
        /// <inheritdoc />
        public bool AlwaysShow => true;
        /// <inheritdoc />
        public ColumnCategory Category => ColumnCategory.Custom;
        /// <inheritdoc />
        public int PriorityInCategory => 0;
        /// <inheritdoc />
        public bool IsNumeric => true;
        /// <inheritdoc />
        public UnitType UnitType => UnitType.Dimensionless;

        /// <inheritdoc />
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
            => CaseResults.Of(summary, benchmarkCase) is { } r ? _value(summary, r) : "-";

        /// <inheritdoc />
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        /// <inheritdoc />
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        /// <inheritdoc />
        public bool IsAvailable(Summary summary) => true;
    }
}
