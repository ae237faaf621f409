using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Postmortem.Analyzers.Tests.Meta;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Robustness;

/// <summary>
/// Every code fix over every source of the corpus, whole and half-typed: registering and applying each offered
/// action, and each Fix All, never throws; on code that compiled, a fix never introduces a compiler error.
/// </summary>
public sealed class CodeFixRobustnessTests
{
    /// <summary>How many cut points per source for the half-typed variants (besides the whole source).</summary>
    private const int CutsPerSource = 4;

    [Fact]
    public async Task EveryFix_OverTheCorpus_NeverThrowsAndKeepsCompilingCodeCompiling()
    {
        var references = await TestReferences.ResolveAllAsync(TestReferences.Grpc80);
        var fixesApplied = 0;
        foreach (var source in RobustnessCorpus.All)
        {
            var boundaries = RobustnessCorpus.TokenBoundaries(source.Text);
            var variants = new List<(string Text, bool Whole)> { (source.Text, true) };
            for (var i = 1; i <= CutsPerSource; i++)
            {
                variants.Add((source.Text.Substring(0, boundaries[boundaries.Length * i / (CutsPerSource + 1)]), false));
            }

            foreach (var (text, whole) in variants)
            {
                fixesApplied += await FixEverythingAsync(source, text, whole, references);
            }
        }

        Assert.True(fixesApplied > 0, "The corpus exercised at least one fix.");
    }

    private static async Task<int> FixEverythingAsync(CorpusSource source, string text, bool whole, ImmutableArray<MetadataReference> references)
    {
        using var workspace = new AdhocWorkspace();
        var kind = source.HasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var document = workspace.AddProject("Contoso.Fixes", LanguageNames.CSharp)
            .WithMetadataReferences(references)
            .WithCompilationOptions(new CSharpCompilationOptions(kind))
            .WithParseOptions(AnalyzerRunner.ParseOptions)
            .AddDocument("Code.cs", text);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var errorsBefore = ErrorCount(compilation);
        var run = await AnalyzerRunner.RunAsync(compilation);
        var applied = 0;

        foreach (var provider in RuleCatalog.CodeFixes)
        {
            var diagnostics = run.RuleDiagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            var actions = new List<CodeAction>();
            foreach (var diagnostic in diagnostics)
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                await provider.RegisterCodeFixesAsync(context);
            }

            var keys = actions.Select(a => a.EquivalenceKey).Distinct().Append(null);
            foreach (var action in actions)
            {
                await CheckAsync(source, action, document, whole, errorsBefore);
                applied++;
            }

            var fixAll = provider.GetFixAllProvider();
            foreach (var key in keys)
            {
                var context = new FixAllContext(document, provider, FixAllScope.Document, key!, provider.FixableDiagnosticIds, new CorpusDiagnostics(diagnostics), CancellationToken.None);
                if (await fixAll!.GetFixAsync(context) is { } action)
                {
                    await CheckAsync(source, action, document, whole, errorsBefore);
                    applied++;
                }
            }
        }

        return applied;
    }

    private static async Task CheckAsync(CorpusSource source, CodeAction action, Document document, bool whole, int errorsBefore)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        if (!whole)
        {
            return;
        }

        var compilation = (await changed.Project.GetCompilationAsync())!;
        var errors = ErrorCount(compilation);
        Assert.True(errors <= errorsBefore, $"'{action.Title}' ({action.EquivalenceKey}) on {source.Name} introduced compiler errors:\n"
            + string.Join("\n", compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            + "\n--- fixed code ---\n" + (await changed.GetTextAsync()));
    }

    private static int ErrorCount(Compilation compilation) => compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

    private sealed class CorpusDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
