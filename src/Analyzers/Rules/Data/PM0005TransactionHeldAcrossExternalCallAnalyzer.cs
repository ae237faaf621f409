using System.Collections.Generic;
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
/// an explicitly opened connection is open (see <see cref="TransactionRegions"/>), reported when the body has been seen;
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
        var graph = new CallGraph(context.Compilation);
        var hasScopes = context.Symbols.Transactions.TransactionScope is not null;
        context.RegisterOperationBlockStartAction(start =>
        {
            var body = new Body(context.Symbols.TransactionApis);
            start.RegisterOperationAction(context.Guard<OperationAnalysisContext>(c => AnalyzeInvocation(c, context, graph, body), c => c.Operation.Syntax.GetLocation()), OperationKind.Invocation);
            if (hasScopes)
            {
                start.RegisterOperationAction(context.Guard<OperationAnalysisContext>(c => body.Record((IObjectCreationOperation)c.Operation), c => c.Operation.Syntax.GetLocation()), OperationKind.ObjectCreation);
            }

            start.RegisterOperationBlockEndAction(context.Guard<OperationBlockAnalysisContext>(c => AnalyzeBody(c, context, graph, body), c => c.OwningSymbol.Locations.IsEmpty ? null : c.OwningSymbol.Locations[0]));
        });
        context.RegisterSymbolAction(c => graph.RecordDeclaration((IMethodSymbol)c.Symbol), SymbolKind.Method);
        context.RegisterCompilationEndAction(c => ReportBuried(c, context, graph));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, RuleContext rule, CallGraph graph, Body body)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var target = invocation.TargetMethod;
        if (rule.Symbols.ExternalCalls.Find(invocation) is { } external)
        {
            if (rule.Options.IsExcluded(rule.RuleId, target, invocation.Syntax.SyntaxTree))
            {
                return;
            }

            body.Add(invocation, external);
            if (Attributed(invocation, context.ContainingSymbol) is { } function)
            {
                graph.RecordEffect(function, external.Describe(invocation), invocation.Syntax.GetLocation());
            }

            return;
        }

        if (body.Record(invocation) || !graph.HasBodyInCompilation(target))
        {
            return;
        }

        if (Attributed(invocation, context.ContainingSymbol) is { } caller)
        {
            graph.RecordEdge(caller, target);
        }

        body.Add(invocation);
    }

    private void AnalyzeBody(OperationBlockAnalysisContext context, RuleContext rule, CallGraph graph, Body body)
    {
        var regions = body.Regions;
        if (regions is null || regions.IsEmpty)
        {
            return;
        }

        foreach (var (invocation, external) in body.ExternalCalls)
        {
            if (regions.OpenAt(invocation) is not { } region || rule.IsSuppressedFor(context.OwningSymbol, invocation.Syntax.SyntaxTree))
            {
                continue;
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

        foreach (var call in body.Calls)
        {
            if (regions.OpenAt(call) is not { } region)
            {
                continue;
            }

            var function = TransactionRegions.FunctionOf(call) switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => context.OwningSymbol as IMethodSymbol,
            };
            if (function is not null)
            {
                graph.RecordSite(call.TargetMethod, call.Syntax, function, context.OwningSymbol, new OpenRegion(region.Description, region.Line));
            }
        }
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
    /// What one executable body does: its regions, its external calls and its calls to methods of the compilation.
    /// Allocated per body, so everything inside is created on first use: most bodies open no region.
    /// </summary>
    private sealed class Body
    {
        private readonly TransactionApis _apis;
        private readonly object _gate = new();
        private TransactionRegions? _regions;
        private List<(IInvocationOperation, ExternalCall)>? _external;
        private List<IInvocationOperation>? _calls;

        public Body(TransactionApis apis) => _apis = apis;

        /// <summary>Null until the body opens or closes a region.</summary>
        public TransactionRegions? Regions => _regions;

        public IReadOnlyList<(IInvocationOperation Invocation, ExternalCall Call)> ExternalCalls => (IReadOnlyList<(IInvocationOperation, ExternalCall)>?)_external ?? System.Array.Empty<(IInvocationOperation, ExternalCall)>();

        public IReadOnlyList<IInvocationOperation> Calls => (IReadOnlyList<IInvocationOperation>?)_calls ?? System.Array.Empty<IInvocationOperation>();

        /// <summary>Records a call that opens or closes a region; false for any other call.</summary>
        public bool Record(IInvocationOperation invocation)
        {
            var @event = _apis.Classify(invocation);
            return @event != TransactionEvent.None && RegionsForWrite().Record(invocation, @event);
        }

        public void Record(IObjectCreationOperation creation)
        {
            if (_apis.IsScopeCreation(creation))
            {
                RegionsForWrite().Record(creation);
            }
        }

        public void Add(IInvocationOperation invocation, ExternalCall call)
        {
            lock (_gate)
            {
                (_external ??= new()).Add((invocation, call));
            }
        }

        public void Add(IInvocationOperation invocation)
        {
            lock (_gate)
            {
                (_calls ??= new()).Add(invocation);
            }
        }

        private TransactionRegions RegionsForWrite()
        {
            lock (_gate)
            {
                return _regions ??= new TransactionRegions(_apis);
            }
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
