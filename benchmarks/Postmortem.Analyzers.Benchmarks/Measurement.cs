using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Postmortem.Analyzers.Benchmarks;

/// <summary>One source file to compile, with its planted incidents.</summary>
internal sealed record SourceFile(string Path, string Text, IReadOnlyList<(int Line, string RuleId)> Planted);

internal sealed record AnalyzerTime(string Name, string Ids, double Milliseconds);

internal sealed record RecallResult(int Planted, int Found, IReadOnlyList<string> Missed, IReadOnlyList<string> FalsePositives)
{
    public bool Perfect => Planted > 0 && Found == Planted && FalsePositives.Count == 0;
}

internal sealed record PackageResult(
    AnalyzerSet Set,
    double Milliseconds,
    double WallMilliseconds,
    IReadOnlyList<AnalyzerTime> PerAnalyzer,
    int Diagnostics,
    IReadOnlyList<string> Exceptions,
    RecallResult? Recall);

internal sealed record SizeResult(int TargetLines, int Lines, int Files, int Planted, double CompilerMilliseconds, IReadOnlyList<string> CompilerErrors, IReadOnlyList<PackageResult> Packages);

/// <summary>
/// Measures one input: the compiler alone (parse and bind: <c>GetDiagnostics</c> on a fresh compilation, best of N),
/// then each analyzer set in its own pass over a fresh compilation of the same sources, with
/// <c>logAnalyzerExecutionTime</c> on. Both run on one thread, so the analyzer time is comparable with the compiler time.
/// </summary>
internal sealed class Measurement
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions s_compilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false);

    private readonly IReadOnlyList<MetadataReference> _references;

    public Measurement(IReadOnlyList<MetadataReference> references) => _references = references;

    public double MeasureCompiler(IReadOnlyList<SourceFile> sources, int runs, out IReadOnlyList<string> errors)
    {
        var best = double.MaxValue;
        errors = [];
        for (var run = 0; run < runs; run++)
        {
            Collect();
            var stopwatch = Stopwatch.StartNew();
            var compilation = CreateCompilation(Parse(sources));
            var diagnostics = compilation.GetDiagnostics();
            stopwatch.Stop();
            best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
            errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        }

        return best;
    }

    public async Task<PackageResult> MeasureAnalyzersAsync(AnalyzerSet set, IReadOnlyList<SourceFile> sources, int runs)
    {
        PackageResult? best = null;
        var trees = Parse(sources);
        for (var run = 0; run < runs; run++)
        {
            Collect();
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().FullName}: {ex.GetType().Name}: {ex.Message} ({diagnostic.Location.GetLineSpan()})"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = CreateCompilation(trees).WithAnalyzers(set.Analyzers, options);
            var stopwatch = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            stopwatch.Stop();

            var perAnalyzer = new List<AnalyzerTime>();
            foreach (var analyzer in set.Analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                var ids = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
                perAnalyzer.Add(new AnalyzerTime(analyzer.GetType().Name, ids, telemetry.ExecutionTime.TotalMilliseconds));
            }

            foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
            {
                exceptions.Enqueue(diagnostic.ToString());
            }

            var result = new PackageResult(
                set,
                perAnalyzer.Sum(a => a.Milliseconds),
                stopwatch.Elapsed.TotalMilliseconds,
                perAnalyzer.OrderByDescending(a => a.Milliseconds).ToList(),
                diagnostics.Length,
                exceptions.ToList(),
                set.IsOurs ? Recall(sources, diagnostics) : null);
            if (best is null || result.Milliseconds < best.Milliseconds)
            {
                best = result;
            }
        }

        return best!;
    }

    /// <summary>Diagnostics of our rules against the planted lines: found, missed, and reported on lines with nothing planted.</summary>
    private static RecallResult Recall(IReadOnlyList<SourceFile> sources, ImmutableArray<Diagnostic> diagnostics)
    {
        var planted = sources
            .SelectMany(s => s.Planted.Select(p => $"{s.Path}({p.Line}): {p.RuleId}"))
            .ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var falsePositives = new List<string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("PM", StringComparison.Ordinal)))
        {
            var span = diagnostic.Location.GetLineSpan();
            var key = $"{span.Path}({span.StartLinePosition.Line + 1}): {diagnostic.Id}";
            if (planted.Contains(key))
            {
                reported.Add(key);
            }
            else
            {
                falsePositives.Add($"{key}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        var missed = planted.Where(p => !reported.Contains(p)).Order(StringComparer.Ordinal).ToList();
        return new RecallResult(planted.Count, reported.Count, missed, falsePositives);
    }

    private static List<SyntaxTree> Parse(IReadOnlyList<SourceFile> sources)
        => sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, System.Text.Encoding.UTF8), s_parseOptions, s.Path)).ToList();

    private CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees)
        => CSharpCompilation.Create("Shop", trees, _references, s_compilationOptions);

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
