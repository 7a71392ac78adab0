using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace ConvGen.Package.Tests.Support
{
    /// <summary>The outcome of one child process.</summary>
    public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
    {
        public override string ToString() => $"`{CommandLine}` exited {ExitCode} after {Elapsed.TotalSeconds:F1} s:\n{Output}";
    }

    /// <summary>Runs dotnet commands with a clean MSBuild environment, no build servers left behind, and a time limit.</summary>
    internal static class ProcessRunner
    {
        public static ProcessResult Dotnet(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
        {
            var start = new ProcessStartInfo(Repo.Dotnet)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in args) start.ArgumentList.Add(a);
            // The test host runs inside an SDK command: drop what that command told its own MSBuild, so the child starts fresh.
            foreach (string key in start.Environment.Keys.ToList())
                if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("CONVGEN_ACCEPT_API", StringComparison.OrdinalIgnoreCase))
                    start.Environment.Remove(key);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            // No MSBuild node, compiler server or MSBuild server may outlive the command (they would hold our pipes open).
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["UseSharedCompilation"] = "false";
            foreach (var (key, value) in environment) start.Environment[key] = value;

            var output = new StringBuilder();
            var watch = Stopwatch.StartNew();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            string commandLine = "dotnet " + string.Join(' ', args);
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
                throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:F0} s:\n{output}");
            }
            process.WaitForExit(); // drains the asynchronous readers
            lock (output) return new ProcessResult(commandLine, process.ExitCode, output.ToString(), watch.Elapsed);
        }
    }
}
