using System.Text.RegularExpressions;

namespace Postmortem.Analyzers.Tests.Meta;

/// <summary>AnalyzerReleases.Shipped.md and Unshipped.md list every descriptor once, with its category and severity.</summary>
public sealed class ReleaseTrackingTests
{
    private static readonly Regex s_row = new(@"^(PM\d{4})\s*\|\s*([A-Za-z]+)\s*\|\s*([A-Za-z]+)\s*\|", RegexOptions.Multiline);

    [Fact]
    public void ReleaseFilesMatchDescriptors()
    {
        var rows = new List<(string Id, string Category, string Severity)>();
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            var text = File.ReadAllText(DocsGenerator.RepositoryPath("src", "Analyzers", file));
            rows.AddRange(s_row.Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)));
        }

        var expected = RuleCatalog.Descriptors
            .Select(d => (d.Id, d.Category, d.DefaultSeverity.ToString()))
            .OrderBy(r => r.Id).ToList();
        Assert.Equal(expected, rows.OrderBy(r => r.Id).ToList());
    }
}
