using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Robustness;

/// <summary>
/// Runs analyzers over a compilation the way the IDE and the build do (<see cref="CompilationWithAnalyzers"/>,
/// concurrent execution on), with every analyzer exception collected rather than turned into a silent AD0001.
/// </summary>
internal static class AnalyzerRunner
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    private static readonly ConcurrentDictionary<(ReferenceAssemblies? References, OutputKind Kind), Task<CSharpCompilation>> s_baseCompilations = new();

    /// <summary>
    /// A compilation with no source, whose references are bound once and shared by every compilation made from it
    /// (<see cref="Compilation.AddSyntaxTrees(SyntaxTree[])"/> keeps the reference manager): thousands of small
    /// compilations stay cheap. <paramref name="references"/> null means no reference at all, not even a core library.
    /// </summary>
    public static Task<CSharpCompilation> BaseCompilationAsync(ReferenceAssemblies? references, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        => s_baseCompilations.GetOrAdd((references, outputKind), static async key =>
        {
            var resolved = key.References is null
                ? ImmutableArray<MetadataReference>.Empty
                : await TestReferences.ResolveAllAsync(key.References);
            var compilation = CSharpCompilation.Create(
                "Contoso.Robustness",
                references: resolved,
                options: new CSharpCompilationOptions(key.Kind, nullableContextOptions: NullableContextOptions.Enable));
            _ = compilation.GlobalNamespace;
            return compilation;
        });

    public static SyntaxTree Parse(string text, string path = "/src/Code.cs", CSharpParseOptions? options = null)
        => CSharpSyntaxTree.ParseText(text, options ?? ParseOptions, path);

    public static async Task<AnalyzerRunResult> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer>? analyzers = null)
    {
        var exceptions = new ConcurrentQueue<AnalyzerFailure>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue(new AnalyzerFailure(analyzer, exception, diagnostic)),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation
            .WithAnalyzers(analyzers ?? ShippedAnalyzers.All, options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return new AnalyzerRunResult(compilation, diagnostics, exceptions.ToImmutableArray());
    }
}

internal sealed record AnalyzerFailure(DiagnosticAnalyzer Analyzer, Exception Exception, Diagnostic Diagnostic);

internal sealed record AnalyzerRunResult(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<AnalyzerFailure> Failures)
{
    /// <summary>The diagnostics of our rules (AD0001 and other infrastructure IDs excluded).</summary>
    public IEnumerable<Diagnostic> RuleDiagnostics => Diagnostics.Where(diagnostic => diagnostic.Id.StartsWith("PM", StringComparison.Ordinal));

    /// <summary>Fails with every exception an analyzer threw and every AD0001 reported, naming the code that was analyzed.</summary>
    public void AssertNoAnalyzerFailure(string context)
    {
        var problems = Failures.Select(failure => $"{ShippedAnalyzers.Name(failure.Analyzer)} threw {failure.Exception}")
            .Concat(Diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").Select(diagnostic => diagnostic.ToString()))
            .ToList();
        if (problems.Count > 0)
        {
            Assert.Fail($"Analyzer failure on {context}:\n{string.Join("\n", problems)}\n--- code ---\n{SourceText()}");
        }
    }

    /// <summary>Fails when a rule reports a diagnostic that is not in a source tree of the compilation, inside its text.</summary>
    public void AssertRuleLocationsInSource(string context)
    {
        foreach (var diagnostic in RuleDiagnostics)
        {
            var location = diagnostic.Location;
            var inSource = location.IsInSource
                && Compilation.SyntaxTrees.Contains(location.SourceTree)
                && location.SourceSpan.End <= location.SourceTree!.Length;
            if (!inSource)
            {
                Assert.Fail($"{diagnostic.Id} reported outside the source text ({location}) on {context}:\n{SourceText()}");
            }
        }
    }

    private string SourceText() => string.Join("\n--- next file ---\n", Compilation.SyntaxTrees.Select(tree => tree.ToString()));
}
