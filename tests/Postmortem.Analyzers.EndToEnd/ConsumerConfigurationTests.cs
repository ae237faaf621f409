using System.Runtime.InteropServices;
using Postmortem.Analyzers.EndToEnd.Infrastructure;

namespace Postmortem.Analyzers.EndToEnd;

/// <summary>A project that references the packed package, configured in its own files the ways users do.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ConsumerConfigurationTests
{
    private const string Rule = "PM0003";

    private readonly PackageFixture _package = PackageFixture.Instance;
    private readonly ITestOutputHelper _output;

    public ConsumerConfigurationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void EditorConfigSeverityNone_Silences()
    {
        var consumer = ConsumerProject.Create(_package, "editorconfig-none");
        consumer.WriteFile(".editorconfig", $"[*.cs]\ndotnet_diagnostic.{Rule}.severity = none\n");

        var build = Log(consumer.Build());

        Expect.Succeeded(build);
        Expect.NoDiagnostic(build, Rule);
    }

    [Fact]
    public void AnalysisModeNone_Silences()
    {
        var consumer = ConsumerProject.Create(_package, "mode-none", "<PostmortemAnalysisMode>None</PostmortemAnalysisMode>");

        var build = Log(consumer.Build());

        Expect.Succeeded(build);
        Expect.NoDiagnostic(build, Rule);
    }

    /// <summary>The presets sit at global_level -1: a project's own .globalconfig decides over them.</summary>
    [Fact]
    public void UserGlobalConfig_OverridesAnalysisModePreset()
    {
        var consumer = ConsumerProject.Create(_package, "user-globalconfig", "<PostmortemAnalysisMode>None</PostmortemAnalysisMode>");
        consumer.WriteFile(".globalconfig", $"is_global = true\ndotnet_diagnostic.{Rule}.severity = error\n");

        var build = Log(consumer.Build());

        Expect.Failed(build);
        Expect.SingleAtHttpClientCreation(build, Rule, "error");
    }

    /// <summary>Rules read build_property.RuntimeIdentifier (PM0003 is silent on browser-wasm); the package's props expose it.</summary>
    [Fact]
    public void Build_ExposesRuntimeIdentifierToAnalyzers()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var runtimeIdentifier = $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        var consumer = ConsumerProject.Create(_package, "runtime-identifier");

        var build = Log(consumer.Build("-p:RuntimeIdentifier=" + runtimeIdentifier));

        Expect.Succeeded(build);
        var config = Directory.GetFiles(Path.Combine(consumer.Directory, "obj"), "Consumer.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories);
        var text = File.ReadAllText(Assert.Single(config));
        Assert.Contains($"build_property.RuntimeIdentifier = {runtimeIdentifier}", text, StringComparison.Ordinal);
    }

    private CommandResult Log(CommandResult result)
    {
        _output.WriteLine(result.ToString());
        return result;
    }
}
