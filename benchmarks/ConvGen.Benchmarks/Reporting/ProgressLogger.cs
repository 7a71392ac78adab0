using System;
using System.Text;
using BenchmarkDotNet.Loggers;

namespace ConvGen.Benchmarks.Reporting
{
    /// <summary>Quick mode's logger: only which case is running, how many remain, and errors.</summary>
    public sealed class ProgressLogger : ILogger
    {
        private readonly StringBuilder _line = new();
        private bool _lineIsError;

        /// <inheritdoc />
        public string Id => nameof(ProgressLogger);

        /// <inheritdoc />
        public int Priority => 0;

        /// <inheritdoc />
        public void Write(LogKind logKind, string text)
        {
            _line.Append(text);
            _lineIsError |= logKind == LogKind.Error;
        }

        /// <inheritdoc />
        public void WriteLine() => Emit();

        /// <inheritdoc />
        public void WriteLine(LogKind logKind, string text)
        {
            Write(logKind, text);
            Emit();
        }

        /// <inheritdoc />
        public void Flush() => Console.Out.Flush();

        private void Emit()
        {
            string line = _line.ToString();
            if (_lineIsError || line.StartsWith("// Benchmark: ", StringComparison.Ordinal) || line.StartsWith("// ** Remained", StringComparison.Ordinal))
                Console.WriteLine(line);
            _line.Clear();
            _lineIsError = false;
        }
    }
}
