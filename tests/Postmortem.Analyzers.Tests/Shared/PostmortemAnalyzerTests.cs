using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Shared;

/// <summary>The base every rule derives from: an unexpected exception in a rule reaches the user as an actionable message.</summary>
public sealed class PostmortemAnalyzerTests
{
    [Fact]
    public async Task CallbackException_NamesRuleFileAndLine()
    {
        var source = """
            public sealed class Orders
            {
                public int Count() => 42;
            }
            """;
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, path: "Orders.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var failures = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => failures.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        await compilation.WithAnalyzers([new ThrowingRule()], options).GetAnalyzerDiagnosticsAsync();

        var failure = Assert.IsType<AnalyzerCallbackException>(Assert.Single(failures));
        Assert.Equal("PM9999", failure.RuleId);
        Assert.Contains("PM9999 failed while analyzing Orders.cs line 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet_diagnostic.PM9999.severity = none", failure.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public async Task RuleWhoseLibraryIsAbsent_RegistersNothing()
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText("public sealed class C { public int M() => 1; }")],
            await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var rule = new ThrowingRule(applies: false);
        var withAnalyzers = compilation.WithAnalyzers([rule], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(rule, CancellationToken.None);
        Assert.Equal(0, telemetry.OperationActionsCount);
    }

    [Theory]
    [InlineData(ReportDiagnostic.Suppress, null, 0)]
    [InlineData(ReportDiagnostic.Suppress, ReportDiagnostic.Suppress, 0)]
    [InlineData(ReportDiagnostic.Suppress, ReportDiagnostic.Warn, 1)]
    [InlineData(null, ReportDiagnostic.Suppress, 1)]
    [InlineData(null, null, 1)]
    [InlineData(ReportDiagnostic.Hidden, null, 1)]
    public async Task RuleTurnedOffInEveryFile_RegistersNothing(ReportDiagnostic? globalConfig, ReportDiagnostic? secondFileEditorConfig, int expectedActions)
    {
        // Two files: the global config covers both; the second one may have its own .editorconfig section.
        var first = CSharpSyntaxTree.ParseText("public sealed class C { public void M() { } }", path: "/src/C.cs");
        var second = CSharpSyntaxTree.ParseText("public sealed class D { public void M() { } }", path: "/src/Other/D.cs");
        var treeOptions = new SeverityOptions(globalConfig, second, secondFileEditorConfig);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [first, second],
            await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithSyntaxTreeOptionsProvider(treeOptions));
        var rule = new ThrowingRule();
        var withAnalyzers = compilation.WithAnalyzers([rule], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(rule, CancellationToken.None);
        Assert.Equal(expectedActions, telemetry.OperationActionsCount);
    }

    /// <summary>What the compiler reads from a global config (one severity for all files) and an .editorconfig section (one file).</summary>
    private sealed class SeverityOptions(ReportDiagnostic? global, SyntaxTree tree, ReportDiagnostic? forTree) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree candidate, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = forTree ?? default;
            return forTree is not null && candidate == tree && diagnosticId == "PM9999";
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = global ?? default;
            return global is not null && diagnosticId == "PM9999";
        }
    }

#pragma warning disable RS1001 // Run directly by the tests above, never discovered as an exported analyzer.
    private sealed class ThrowingRule(bool applies = true) : PostmortemAnalyzer(s_rule)
#pragma warning restore RS1001
    {
#pragma warning disable RS2008 // A test-only rule, never shipped.
        private static readonly DiagnosticDescriptor s_rule = new(
            "PM9999", "Throws", "Throws", DiagnosticCategories.Resources, DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

        private protected override bool AppliesTo(RuleContext context) => applies;

        private protected override void Register(RuleContext context)
            => context.RegisterOperationAction(_ => throw new InvalidOperationException("boom"), OperationKind.Literal);
    }
}
