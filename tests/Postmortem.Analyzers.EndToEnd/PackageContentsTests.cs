using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Postmortem.Analyzers.EndToEnd.Infrastructure;

namespace Postmortem.Analyzers.EndToEnd;

[Trait("Category", "EndToEnd")]
public sealed partial class PackageContentsTests
{
    private readonly PackageFixture _package = PackageFixture.Instance;

    public PackageContentsTests(ITestOutputHelper output)
    {
        output.WriteLine(_package.PackResult.ToString());
    }

    [Fact]
    public void Nupkg_HoldsExactlyTheAnalyzersBuildPropsPresetsAndReadme()
    {
        var presets = Directory.GetFiles(Path.Combine(BuildInfo.RepositoryRoot, "src", "Package", "configuration"), "*.globalconfig")
            .Select(path => "configuration/" + Path.GetFileName(path));
        var expected = new[]
            {
                "analyzers/dotnet/cs/Postmortem.Analyzers.dll",
                "analyzers/dotnet/cs/Postmortem.Analyzers.CodeFixes.dll",
                "build/Postmortem.Analyzers.props",
                "buildTransitive/Postmortem.Analyzers.props",
                "README.md",
                "Postmortem.Analyzers.nuspec",
                "[Content_Types].xml",
                "_rels/.rels",
                "package/services/metadata/core-properties/*.psmdcp",
            }
            .Concat(presets)
            .Order(StringComparer.Ordinal)
            .ToList();

        using var archive = ZipFile.OpenRead(_package.NupkgPath);
        var actual = archive.Entries
            .Select(entry => entry.FullName.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && entry.FullName.EndsWith(".psmdcp", StringComparison.Ordinal)
                ? "package/services/metadata/core-properties/*.psmdcp"
                : entry.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("configuration/none.globalconfig", expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Nuspec_IsADevelopmentDependencyWithNoDependencies()
    {
        using var archive = ZipFile.OpenRead(_package.NupkgPath);
        using var stream = archive.GetEntry("Postmortem.Analyzers.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(PackageFixture.PackageId, Value("id"));
        Assert.Equal(_package.Version, Value("version"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName is "dependencies" or "frameworkAssemblies" or "references");
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal(Descriptors.HelpLinkBase, (string?)repository.Attribute("url") + "/blob/main/docs/rules/");
    }

    /// <summary>
    /// The presets are written by hand: each must name every rule, at the severity its mode promises, and stay
    /// below the user's own configuration.
    /// </summary>
    [Fact]
    public void Presets_CoverEveryRule()
    {
        var directory = Path.Combine(BuildInfo.RepositoryRoot, "src", "Package", "configuration");
        var expected = new Dictionary<string, Func<DiagnosticDescriptor, string?>>
        {
            ["none.globalconfig"] = _ => "none",
            ["all.globalconfig"] = _ => "warning",
            ["recommended.globalconfig"] = d => d.IsEnabledByDefault ? "warning" : null,
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), Directory.GetFiles(directory, "*.globalconfig").Select(Path.GetFileName).Order(StringComparer.Ordinal));

        foreach (var (file, severityOf) in expected)
        {
            var text = File.ReadAllText(Path.Combine(directory, file));
            Assert.Matches(@"(?m)^is_global = true$", text);
            Assert.Matches(@"(?m)^global_level = -1$", text);
            var actual = SeverityEntry().Matches(text).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["severity"].Value);
            var wanted = Descriptors.All
                .Select(d => (d.Id, Severity: severityOf(d)))
                .Where(e => e.Severity is not null)
                .ToDictionary(e => e.Id, e => e.Severity!);
            Assert.True(
                wanted.Count == actual.Count && !wanted.Except(actual).Any(),
                $"{file} should set exactly: {string.Join(", ", wanted.Select(e => $"{e.Key} = {e.Value}"))}; it sets: {string.Join(", ", actual.Select(e => $"{e.Key} = {e.Value}"))}");
        }
    }

    [GeneratedRegex(@"(?m)^dotnet_diagnostic\.(?<id>[A-Z]+\d+)\.severity = (?<severity>\w+)\s*$")]
    private static partial Regex SeverityEntry();
}
