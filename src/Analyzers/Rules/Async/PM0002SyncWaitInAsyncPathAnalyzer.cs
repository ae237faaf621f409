using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Async;

/// <summary>
/// PM0002: <c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c> and
/// <c>Task.WaitAny</c> on an async path. The wait holds a thread-pool thread that awaiting would have released,
/// and deadlocks under a single-threaded synchronization context.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0002SyncWaitInAsyncPathAnalyzer : PostmortemAnalyzer
{
    public PM0002SyncWaitInAsyncPathAnalyzer()
        : base(Descriptors.PM0002SyncWaitInAsyncPath, Descriptors.PM0002WaitingHelperInAsyncPath)
    {
    }

    private protected override bool AppliesTo(RuleContext context) => context.Symbols.Tasks.Task is not null;

    private protected override void Register(RuleContext context)
    {
        var tasks = context.Symbols.Tasks;
        var graph = new CallGraph(context.Symbols);
        context.RegisterOperationAction(c => AnalyzeResult(c, context, tasks, graph), OperationKind.PropertyReference);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, context, tasks, graph), OperationKind.Invocation);
        context.RegisterOperationAction(c => graph.RecordImplicitCall(c, context.Symbols), OperationKind.ObjectCreation);
        context.RegisterSymbolAction(c => graph.RecordDeclaration((IMethodSymbol)c.Symbol), SymbolKind.Method);
        context.RegisterCompilationEndAction(c => graph.ReportBuriedEffects(c, context, Descriptors.PM0002WaitingHelperInAsyncPath));
    }

    private void AnalyzeResult(OperationAnalysisContext context, RuleContext rule, TaskSymbols tasks, CallGraph graph)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        var property = reference.Property;
        if (property is { Name: "Result", IsStatic: false } && reference.Instance is { } task && tasks.IsTaskLike(property.ContainingType))
        {
            Report(context, rule, tasks, graph, property, ".Result", task, task);
        }
        else
        {
            graph.RecordImplicitCall(context, rule.Symbols);
        }
    }

    private void AnalyzeInvocation(OperationAnalysisContext context, RuleContext rule, TaskSymbols tasks, CallGraph graph)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Wait" when !method.IsStatic && invocation.Instance is { } task && method.ContainingType.InheritsFromOrEquals(tasks.Task):
                Report(context, rule, tasks, graph, method, invocation.Arguments.IsEmpty ? ".Wait()" : ".Wait(...)", task, task);
                break;

            case "GetResult" when !method.IsStatic && invocation.Instance is { } awaiter && tasks.IsAwaiter(method.ContainingType):
                var awaited = AwaitedBy(awaiter);
                Report(context, rule, tasks, graph, method, awaited is null ? ".GetResult()" : ".GetAwaiter().GetResult()", awaited, awaited ?? awaiter);
                break;

            case "WaitAll" when method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, tasks.Task):
                Report(context, rule, tasks, graph, method, "Task.WaitAll", task: null, waitedOn: null);
                break;

            case "WaitAny" when method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, tasks.Task):
                Report(context, rule, tasks, graph, method, "Task.WaitAny", task: null, waitedOn: null);
                break;

            default:
                if (graph.HasBodyInCompilation(method))
                {
                    graph.RecordCall(invocation, method, AsyncPaths.FindOwner(invocation, context.ContainingSymbol, rule.Symbols), context.ContainingSymbol, tasks);
                }

                break;
        }
    }

    /// <summary>
    /// Reports the wait unless it is off an async path, on a task known to be complete, or excluded.
    /// <paramref name="task"/> is the task whose completion is checked; <paramref name="waitedOn"/> what the message
    /// names (null for WaitAll/WaitAny). Message text is built only for a diagnostic that is reported.
    /// </summary>
    private void Report(OperationAnalysisContext context, RuleContext rule, TaskSymbols tasks, CallGraph graph, ISymbol member, string wait, IOperation? task, IOperation? waitedOn)
    {
        var operation = context.Operation;
        var path = AsyncPaths.FindOwner(operation, context.ContainingSymbol, rule.Symbols);
        if (path.Function is null || (task is not null && CompletedTasks.IsKnownComplete(task, operation, tasks)))
        {
            return;
        }

        var tree = operation.Syntax.SyntaxTree;
        if (rule.Options.IsExcluded(Rule.Id, member, tree))
        {
            return;
        }

        if (!path.IsAsync)
        {
            // A synchronous method that waits: reported where an async path calls it (compilation end).
            graph.RecordEffect(path, wait, operation.Syntax.GetLocation());
            return;
        }

        if (rule.IsSuppressedFor(context.ContainingSymbol, tree))
        {
            return;
        }

        var completes = waitedOn is not null
            ? $"'{waitedOn.Syntax}' completes"
            : wait == "Task.WaitAll" ? "all the tasks complete" : "one of the tasks completes";
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), wait, completes, AsyncPaths.Describe(path.Function!, context.ContainingSymbol)));
    }

    /// <summary>For <c>task.GetAwaiter()</c> or <c>task.ConfigureAwait(false).GetAwaiter()</c>, the task; null for an awaiter kept in a variable.</summary>
    private static IOperation? AwaitedBy(IOperation awaiter)
    {
        if (awaiter.WithoutConversions() is not IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable })
        {
            return null;
        }

        awaitable = awaitable.WithoutConversions();
        return awaitable is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? task : awaitable;
    }
}
