using System.Text.Json;
using Postmortem.Analyzers.EndToEnd.Infrastructure;

namespace Postmortem.Analyzers.EndToEnd;

/// <summary>A project that references the packed package, built from the command line the ways users and CI do.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ConsumerBuildTests : IClassFixture<SharedConsumerFixture>
{
    private const string Rule = "PM0003";
    private const string HelpUri = "https://github.com/postmortem-analyzers/postmortem-analyzers/blob/main/docs/rules/PM0003.md";

    private readonly ConsumerProject _consumer;
    private readonly ITestOutputHelper _output;

    public ConsumerBuildTests(SharedConsumerFixture shared, ITestOutputHelper output)
    {
        _consumer = shared.Consumer;
        _output = output;
    }

    [Fact]
    public void Build_ReportsWarningAtHttpClientCreation()
    {
        var build = Log(_consumer.Build());

        Expect.Succeeded(build);
        Expect.SingleAtHttpClientCreation(build, Rule, "warning");
    }

    [Fact]
    public void BuildWithWarnAsError_FailsWithError()
    {
        var build = Log(_consumer.Build("-warnaserror"));

        Expect.Failed(build);
        Expect.SingleAtHttpClientCreation(build, Rule, "error");
    }

    [Fact]
    public void ErrorLog_Sarif21_HoldsResultAndRuleHelpUri()
    {
        var sarifPath = Path.Combine(_consumer.Directory, "build.sarif");
        File.Delete(sarifPath);

        // %2C: a plain comma would end the property value on the MSBuild command line.
        var build = Log(_consumer.Build($"-p:ErrorLog={sarifPath}%2Cversion=2.1"));

        Expect.Succeeded(build);
        Assert.True(File.Exists(sarifPath), $"No SARIF log at {sarifPath}.{Environment.NewLine}{build}");
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];

        var result = Assert.Single(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == Rule);
        Assert.Equal("warning", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("/" + ConsumerProject.SourceFileName, location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(ConsumerProject.ExpectedLocation.Line, location.GetProperty("region").GetProperty("startLine").GetInt32());

        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == Rule);
        Assert.Equal(HelpUri, rule.GetProperty("helpUri").GetString());
    }

    [Fact]
    public void AnalysisModeDefault_KeepsWarning()
    {
        var build = Log(_consumer.Build("-p:PostmortemAnalysisMode=Default"));

        Expect.Succeeded(build);
        Expect.SingleAtHttpClientCreation(build, Rule, "warning");
    }

    [Fact]
    public void AnalysisModeUnknown_WarnsAndKeepsDefaults()
    {
        var build = Log(_consumer.Build("-p:PostmortemAnalysisMode=Strictest"));

        Expect.Succeeded(build);
        Assert.True(
            build.Output.Contains("PostmortemAnalysisMode 'Strictest' is not one of", StringComparison.Ordinal),
            $"Expected a warning about the unknown mode.{Environment.NewLine}{build}");
        Expect.SingleAtHttpClientCreation(build, Rule, "warning");
    }

    private CommandResult Log(CommandResult result)
    {
        _output.WriteLine(result.ToString());
        return result;
    }
}
