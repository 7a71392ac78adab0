using System;
using System.Text;

namespace ConvGen.Generator.Helpers
{
    /// <summary>An indented text writer for emitted C#: every line gets the current indentation, braces open and close blocks.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new();
        private int _indent;

        public void Line(string text = "")
        {
            if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
            _builder.Append('\n');
        }

        /// <summary>Writes each line of a multi-line block at the current indentation.</summary>
        public void Lines(string block)
        {
            foreach (string line in block.Replace("\r\n", "\n").Split('\n')) Line(line);
        }

        public void Open(string header)
        {
            Line(header);
            Line("{");
            _indent++;
        }

        public void Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
        }

        /// <summary>Opens a block and returns a scope that closes it, for <c>using</c>.</summary>
        public Block Scope(string header)
        {
            Open(header);
            return new Block(this);
        }

        public override string ToString() => _builder.ToString();

        public readonly struct Block : IDisposable
        {
            private readonly SourceWriter _writer;
            public Block(SourceWriter writer) => _writer = writer;
            public void Dispose() => _writer.Close();
        }
    }
}
