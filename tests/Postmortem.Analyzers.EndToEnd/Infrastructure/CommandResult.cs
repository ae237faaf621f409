using System.Text.RegularExpressions;

namespace Postmortem.Analyzers.EndToEnd.Infrastructure;

/// <summary>What a dotnet CLI command did: exit code, combined output, and the compiler diagnostics it printed.</summary>
public sealed partial class CommandResult
{
    private IReadOnlyList<BuildDiagnostic>? _diagnostics;

    public CommandResult(string commandLine, string workingDirectory, int exitCode, string output, TimeSpan elapsed)
    {
        CommandLine = commandLine;
        WorkingDirectory = workingDirectory;
        ExitCode = exitCode;
        Output = output;
        Elapsed = elapsed;
    }

    public string CommandLine { get; }

    public string WorkingDirectory { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>
    /// Diagnostics in MSBuild's canonical form, <c>File.cs(12,34): warning PM0003: message [project]</c>, once
    /// each (the build summary repeats them).
    /// </summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics => _diagnostics ??= ParseDiagnostics(Output);

    public IReadOnlyList<BuildDiagnostic> DiagnosticsWithId(string id)
        => Diagnostics.Where(d => d.Id == id).ToList();

    /// <summary>The command and its whole output, for assertion messages.</summary>
    public override string ToString()
        => $"> {CommandLine}{Environment.NewLine}  (in {WorkingDirectory}; exit code {ExitCode}; {Elapsed.TotalSeconds:0.0} s){Environment.NewLine}{Output}";

    private static List<BuildDiagnostic> ParseDiagnostics(string output)
    {
        var diagnostics = new List<BuildDiagnostic>();
        foreach (var line in output.Split('\n'))
        {
            var match = CanonicalDiagnostic().Match(line.TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }

            var diagnostic = new BuildDiagnostic(
                match.Groups["file"].Value.Trim(),
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["severity"].Value,
                match.Groups["id"].Value,
                match.Groups["message"].Value);
            if (!diagnostics.Contains(diagnostic))
            {
                diagnostics.Add(diagnostic);
            }
        }

        return diagnostics;
    }

    [GeneratedRegex(@"^\s*(?<file>[^\s].*?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): (?<severity>warning|error) (?<id>[A-Za-z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex CanonicalDiagnostic();
}

/// <summary>One compiler diagnostic as the build printed it.</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {Severity} {Id}: {Message}";
}
