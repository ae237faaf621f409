namespace Postmortem.Analyzers.EndToEnd.Infrastructure;

/// <summary>Assertions on dotnet CLI commands whose failure messages carry the command's whole output.</summary>
internal static class Expect
{
    public static void Succeeded(CommandResult result)
        => Assert.True(result.ExitCode == 0, $"Expected the command to succeed.{Environment.NewLine}{result}");

    public static void Failed(CommandResult result)
        => Assert.True(result.ExitCode != 0, $"Expected the command to fail.{Environment.NewLine}{result}");

    public static void NoDiagnostic(CommandResult result, string id)
        => Assert.True(result.DiagnosticsWithId(id).Count == 0, $"Expected no {id}.{Environment.NewLine}{result}");

    /// <summary>Exactly one <paramref name="id"/>, with <paramref name="severity"/>, at the HttpClient creation in the consumer's source file.</summary>
    public static void SingleAtHttpClientCreation(CommandResult result, string id, string severity)
    {
        var found = result.DiagnosticsWithId(id);
        Assert.True(found.Count == 1, $"Expected exactly one {id}, found {found.Count}.{Environment.NewLine}{result}");
        var diagnostic = found[0];
        var (line, column) = ConsumerProject.ExpectedLocation;
        Assert.True(
            diagnostic.Severity == severity
                && Path.GetFileName(diagnostic.File) == ConsumerProject.SourceFileName
                && diagnostic.Line == line
                && diagnostic.Column == column,
            $"Expected '{ConsumerProject.SourceFileName}({line},{column}): {severity} {id}', got '{diagnostic}'.{Environment.NewLine}{result}");
    }
}
