using System.Composition;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Postmortem.Analyzers.CodeFixes;

namespace Postmortem.Analyzers.Tests.Meta;

public sealed class CodeFixProviderTests
{
    [Fact]
    public void ProvidersAreExportedSharedAndSealed()
    {
        Assert.NotEmpty(RuleCatalog.CodeFixes);
        foreach (var provider in RuleCatalog.CodeFixes)
        {
            var type = provider.GetType();
            Assert.True(type.IsSealed, $"{type.Name} is sealed");
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            Assert.NotNull(provider.GetFixAllProvider());
        }
    }

    [Fact]
    public void ProvidersFixKnownRulesAndAreNamedAfterThem()
    {
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet();
        foreach (var provider in RuleCatalog.CodeFixes)
        {
            var fixable = Assert.Single(provider.FixableDiagnosticIds);
            Assert.Contains(fixable, ids);
            Assert.StartsWith(fixable, provider.GetType().Name, StringComparison.Ordinal);
            Assert.EndsWith("CodeFixProvider", provider.GetType().Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EquivalenceKeysNameTheirRule()
    {
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet();
        var keys = typeof(EquivalenceKeys).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, key => Assert.Contains(key.Split('.')[0], ids));
    }
}
