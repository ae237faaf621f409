using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;
using Postmortem.Analyzers.Shared;

namespace Postmortem.Analyzers.Rules.Data;

/// <summary>
/// PM0005: a call that leaves the process (see <see cref="ExternalCalls"/>) while a transaction, a transaction scope or
/// an explicitly opened connection is open (see <see cref="TransactionRegions"/>), reported where the call is made;
/// and, at compilation end, a call made inside such a region to a method of the compilation that makes one itself or
/// through further calls (<see cref="CallGraph"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0005TransactionHeldAcrossExternalCallAnalyzer : PostmortemAnalyzer
{
    /// <summary>Diagnostic property for the code fix: the span ("start,length") of the statement to move.</summary>
    public const string MovedStatementProperty = "MovedStatement";

    /// <summary>Diagnostic property for the code fix: the span ("start,length") of the commit statement to move it after.</summary>
    public const string CommitStatementProperty = "CommitStatement";

    public PM0005TransactionHeldAcrossExternalCallAnalyzer()
        : base(Descriptors.PM0005TransactionHeldAcrossExternalCall, Descriptors.PM0005HelperHeldAcrossExternalCall)
    {
    }

    private protected override bool AppliesTo(RuleContext context)
        => !context.Symbols.TransactionApis.IsEmpty && !context.Symbols.ExternalCalls.IsEmpty;

    private protected override void Register(RuleContext context)
    {
        // Every call is classified once (external call, region event, call to a method of the compilation) for the
        // summaries. A body is walked as a whole only when it makes an external call or opens or closes a region, once.
        var graph = new CallGraph(context.Symbols);
        var bodies = new Bodies(context, graph);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, context, graph, bodies), OperationKind.Invocation);
        if (context.Symbols.Transactions.TransactionScope is not null)
        {
            context.RegisterOperationAction(
                c =>
                {
                    if (context.Symbols.TransactionApis.IsScopeCreation((IObjectCreationOperation)c.Operation))
                    {
                        bodies.RegionsOf(c.Operation, c.ContainingSymbol);
                    }
                },
                OperationKind.ObjectCreation);
        }

        context.RegisterSymbolAction(c => graph.RecordDeclaration((IMethodSymbol)c.Symbol), SymbolKind.Method);
        context.RegisterCompilationEndAction(c => ReportBuried(c, context, graph));
    }

    private void AnalyzeInvocation(OperationAnalysisContext context, RuleContext rule, CallGraph graph, Bodies bodies)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var target = invocation.TargetMethod;
        if (rule.Symbols.ExternalCalls.Find(invocation) is not { } external)
        {
            if (rule.Symbols.TransactionApis.Classify(invocation) != TransactionEvent.None)
            {
                bodies.RegionsOf(invocation, context.ContainingSymbol);
            }
            else if (graph.HasBodyInCompilation(target) && Attributed(invocation, context.ContainingSymbol) is { } caller)
            {
                graph.RecordEdge(caller, target);
            }

            return;
        }

        var tree = invocation.Syntax.SyntaxTree;
        if (rule.Options.IsExcluded(rule.RuleId, target, tree))
        {
            return;
        }

        if (Attributed(invocation, context.ContainingSymbol) is { } function)
        {
            graph.RecordEffect(function, external.Describe(invocation), invocation.Syntax.GetLocation());
        }

        if (bodies.RegionsOf(invocation, context.ContainingSymbol) is not { } regions
            || regions.OpenAt(invocation) is not { } region
            || rule.IsSuppressedFor(context.ContainingSymbol, tree))
        {
            return;
        }

        var statement = TransactionRegions.StatementOf(invocation);
        var commit = statement is null ? null : regions.CommitAfter(region, statement);
        var properties = commit is null
            ? null
            : ImmutableDictionary<string, string?>.Empty
                .Add(MovedStatementProperty, Span(statement!))
                .Add(CommitStatementProperty, Span(commit));
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties, external.Describe(invocation), region.Description, region.Line));
    }

    private static void ReportBuried(CompilationAnalysisContext context, RuleContext rule, CallGraph graph)
    {
        foreach (var (site, effect, chain) in graph.Resolve(context.CancellationToken))
        {
            if (site.Detail is not OpenRegion region || !CallGraph.IsReportable(rule, site, chain))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PM0005HelperHeldAcrossExternalCall,
                site.Location,
                CallGraph.CallName(site.Callee),
                effect.What,
                effect.Where,
                CallGraph.Via(chain),
                region.Description,
                region.Line));
        }
    }

    private static string Span(IOperation operation)
        => operation.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture) + "," + operation.Syntax.Span.Length.ToString(CultureInfo.InvariantCulture);

    /// <summary>The method or local function an operation's effects are attributed to; null in a lambda (when it runs is unknown).</summary>
    private static IMethodSymbol? Attributed(IOperation operation, ISymbol containingSymbol) => TransactionRegions.FunctionOf(operation) switch
    {
        null => containingSymbol as IMethodSymbol,
        ILocalFunctionOperation local => local.Symbol,
        _ => null,
    };

    /// <summary>
    /// The regions of each body that makes an external call or opens or closes a region, found once per body by walking it
    /// as a whole (most bodies are never walked). The walk also records, for compilation end, the calls to methods of the
    /// compilation made while a region is open.
    /// </summary>
    private sealed class Bodies
    {
        private readonly RuleContext _rule;
        private readonly CallGraph _graph;
        private readonly ConcurrentDictionary<SyntaxNode, Lazy<TransactionRegions?>> _regions = new();

        public Bodies(RuleContext rule, CallGraph graph)
        {
            _rule = rule;
            _graph = graph;
        }

        /// <summary>The regions of the body that holds <paramref name="operation"/>; null when it opens none.</summary>
        public TransactionRegions? RegionsOf(IOperation operation, ISymbol owningSymbol)
        {
            var root = operation.Root();

            if (_regions.TryGetValue(root.Syntax, out var known))
            {
                return known.Value;
            }

            return _regions.GetOrAdd(root.Syntax, new Lazy<TransactionRegions?>(() => Walk(root, owningSymbol))).Value;
        }

        private TransactionRegions? Walk(IOperation root, ISymbol owningSymbol)
        {
            // The regions first (the body's tokens, then a name test per call, rule out most bodies and calls); the calls
            // made inside one only when there is one.
            if (!TransactionApis.MayOpenIn(root.Syntax))
            {
                return null;
            }

            var regions = new TransactionRegions(_rule.Symbols.TransactionApis);
            foreach (var operation in root.Descendants())
            {
                if (operation is IObjectCreationOperation creation)
                {
                    regions.Record(creation);
                }
                else if (operation is IInvocationOperation invocation)
                {
                    regions.Record(invocation);
                }
            }

            if (regions.IsEmpty)
            {
                return null;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is not IInvocationOperation call
                    || !_graph.HasBodyInCompilation(call.TargetMethod)
                    || _rule.Symbols.TransactionApis.Classify(call) != TransactionEvent.None
                    || _rule.Symbols.ExternalCalls.Find(call) is not null
                    || regions.OpenAt(call) is not { } region)
                {
                    continue;
                }

                var function = TransactionRegions.FunctionOf(call) switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    ILocalFunctionOperation local => local.Symbol,
                    _ => owningSymbol as IMethodSymbol,
                };
                if (function is not null)
                {
                    _graph.RecordSite(call.TargetMethod, call.Syntax, function, owningSymbol, new OpenRegion(region.Description, region.Line));
                }
            }

            return regions;
        }
    }

    /// <summary>The region a call site is in, as its message names it.</summary>
    private sealed class OpenRegion
    {
        public OpenRegion(string description, int line)
        {
            Description = description;
            Line = line;
        }

        public string Description { get; }
        public int Line { get; }
    }
}
