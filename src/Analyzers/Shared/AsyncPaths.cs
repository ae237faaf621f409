using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>Whether an operation runs on an async path, and in which function.</summary>
internal readonly struct AsyncPath
{
    private AsyncPath(IMethodSymbol? function, IOperation? functionOperation, bool inLock, bool isAsync)
    {
        Function = function;
        FunctionOperation = functionOperation;
        InLock = inLock;
        IsAsync = isAsync;
    }

    /// <summary>Not on an async path: a synchronous function, offloaded work, an expression tree, <c>nameof</c>, an initializer.</summary>
    public static AsyncPath None => default;

    /// <summary>True when the operation executes on an async path.</summary>
    public bool IsAsync { get; }

    /// <summary>
    /// The method, lambda or local function whose body holds the operation: an async path when <see cref="IsAsync"/>
    /// (declared <c>async</c>, or returning an awaitable; top-level statements containing <c>await</c> are the
    /// synthesized entry point, which returns a Task), else the synchronous method or local function that owns it
    /// (<see cref="AsyncPaths.FindOwner"/> only).
    /// </summary>
    public IMethodSymbol? Function { get; }

    /// <summary>The lambda or local function operation that owns the body; null for the body of the analyzed member itself.</summary>
    public IOperation? FunctionOperation { get; }

    /// <summary>True inside the body of a <c>lock</c> statement in that function (where <c>await</c> is not allowed).</summary>
    public bool InLock { get; }

    public static AsyncPath In(IMethodSymbol function, IOperation? functionOperation, bool inLock) => new(function, functionOperation, inLock, isAsync: true);

    public static AsyncPath Synchronous(IMethodSymbol function, IOperation? functionOperation, bool inLock) => new(function, functionOperation, inLock, isAsync: false);
}

/// <summary>
/// The async-path model every Async rule shares. Walking up from an operation, the innermost function decides:
/// an async or awaitable-returning method, lambda or local function is an async path; a synchronous lambda or
/// local function nested in an async method is not (it is judged by its own signature, not by where it is
/// written). Never an async path: code in a lambda converted to an expression tree (data, not code), the
/// argument of <c>nameof</c> (never evaluated), and delegates handed to <c>Task.Run</c> or
/// <c>Task.Factory.StartNew</c> (explicitly offloaded to the thread pool). Allocation-free.
/// </summary>
internal static class AsyncPaths
{
    public static AsyncPath Find(IOperation operation, ISymbol containingSymbol, KnownSymbols symbols)
    {
        var owner = FindOwner(operation, containingSymbol, symbols);
        return owner.IsAsync ? owner : AsyncPath.None;
    }

    /// <summary>
    /// Like <see cref="Find"/>, but a synchronous method or local function is returned too (not async), so that
    /// interprocedural rules can summarize what it does. Code in a synchronous lambda belongs to no function here:
    /// when, and whether, a lambda runs is unknown.
    /// </summary>
    public static AsyncPath FindOwner(IOperation operation, ISymbol containingSymbol, KnownSymbols symbols)
    {
        var inLock = false;
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case INameOfOperation:
                    return AsyncPath.None;

                case ILockOperation @lock when ReferenceEquals(child, @lock.Body):
                    inLock = true;
                    break;

                case IAnonymousFunctionOperation lambda:
                    if (ExpressionTrees.IsExpressionTreeLambda(lambda, symbols.Core)
                        || ExpressionTrees.IsInExpressionTree(lambda, symbols.Core)
                        || IsOffloaded(lambda, symbols.Tasks))
                    {
                        return AsyncPath.None;
                    }

                    return IsAsyncFunction(lambda.Symbol, symbols.Tasks) ? AsyncPath.In(lambda.Symbol, lambda, inLock) : AsyncPath.None;

                case ILocalFunctionOperation localFunction:
                    return IsAsyncFunction(localFunction.Symbol, symbols.Tasks)
                        ? AsyncPath.In(localFunction.Symbol, localFunction, inLock)
                        : AsyncPath.Synchronous(localFunction.Symbol, localFunction, inLock);
            }
        }

        if (containingSymbol is not IMethodSymbol method)
        {
            return AsyncPath.None;
        }

        return IsAsyncFunction(method, symbols.Tasks) ? AsyncPath.In(method, null, inLock) : AsyncPath.Synchronous(method, null, inLock);
    }

    /// <summary>"async method 'Type.Method'", "Task-returning local function 'Local' in 'Type.Method'", "async lambda in ...", "top-level statements".</summary>
    public static string Describe(IMethodSymbol function, ISymbol containingSymbol)
    {
        var member = containingSymbol.ToMessageName();
        var kind = function.IsAsync ? "async" : function.ReturnType.Name + "-returning";
        return function.MethodKind switch
        {
            MethodKind.LocalFunction => $"{kind} local function '{function.Name}' in '{member}'",
            MethodKind.AnonymousFunction => $"{kind} lambda in '{member}'",
            _ when function.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName => member,
            _ => $"{kind} method '{member}'",
        };
    }

    /// <summary>An <c>async</c> function, or one whose return type is awaitable (Task, ValueTask, IAsyncEnumerable...).</summary>
    public static bool IsAsyncFunction(IMethodSymbol method, TaskSymbols tasks)
        => method.IsAsync || tasks.IsAwaitable(method.ReturnType);

    /// <summary>A delegate passed to <c>Task.Run</c> or <c>Task.Factory.StartNew</c>: work explicitly moved to the thread pool.</summary>
    public static bool IsOffloaded(IAnonymousFunctionOperation lambda, TaskSymbols tasks)
    {
        if (lambda.ArgumentOf()?.Parent is not IInvocationOperation invocation)
        {
            return false;
        }

        var method = invocation.TargetMethod;
        var type = method.ContainingType?.OriginalDefinition;
        return method.Name switch
        {
            "Run" => SymbolEqualityComparer.Default.Equals(type, tasks.Task),
            "StartNew" => SymbolEqualityComparer.Default.Equals(type, tasks.TaskFactory) || SymbolEqualityComparer.Default.Equals(type, tasks.TaskFactoryOfT),
            _ => false,
        };
    }
}
