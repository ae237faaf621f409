using Postmortem.Analyzers.EndToEnd.Infrastructure;

namespace Postmortem.Analyzers.EndToEnd;

/// <summary>The packaged code fixes, applied outside the IDE with dotnet format.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CodeFixTests
{
    private readonly PackageFixture _package = PackageFixture.Instance;
    private readonly ITestOutputHelper _output;

    public CodeFixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>
    /// Without Microsoft.Extensions.Http only the static-client fix applies: the client moves to a static field
    /// over a SocketsHttpHandler, and the project then builds clean.
    /// </summary>
    [Fact]
    public void DotNetFormat_FixesHttpClientPerOperation()
    {
        var consumer = ConsumerProject.Create(_package, "dotnet-format");

        var format = consumer.Format("analyzers", "--diagnostics", "PM0003", "--severity", "warn");
        _output.WriteLine(format.ToString());
        Expect.Succeeded(format);

        var fixedSource = consumer.ReadSource();
        _output.WriteLine(fixedSource);
        var context = $"{Environment.NewLine}{ConsumerProject.SourceFileName} after the fix:{Environment.NewLine}{fixedSource}{Environment.NewLine}{format}";
        Assert.False(fixedSource.Contains(ConsumerProject.HttpClientCreation, StringComparison.Ordinal), "The HttpClient is still created per call." + context);
        Assert.True(fixedSource.Contains("static readonly HttpClient", StringComparison.Ordinal), "Expected a static readonly HttpClient field." + context);

        var build = consumer.Build();
        _output.WriteLine(build.ToString());
        Expect.Succeeded(build);
        Expect.NoDiagnostic(build, "PM0003");
    }
}
