using System.Text.RegularExpressions;
using Postmortem.Analyzers.Options;

namespace Postmortem.Analyzers.Tests.Meta;

/// <summary>
/// The docs agree with the code: a page per rule with the required headings and its generated metadata table,
/// the README and docs index tables, and every option documented where it applies.
/// Set POSTMORTEM_UPDATE_DOCS=1 to regenerate the tables instead of failing.
/// </summary>
public sealed class DocumentationTests
{
    [Theory]
    [MemberData(nameof(DescriptorTests.RuleIds), MemberType = typeof(DescriptorTests))]
    public void RulePageHasRequiredHeadingsAndCurrentMetadata(string id)
    {
        var path = DocsGenerator.RepositoryPath("docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"docs/rules/{id}.md exists");
        var text = File.ReadAllText(path);
        var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);

        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        var last = -1;
        foreach (var heading in DocsGenerator.RulePageHeadings)
        {
            var at = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
            Assert.True(at > last, $"{id}.md has '{heading}' in order");
            last = at;
        }

        CheckRegion(path, text, "metadata", DocsGenerator.MetadataTable(descriptor));
    }

    [Theory]
    [MemberData(nameof(DescriptorTests.RuleIds), MemberType = typeof(DescriptorTests))]
    public void RulePageDocumentsEveryOption(string id)
    {
        var text = File.ReadAllText(DocsGenerator.RepositoryPath("docs", "rules", id + ".md"));
        var options = text.Substring(text.IndexOf("## Options", StringComparison.Ordinal));
        foreach (var option in OptionCatalog.ForRule(id))
        {
            Assert.Contains(option.Key, options, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OptionKeysFollowTheNamingScheme()
    {
        var keys = RuleCatalog.Descriptors.SelectMany(d => OptionCatalog.ForRule(d.Id)).Select(o => o.Key).Distinct();
        Assert.All(keys, key => Assert.Matches(new Regex("^postmortem\\.(PM[0-9]{4}\\.)?[a-z][a-z0-9_]*$"), key));
    }

    [Fact]
    public void ReadmeRuleTableIsCurrent()
    {
        var path = DocsGenerator.RepositoryPath("README.md");
        // Absolute links: the README is also the package's page on nuget.org, where relative links do not resolve.
        CheckRegion(path, File.ReadAllText(path), "rules", DocsGenerator.RulesTable(Descriptors.HelpLinkBase));
    }

    [Fact]
    public void DocsIndexRuleTableIsCurrent()
    {
        var path = DocsGenerator.RepositoryPath("docs", "README.md");
        CheckRegion(path, File.ReadAllText(path), "rules", DocsGenerator.RulesTable("rules/"));
    }

    private static void CheckRegion(string path, string text, string region, string expected)
    {
        var actual = DocsGenerator.ReadRegion(text, region);
        if (DocsGenerator.Updating && actual != expected)
        {
            File.WriteAllText(path, DocsGenerator.WriteRegion(text, region, expected));
            return;
        }

        Assert.True(actual is not null, $"{path} has <!-- {region}:start --> and <!-- {region}:end --> markers");
        Assert.True(expected == actual, $"{path} region '{region}' is out of date; run the tests with {DocsGenerator.UpdateVariable}=1 to regenerate it.\nExpected:\n{expected}\nActual:\n{actual}");
    }
}
