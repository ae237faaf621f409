using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>Where database transactions and explicitly opened connections begin and end: ADO.NET, EF Core, System.Transactions.</summary>
internal sealed class TransactionSymbols
{
    public TransactionSymbols(Compilation c, BlockingSymbols blocking, EntityFrameworkSymbols entityFramework)
    {
        DbConnection = blocking.DbConnection;
        DbConnectionInterface = TypeResolver.Resolve(c, "System.Data.IDbConnection");
        DbTransaction = TypeResolver.Resolve(c, "System.Data.Common.DbTransaction");
        DbTransactionInterface = TypeResolver.Resolve(c, "System.Data.IDbTransaction");
        DbDataSource = TypeResolver.Resolve(c, "System.Data.Common.DbDataSource");
        TransactionScope = TypeResolver.Resolve(c, "System.Transactions.TransactionScope");
        DatabaseFacade = entityFramework.DatabaseFacade;
        RelationalDatabaseFacadeExtensions = entityFramework.RelationalDatabaseFacadeExtensions;
        DbContextTransaction = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction");
    }

    /// <summary>Every ADO.NET provider's connection derives from it (SqlConnection, NpgsqlConnection, MySqlConnection...).</summary>
    public INamedTypeSymbol? DbConnection { get; }

    /// <summary>Code written against the interface (Dapper users often are).</summary>
    public INamedTypeSymbol? DbConnectionInterface { get; }
    public INamedTypeSymbol? DbTransaction { get; }
    public INamedTypeSymbol? DbTransactionInterface { get; }

    /// <summary>.NET 7+: <c>OpenConnection(Async)</c> hands out a connection that is already open.</summary>
    public INamedTypeSymbol? DbDataSource { get; }
    public INamedTypeSymbol? TransactionScope { get; }

    /// <summary>EF Core's <c>context.Database</c>: BeginTransaction(Async), CommitTransaction(Async), RollbackTransaction(Async).</summary>
    public INamedTypeSymbol? DatabaseFacade { get; }

    /// <summary>BeginTransaction with an isolation level, OpenConnection(Async), CloseConnection(Async).</summary>
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }
    public INamedTypeSymbol? DbContextTransaction { get; }
}
