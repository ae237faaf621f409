using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Postmortem.Analyzers.Options;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// What a rule sees at compilation start: the known symbols, options, test-code detection, and
/// registration methods whose callbacks turn an unexpected exception into an actionable
/// <see cref="AnalyzerCallbackException"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisPerformance", "RS1012", Justification = "The rule registers its actions through this wrapper.")]
internal sealed class RuleContext
{
    private readonly CompilationStartAnalysisContext _start;
    private readonly bool _skipsTestCode;
    private TestCode? _testCode;

    public RuleContext(CompilationStartAnalysisContext start, string ruleId)
    {
        _start = start;
        RuleId = ruleId;
        Symbols = KnownSymbols.For(start.Compilation);
        Options = new OptionsReader(start.Compilation, start.Options);
        _skipsTestCode = RuleTraits.SkipsTestCode(ruleId);
    }

    public string RuleId { get; }

    public Compilation Compilation => _start.Compilation;

    public KnownSymbols Symbols { get; }

    public OptionsReader Options { get; }

    public TestCode TestCode => _testCode ??= new TestCode(Compilation, Symbols.TestFrameworks);

    public CancellationToken CancellationToken => _start.CancellationToken;

    /// <summary>
    /// Blazor WebAssembly and other browser-wasm projects: networking goes through the browser's fetch, so
    /// socket and connection-pool rules do not apply. Detected from the WebAssembly host builder or the
    /// project's RuntimeIdentifier (made visible to analyzers by the package's build props).
    /// </summary>
    public bool IsBrowserWasm
        => Symbols.Http.WebAssemblyHostBuilder is not null
        || string.Equals(Options.GetBuildProperty("RuntimeIdentifier"), "browser-wasm", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when a diagnostic about <paramref name="symbol"/> in <paramref name="tree"/> must not be reported:
    /// the symbol is excluded by the user, or it is test code and the rule skips tests.
    /// </summary>
    public bool IsSuppressedFor(ISymbol? symbol, SyntaxTree tree)
    {
        if (_skipsTestCode && TestCode.IsTestCode(symbol) && !Options.GetBool(OptionCatalog.IncludeTests, tree))
        {
            return true;
        }

        return Options.IsExcluded(RuleId, symbol, tree);
    }

    public void RegisterOperationAction(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
        => _start.RegisterOperationAction(
            context =>
            {
                try
                {
                    action(context);
                }
                catch (Exception ex) when (IsUnexpected(ex))
                {
                    throw new AnalyzerCallbackException(RuleId, context.Operation.Syntax.GetLocation(), ex);
                }
            },
            ImmutableArray.Create(kinds));

    public void RegisterSyntaxNodeAction<TKind>(Action<SyntaxNodeAnalysisContext> action, params TKind[] kinds)
        where TKind : struct
        => _start.RegisterSyntaxNodeAction(
            context =>
            {
                try
                {
                    action(context);
                }
                catch (Exception ex) when (IsUnexpected(ex))
                {
                    throw new AnalyzerCallbackException(RuleId, context.Node.GetLocation(), ex);
                }
            },
            ImmutableArray.Create(kinds));

    public void RegisterSymbolAction(Action<SymbolAnalysisContext> action, params SymbolKind[] kinds)
        => _start.RegisterSymbolAction(
            context =>
            {
                try
                {
                    action(context);
                }
                catch (Exception ex) when (IsUnexpected(ex))
                {
                    var locations = context.Symbol.Locations;
                    throw new AnalyzerCallbackException(RuleId, locations.IsEmpty ? null : locations[0], ex);
                }
            },
            ImmutableArray.Create(kinds));

    public void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
        => _start.RegisterCodeBlockAction(
            context =>
            {
                try
                {
                    action(context);
                }
                catch (Exception ex) when (IsUnexpected(ex))
                {
                    throw new AnalyzerCallbackException(RuleId, context.CodeBlock.GetLocation(), ex);
                }
            });

    public void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
        => _start.RegisterCompilationEndAction(
            context =>
            {
                try
                {
                    action(context);
                }
                catch (Exception ex) when (IsUnexpected(ex))
                {
                    throw new AnalyzerCallbackException(RuleId, location: null, ex);
                }
            });

    private static bool IsUnexpected(Exception ex) => ex is not OperationCanceledException and not AnalyzerCallbackException;
}
