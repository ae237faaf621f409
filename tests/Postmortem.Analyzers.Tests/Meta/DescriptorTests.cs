using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Postmortem.Analyzers.Shared;

namespace Postmortem.Analyzers.Tests.Meta;

public sealed class DescriptorTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in RuleCatalog.Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void IdsAreUniqueAndWellFormed()
    {
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(new Regex("^PM[0-9]{4}$"), id));
    }

    [Fact]
    public void EveryIdConstantHasADescriptor()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).OrderBy(x => x).ToList();
        Assert.Equal(constants, RuleCatalog.Descriptors.Select(d => d.Id).OrderBy(x => x).ToList());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void DescriptorIsSound(string id)
    {
        var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);
        var title = descriptor.Title.ToString();
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.False(title.EndsWith('.'), "Titles have no trailing period.");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.Contains(descriptor.Category, DiagnosticCategories.All);
        Assert.NotEqual(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void ExactlyOneAnalyzerReportsEachRule(string id)
    {
        var analyzers = RuleCatalog.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToList();
        var analyzer = Assert.Single(analyzers);
        Assert.StartsWith(id, analyzer.GetType().Name, StringComparison.Ordinal);
        Assert.EndsWith("Analyzer", analyzer.GetType().Name, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzersAreSealedPostmortemAnalyzersForCSharp()
    {
        Assert.NotEmpty(RuleCatalog.Analyzers);
        foreach (var analyzer in RuleCatalog.Analyzers)
        {
            var type = analyzer.GetType();
            Assert.True(type.IsSealed, $"{type.Name} is sealed");
            Assert.IsAssignableFrom<PostmortemAnalyzer>(analyzer);
            var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            Assert.NotNull(attribute);
            Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
        }
    }
}
