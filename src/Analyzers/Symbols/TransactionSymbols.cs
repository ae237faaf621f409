using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>Where database transactions and explicitly opened connections begin and end: ADO.NET, EF Core, System.Transactions.</summary>
internal sealed class TransactionSymbols
{
    private readonly BlockingSymbols _blocking;
    private readonly EntityFrameworkSymbols _entityFramework;
    private readonly LazyTypes _types;

    public TransactionSymbols(Compilation c, BlockingSymbols blocking, EntityFrameworkSymbols entityFramework)
    {
        _blocking = blocking;
        _entityFramework = entityFramework;
        _types = new LazyTypes(c, 6);
    }

    /// <summary>Every ADO.NET provider's connection derives from it (SqlConnection, NpgsqlConnection, MySqlConnection...).</summary>
    public INamedTypeSymbol? DbConnection => _blocking.DbConnection;

    /// <summary>Code written against the interface (Dapper users often are).</summary>
    public INamedTypeSymbol? DbConnectionInterface => _types.Get(0, "System.Data.IDbConnection");
    public INamedTypeSymbol? DbTransaction => _types.Get(1, "System.Data.Common.DbTransaction");
    public INamedTypeSymbol? DbTransactionInterface => _types.Get(2, "System.Data.IDbTransaction");

    /// <summary>.NET 7+: <c>OpenConnection(Async)</c> hands out a connection that is already open.</summary>
    public INamedTypeSymbol? DbDataSource => _types.Get(3, "System.Data.Common.DbDataSource");
    public INamedTypeSymbol? TransactionScope => _types.Get(4, "System.Transactions.TransactionScope");

    /// <summary>EF Core's <c>context.Database</c>: BeginTransaction(Async), CommitTransaction(Async), RollbackTransaction(Async).</summary>
    public INamedTypeSymbol? DatabaseFacade => _entityFramework.DatabaseFacade;

    /// <summary>BeginTransaction with an isolation level, OpenConnection(Async), CloseConnection(Async).</summary>
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions => _entityFramework.RelationalDatabaseFacadeExtensions;
    public INamedTypeSymbol? DbContextTransaction => _types.Get(5, "Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction");
}
