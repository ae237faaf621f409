using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>What a call does to a transaction or an explicitly opened connection.</summary>
internal enum TransactionEvent
{
    None,

    /// <summary><c>connection.BeginTransaction(Async)</c>, <c>context.Database.BeginTransaction(Async)</c>: the result (or the context) holds a transaction.</summary>
    BeginTransaction,

    /// <summary><c>new TransactionScope(...)</c>.</summary>
    BeginScope,

    /// <summary><c>connection.Open(Async)</c>, <c>context.Database.OpenConnection(Async)</c>: the receiver is open.</summary>
    OpenConnection,

    /// <summary><c>dataSource.OpenConnection(Async)</c>: the result is an open connection.</summary>
    OpenedConnection,

    /// <summary><c>Commit(Async)</c>, <c>CommitTransaction(Async)</c>, <c>TransactionScope.Complete</c>.</summary>
    Commit,

    /// <summary>Rollback(Async) and Dispose(Async) of a transaction or scope, <c>RollbackTransaction(Async)</c>.</summary>
    EndTransaction,

    /// <summary>Close(Async) and Dispose(Async) of a connection, <c>CloseConnection(Async)</c>: ends its transactions too.</summary>
    EndConnection,
}

/// <summary>
/// Where transactions and explicitly opened connections begin and end: ADO.NET (DbConnection and IDbConnection of any
/// provider, DbTransaction, IDbTransaction, DbDataSource), EF Core (DatabaseFacade and its relational extensions,
/// IDbContextTransaction) and System.Transactions (TransactionScope). Answers are cached per method.
/// </summary>
internal sealed class TransactionApis
{
    private readonly TransactionSymbols _s;
    private readonly ConcurrentDictionary<IMethodSymbol, TransactionEvent> _cache = new(concurrencyLevel: 32, capacity: 1024, SymbolEqualityComparer.Default);

    private readonly System.Func<IMethodSymbol, TransactionEvent> _classify;

    public TransactionApis(TransactionSymbols symbols)
    {
        _s = symbols;
        _classify = Classify;
    }

    /// <summary>True when no transaction or connection type is referenced.</summary>
    public bool IsEmpty => _s.DbConnection is null && _s.DbConnectionInterface is null && _s.TransactionScope is null && _s.DatabaseFacade is null;

    public TransactionEvent Classify(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        if (!IsCandidateName(target.Name) || target.MethodKind != MethodKind.Ordinary || target.ContainingType is null)
        {
            return TransactionEvent.None;
        }

        return _cache.GetOrAdd((target.ReducedFrom ?? target).OriginalDefinition, _classify);
    }

    /// <summary>The names this knowledge can classify: a string switch that spares most calls the symbol lookup.</summary>
    private static bool IsCandidateName(string name) => name switch
    {
        "Open" or "OpenAsync" or "OpenConnection" or "OpenConnectionAsync" or "BeginTransaction" or "BeginTransactionAsync"
            or "Commit" or "CommitAsync" or "CommitTransaction" or "CommitTransactionAsync" or "Complete"
            or "Rollback" or "RollbackAsync" or "RollbackTransaction" or "RollbackTransactionAsync"
            or "Close" or "CloseAsync" or "CloseConnection" or "CloseConnectionAsync" or "Dispose" or "DisposeAsync" => true,
        _ => false,
    };

    /// <summary>
    /// False when the code of <paramref name="body"/> names nothing that can open a transaction or a connection
    /// (<c>Open</c>, <c>OpenAsync</c>, <c>OpenConnection(Async)</c>, <c>BeginTransaction(Async)</c>, <c>TransactionScope</c>):
    /// a scan of its tokens that spares most bodies the walk of their operations.
    /// </summary>
    public static bool MayOpenIn(SyntaxNode body)
    {
        foreach (var token in body.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken)
                && token.ValueText is "Open" or "OpenAsync" or "OpenConnection" or "OpenConnectionAsync" or "BeginTransaction" or "BeginTransactionAsync" or "TransactionScope")
            {
                return true;
            }
        }

        return false;
    }

    public bool IsScopeCreation(IObjectCreationOperation creation)
        => _s.TransactionScope is not null && SymbolEqualityComparer.Default.Equals(creation.Type, _s.TransactionScope);

    /// <summary>
    /// The object a call acts on: its instance, the first argument of an extension method, and for EF Core's
    /// <c>context.Database.X()</c> the context.
    /// </summary>
    public IOperation? Receiver(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        receiver = receiver?.WithoutConversions();
        if (receiver is IPropertyReferenceOperation { Instance: { } context } facade
            && _s.DatabaseFacade is not null
            && facade.Type.InheritsFromOrEquals(_s.DatabaseFacade))
        {
            return context.WithoutConversions();
        }

        return receiver;
    }

    private TransactionEvent Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        var name = method.Name;
        if (SymbolEqualityComparer.Default.Equals(type, _s.RelationalDatabaseFacadeExtensions) || SymbolEqualityComparer.Default.Equals(type, _s.DatabaseFacade))
        {
            return name switch
            {
                "BeginTransaction" or "BeginTransactionAsync" => TransactionEvent.BeginTransaction,
                "CommitTransaction" or "CommitTransactionAsync" => TransactionEvent.Commit,
                "RollbackTransaction" or "RollbackTransactionAsync" => TransactionEvent.EndTransaction,
                "OpenConnection" or "OpenConnectionAsync" => TransactionEvent.OpenConnection,
                "CloseConnection" or "CloseConnectionAsync" => TransactionEvent.EndConnection,
                _ => TransactionEvent.None,
            };
        }

        if (method.IsStatic)
        {
            return TransactionEvent.None;
        }

        if (type.InheritsFromOrEquals(_s.DbConnection) || type.Implements(_s.DbConnectionInterface))
        {
            return name switch
            {
                "Open" or "OpenAsync" => TransactionEvent.OpenConnection,
                "BeginTransaction" or "BeginTransactionAsync" => TransactionEvent.BeginTransaction,
                "Close" or "CloseAsync" or "Dispose" or "DisposeAsync" => TransactionEvent.EndConnection,
                _ => TransactionEvent.None,
            };
        }

        if (type.InheritsFromOrEquals(_s.DbDataSource))
        {
            return name is "OpenConnection" or "OpenConnectionAsync" ? TransactionEvent.OpenedConnection : TransactionEvent.None;
        }

        if (type.InheritsFromOrEquals(_s.DbTransaction) || type.Implements(_s.DbTransactionInterface) || type.Implements(_s.DbContextTransaction))
        {
            return name switch
            {
                "Commit" or "CommitAsync" => TransactionEvent.Commit,
                "Rollback" or "RollbackAsync" or "Dispose" or "DisposeAsync" => TransactionEvent.EndTransaction,
                _ => TransactionEvent.None,
            };
        }

        if (SymbolEqualityComparer.Default.Equals(type, _s.TransactionScope))
        {
            return name switch
            {
                "Complete" => TransactionEvent.Commit,
                "Dispose" => TransactionEvent.EndTransaction,
                _ => TransactionEvent.None,
            };
        }

        return TransactionEvent.None;
    }
}
