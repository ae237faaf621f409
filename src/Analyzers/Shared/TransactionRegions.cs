using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Knowledge;

namespace Postmortem.Analyzers.Shared;

/// <summary>What an open region holds.</summary>
internal enum RegionKind
{
    Transaction,
    TransactionScope,
    Connection,
}

/// <summary>A transaction, transaction scope or explicitly opened connection, from where it is opened.</summary>
internal sealed class TransactionRegion
{
    public TransactionRegion(RegionKind kind, IOperation opening, ISymbol? subject, ISymbol? owner)
    {
        Kind = kind;
        Opening = opening;
        Subject = subject;
        Owner = owner;
    }

    public RegionKind Kind { get; }

    /// <summary>The call (or creation) that opens it.</summary>
    public IOperation Opening { get; }

    /// <summary>The variable, field or parameter that holds the transaction, scope or open connection; null when the result is not kept.</summary>
    public ISymbol? Subject { get; }

    /// <summary>For a transaction: the connection or DbContext it was begun on (closing it ends the transaction).</summary>
    public ISymbol? Owner { get; }

    /// <summary>"transaction 'tx'", "transaction on 'db'", "transaction scope 'scope'", "connection 'connection'".</summary>
    public string Description => Kind switch
    {
        RegionKind.Transaction => Subject is not null ? "transaction '" + Subject.Name + "'" : Owner is not null ? "transaction on '" + Owner.Name + "'" : "transaction",
        RegionKind.TransactionScope => Subject is not null ? "transaction scope '" + Subject.Name + "'" : "transaction scope",
        _ => Subject is not null ? "connection '" + Subject.Name + "'" : "connection",
    };

    /// <summary>The 1-based line where it is opened.</summary>
    public int Line => Opening.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    internal IOperation? Container { get; set; }
    internal IOperation? Statement { get; set; }
    internal IOperation? Function { get; set; }
}

/// <summary>
/// The transactions and explicitly opened connections of one executable body, and whether one is open at a given
/// operation. The model is structural and conservative, built on the operation tree rather than a control-flow
/// graph: a region opens at a statement directly in a block (or in the resources of a <c>using</c>) and covers the
/// rest of that block (the <c>using</c> body), so <c>using</c>, <c>using var</c> and plain declarations all end at
/// their scope at the latest. Inside it, a Commit, Complete, Rollback, Close or Dispose of the same variable (or of
/// the connection or context a transaction was begun on) that comes before the operation closes the region, unless
/// it sits in a branch that ends in <c>return</c> or <c>throw</c> (an early exit: the code after it still runs with
/// the region open). A close in any other branch, loop body, catch clause or nested function is taken to close the
/// region (it might), and so does a call to a method of the compilation named like a commit (its body may commit
/// through a field). Regions opened inside a branch or an expression, and operations in a nested lambda or local
/// function, are never reported: when unsure, the region is not open. A body holding a session-level advisory lock or
/// listening for notifications keeps its connection on purpose: none of its regions is open.
/// </summary>
internal sealed class TransactionRegions
{
    private static readonly string[] s_advisoryLocks = ["pg_advisory_lock", "pg_try_advisory_lock", "sp_getapplock", "LISTEN "];

    private readonly TransactionApis _apis;
    private readonly List<TransactionRegion> _regions = new();
    private readonly List<(IOperation Operation, ISymbol? Subject, TransactionEvent Event)> _ends = new();
    private Dictionary<IOperation, bool>? _advisoryLock;

    public TransactionRegions(TransactionApis apis) => _apis = apis;

    public bool IsEmpty => _regions.Count == 0;

    /// <summary>Records a call that opens or closes a region; returns false for any other call.</summary>
    public bool Record(IInvocationOperation invocation) => Record(invocation, _apis.Classify(invocation));

    /// <summary>Records a call already classified by <see cref="TransactionApis.Classify(IInvocationOperation)"/>; returns false for <see cref="TransactionEvent.None"/>.</summary>
    public bool Record(IInvocationOperation invocation, TransactionEvent @event)
    {
        switch (@event)
        {
            case TransactionEvent.None:
                return false;
            case TransactionEvent.BeginTransaction:
                Open(RegionKind.Transaction, invocation, receiverIsSubject: false, SubjectOf(_apis.Receiver(invocation)));
                break;
            case TransactionEvent.OpenConnection:
                Open(RegionKind.Connection, invocation, receiverIsSubject: true, SubjectOf(_apis.Receiver(invocation)));
                break;
            case TransactionEvent.OpenedConnection:
                Open(RegionKind.Connection, invocation, receiverIsSubject: false, owner: null);
                break;
            default:
                lock (_ends)
                {
                    _ends.Add((invocation, SubjectOf(_apis.Receiver(invocation)), @event));
                }

                break;
        }

        return true;
    }

    /// <summary>Records <c>new TransactionScope(...)</c>; returns false for any other creation.</summary>
    public bool Record(IObjectCreationOperation creation)
    {
        if (!_apis.IsScopeCreation(creation))
        {
            return false;
        }

        Open(RegionKind.TransactionScope, creation, receiverIsSubject: false, owner: null);
        return true;
    }

    /// <summary>
    /// The region open at <paramref name="operation"/>: a transaction or scope before a connection, the latest opened
    /// first. Null when none is, or when the body holds a session-level advisory lock or LISTENs for notifications
    /// (leader election and notification listeners keep their connection on purpose).
    /// </summary>
    public TransactionRegion? OpenAt(IOperation operation)
    {
        TransactionRegion? best = null;
        var function = FunctionOf(operation);
        foreach (var region in _regions)
        {
            if (!ReferenceEquals(region.Function, function) || !Covers(region, operation) || IsClosedBefore(region, operation))
            {
                continue;
            }

            if (best is null
                || (best.Kind == RegionKind.Connection && region.Kind != RegionKind.Connection)
                || ((best.Kind == RegionKind.Connection) == (region.Kind == RegionKind.Connection) && region.Opening.Syntax.SpanStart > best.Opening.Syntax.SpanStart))
            {
                best = region;
            }
        }

        return best is null || HoldsAdvisoryLock(function ?? operation.Root()) ? null : best;
    }

    /// <summary>
    /// The statement that commits <paramref name="region"/> after <paramref name="statement"/> when both are statements of the
    /// same block (the commit follows the operation's statement), with no return, throw or jump between them; otherwise null.
    /// </summary>
    public IOperation? CommitAfter(TransactionRegion region, IOperation statement)
    {
        if (statement.Parent is not IBlockOperation block)
        {
            return null;
        }

        IOperation? nearest = null;
        foreach (var (end, subject, @event) in _ends)
        {
            if (@event == TransactionEvent.Commit && Ends(region, subject, @event) && end.Syntax.SpanStart >= statement.Syntax.Span.End
                && StatementOf(end) is { } commit && ReferenceEquals(commit.Parent, block)
                && (nearest is null || commit.Syntax.SpanStart < nearest.Syntax.SpanStart))
            {
                nearest = commit;
            }
        }

        if (nearest is null)
        {
            return null;
        }

        var index = block.Operations.IndexOf(statement);
        var commitIndex = block.Operations.IndexOf(nearest);
        if (index < 0 || commitIndex <= index)
        {
            return null;
        }

        for (var i = index + 1; i < commitIndex; i++)
        {
            foreach (var descendant in block.Operations[i].DescendantsAndSelf())
            {
                if (descendant is IReturnOperation or IThrowOperation or IBranchOperation)
                {
                    return null;
                }
            }
        }

        return nearest;
    }

    /// <summary>The innermost lambda or local function around <paramref name="operation"/>; null for the body itself.</summary>
    public static IOperation? FunctionOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    private void Open(RegionKind kind, IOperation opening, bool receiverIsSubject, ISymbol? owner)
    {
        var region = Anchor(kind, opening, receiverIsSubject ? owner : null, receiverIsSubject ? null : owner);
        if (region is not null)
        {
            lock (_regions)
            {
                _regions.Add(region);
            }
        }
    }

    /// <summary>Where the region starts: the statement of a block, or the resources of a using, that the opening call is directly in.</summary>
    private static TransactionRegion? Anchor(RegionKind kind, IOperation opening, ISymbol? subject, ISymbol? owner)
    {
        var child = opening;
        for (var parent = opening.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IAwaitOperation or IConversionOperation or IParenthesizedOperation or IVariableInitializerOperation
                    or IVariableDeclarationOperation or IVariableDeclarationGroupOperation or IUsingDeclarationOperation or IExpressionStatementOperation:
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when ReferenceEquals(configure.Instance, child):
                    continue;
                case IVariableDeclaratorOperation declarator:
                    subject = declarator.Symbol;
                    continue;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, child):
                    subject = SubjectOf(assignment.Target.WithoutConversions());
                    continue;
                case IBlockOperation block:
                    return new TransactionRegion(kind, opening, subject, owner) { Container = block, Statement = child, Function = FunctionOf(block) };
                case IUsingOperation @using when ReferenceEquals(@using.Resources, child):
                    return new TransactionRegion(kind, opening, subject, owner) { Container = @using.Body, Statement = null, Function = FunctionOf(@using) };
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool Covers(TransactionRegion region, IOperation operation)
    {
        var span = operation.Syntax.Span;
        if (region.Container is null || region.Container.Syntax.SyntaxTree != operation.Syntax.SyntaxTree || !region.Container.Syntax.Span.Contains(span))
        {
            return false;
        }

        return region.Statement is null || span.Start >= region.Statement.Syntax.Span.End;
    }

    private bool IsClosedBefore(TransactionRegion region, IOperation operation)
    {
        var from = region.Opening.Syntax.Span.End;
        var to = operation.Syntax.SpanStart;
        foreach (var (end, subject, @event) in _ends)
        {
            var start = end.Syntax.SpanStart;
            if (start >= from && start < to && end.Syntax.SyntaxTree == operation.Syntax.SyntaxTree && Ends(region, subject, @event) && ClosesOnTheWayTo(end, operation))
            {
                return true;
            }
        }

        return MayBeClosedByOwnCode(region, from, to);
    }

    /// <summary>
    /// Unsure counts as closed: between the opening and the operation, a method of the compilation named like a commit
    /// is called (a Unit of Work's <c>CommitAsync()</c>, a context's <c>CommitTransactionAsync(tx)</c>, a scope's
    /// <c>CompleteAsync()</c>): it may end the region through a field or a parameter the model does not follow.
    /// </summary>
    private static bool MayBeClosedByOwnCode(TransactionRegion region, int from, int to)
    {
        if (region.Container is not { } container)
        {
            return false;
        }

        foreach (var descendant in container.Descendants())
        {
            var start = descendant.Syntax.SpanStart;
            if (start < from || start >= to || descendant is not IInvocationOperation invocation)
            {
                continue;
            }

            var target = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, invocation.SemanticModel?.Compilation.Assembly))
            {
                continue;
            }

            var name = target.Name;
            if (name.IndexOf("Commit", StringComparison.Ordinal) >= 0 || name.IndexOf("Rollback", StringComparison.Ordinal) >= 0 || name.StartsWith("Complete", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a close event on <paramref name="subject"/> ends <paramref name="region"/>.</summary>
    private static bool Ends(TransactionRegion region, ISymbol? subject, TransactionEvent @event)
    {
        if (subject is null)
        {
            return false;
        }

        var onSubject = SymbolEqualityComparer.Default.Equals(subject, region.Subject);
        var onOwner = SymbolEqualityComparer.Default.Equals(subject, region.Owner);
        return region.Kind switch
        {
            // A connection's close ends its transactions; a transaction's end on a DbContext is CommitTransaction or RollbackTransaction.
            RegionKind.Transaction => onSubject || onOwner,
            RegionKind.TransactionScope => onSubject && @event is TransactionEvent.Commit or TransactionEvent.EndTransaction,
            _ => onSubject && @event == TransactionEvent.EndConnection,
        };
    }

    /// <summary>
    /// True when <paramref name="end"/>, which comes before <paramref name="operation"/>, runs on every path that reaches it,
    /// or might (unsure counts as closed); false when it sits in a branch that returns or throws.
    /// </summary>
    private static bool ClosesOnTheWayTo(IOperation end, IOperation operation)
    {
        var target = operation.Syntax.Span;
        var child = end;
        for (var parent = end.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent.Syntax.Span.Contains(target) && parent.Syntax.SyntaxTree == operation.Syntax.SyntaxTree)
            {
                return true;
            }

            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return true;
                case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                case ISwitchCaseOperation:
                case ICatchClauseOperation:
                case ILoopOperation:
                    return !LeavesEarly(child);
            }
        }

        return true;
    }

    /// <summary>A branch whose last statement is a return or a throw: the code after the branch does not run after it.</summary>
    private static bool LeavesEarly(IOperation branch)
    {
        var last = branch;
        while (last is IBlockOperation block)
        {
            if (block.Operations.IsEmpty)
            {
                return false;
            }

            last = block.Operations[block.Operations.Length - 1];
        }

        return last is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
    }

    /// <summary>The expression statement <paramref name="operation"/> is (awaited or not): its result is discarded. Null otherwise.</summary>
    public static IOperation? StatementOf(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IAwaitOperation or IConversionOperation:
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when ReferenceEquals(configure.Instance, child):
                    continue;
                case IExpressionStatementOperation statement:
                    return statement;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The variable, parameter, field or property an operation reads; <c>this</c> reads as its type.</summary>
    public static ISymbol? SubjectOf(IOperation? operation) => operation?.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        IInstanceReferenceOperation instance => instance.Type,
        _ => null,
    };

    private bool HoldsAdvisoryLock(IOperation function)
    {
        lock (_regions)
        {
            _advisoryLock ??= new Dictionary<IOperation, bool>();
            if (!_advisoryLock.TryGetValue(function, out var holds))
            {
                holds = ContainsAdvisoryLockText(function);
                _advisoryLock[function] = holds;
            }

            return holds;
        }
    }

    private static bool ContainsAdvisoryLockText(IOperation function)
    {
        foreach (var descendant in function.Descendants())
        {
            if (descendant.ConstantValue is { HasValue: true, Value: string text } && Words.ContainsAny(text, s_advisoryLocks))
            {
                return true;
            }
        }

        return false;
    }
}
