using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>What a database round-trip does.</summary>
internal enum DatabaseCallKind
{
    /// <summary>Not a round-trip.</summary>
    None,

    /// <summary>An EF Core query executed by an operator: ToList, First, Count, Any... and their Async forms, Load, ForEachAsync.</summary>
    Query,

    /// <summary><c>Find</c>/<c>FindAsync</c> on a DbSet or a DbContext (a round-trip when the entity is not tracked yet).</summary>
    Find,

    /// <summary>
    /// Explicit loading: Load/LoadAsync of a navigation entry. An entity entry's Reload and GetDatabaseValues are left out:
    /// their loop is the documented way to resolve the entries of a concurrency conflict.
    /// </summary>
    Load,

    /// <summary><c>SaveChanges</c>/<c>SaveChangesAsync</c>.</summary>
    SaveChanges,

    /// <summary>A command: ExecuteSql*, ExecuteUpdate/ExecuteDelete, Dapper's Query*/Execute*, ADO.NET's Execute*.</summary>
    Command,
}

/// <summary>
/// The one place that knows which calls make a database round-trip, in both their synchronous and asynchronous forms:
/// EF Core query execution (a LINQ operator over an EF-rooted query that has an <c>XAsync</c> counterpart in
/// EntityFrameworkQueryableExtensions, and those counterparts themselves), Find, explicit loading, SaveChanges,
/// ExecuteSql*, ExecuteUpdate/ExecuteDelete, Dapper's Query*/Execute* and ADO.NET's command execution.
/// <see cref="BlockingApis"/> reads the same EF operator facts (<see cref="EntityFrameworkAsyncOperator"/>) for PM0001.
/// Answers are cached per method for the compilation.
/// </summary>
internal sealed class DatabaseCalls
{
    private readonly KnownSymbols _symbols;
    private readonly EntityFrameworkSymbols _ef;
    private readonly BlockingSymbols _blocking;
    private readonly ConcurrentDictionary<IMethodSymbol, Classification> _cache = new(concurrencyLevel: 32, capacity: 1024, SymbolEqualityComparer.Default);
    private readonly Func<IMethodSymbol, Classification> _classify;

    public DatabaseCalls(KnownSymbols symbols)
    {
        _symbols = symbols;
        _ef = symbols.EntityFramework;
        _blocking = symbols.Blocking;
        _classify = Classify;
    }

    /// <summary>True when some database library is referenced at all (ADO.NET is part of the framework).</summary>
    public bool AnyDatabaseLibrary => _ef.DbContext is not null || _blocking.DapperSqlMapper is not null || _blocking.DbCommand is not null || _blocking.DbCommandInterface is not null;

    /// <summary>What round-trip <paramref name="invocation"/> makes, or <see cref="DatabaseCallKind.None"/>.</summary>
    public DatabaseCallKind Classify(IInvocationOperation invocation)
    {
        var kind = ClassifyMethod(invocation, out var needsEntityFrameworkQuery);
        return kind != DatabaseCallKind.None && (!needsEntityFrameworkQuery || ExecutesEntityFrameworkQuery(invocation)) ? kind : DatabaseCallKind.None;
    }

    /// <summary>
    /// The method-level answer, cached: what round-trip the called method makes, and whether it makes it only when its
    /// source is an EF Core query (a LINQ operator such as ToList; then ask <see cref="ExecutesEntityFrameworkQuery"/>).
    /// </summary>
    public DatabaseCallKind ClassifyMethod(IInvocationOperation invocation, out bool needsEntityFrameworkQuery)
    {
        needsEntityFrameworkQuery = false;
        var target = invocation.TargetMethod;
        var key = (target.ReducedFrom ?? target).OriginalDefinition;
        if (key.MethodKind != MethodKind.Ordinary)
        {
            return DatabaseCallKind.None;
        }

        var classification = _cache.GetOrAdd(key, _classify);
        needsEntityFrameworkQuery = classification.NeedsEntityFrameworkQuery;
        return classification.Kind;
    }

    /// <summary>True when the source of a LINQ operator call is an EF Core query.</summary>
    public bool ExecutesEntityFrameworkQuery(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        return receiver is not null && EntityFrameworkQueries.IsQuery(receiver, _symbols, depth: 0);
    }

    /// <summary>
    /// For a LINQ operator of Enumerable or Queryable (ToList, First, Count, Sum...), its asynchronous counterpart in
    /// EntityFrameworkQueryableExtensions; null for the operators that only compose a query (Where, Select...). An operator
    /// with such a counterpart executes the query when its source is an EF Core query.
    /// </summary>
    public static IMethodSymbol? EntityFrameworkAsyncOperator(IMethodSymbol method, KnownSymbols symbols)
    {
        if (symbols.EntityFramework.QueryableExtensions is not { } extensions)
        {
            return null;
        }

        foreach (var member in extensions.GetMembers(method.Name + "Async"))
        {
            if (member is IMethodSymbol candidate && AsyncCounterparts.IsCompatible(method, candidate, symbols, skipFirstParameter: true, ignoreReturnType: false))
            {
                return candidate;
            }
        }

        return null;
    }

    private Classification Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return Classification.NotACall;
        }

        var definition = type.OriginalDefinition;
        var name = method.Name;
        if (Is(definition, _blocking.Enumerable) || Is(definition, _blocking.Queryable))
        {
            return EntityFrameworkAsyncOperator(method, _symbols) is null ? Classification.NotACall : new Classification(DatabaseCallKind.Query, needsEntityFrameworkQuery: true);
        }

        if (Is(definition, _ef.QueryableExtensions))
        {
            // ToListAsync, FirstAsync, ForEachAsync, LoadAsync, Load; ExecuteUpdate/ExecuteDelete where the version keeps them here.
            // AsAsyncEnumerable only composes: the enumeration that follows is the round-trip.
            return name switch
            {
                "Load" => new Classification(DatabaseCallKind.Query, needsEntityFrameworkQuery: false),
                "ExecuteUpdate" or "ExecuteDelete" or "ExecuteUpdateAsync" or "ExecuteDeleteAsync" => new Classification(DatabaseCallKind.Command, needsEntityFrameworkQuery: false),
                _ when name.EndsWith("Async", StringComparison.Ordinal) && name != "AsAsyncEnumerable" => new Classification(DatabaseCallKind.Query, needsEntityFrameworkQuery: false),
                _ => Classification.NotACall,
            };
        }

        if (Is(definition, _ef.RelationalQueryableExtensions))
        {
            return name is "ExecuteUpdate" or "ExecuteDelete" or "ExecuteUpdateAsync" or "ExecuteDeleteAsync"
                ? new Classification(DatabaseCallKind.Command, needsEntityFrameworkQuery: false)
                : Classification.NotACall;
        }

        if (Is(definition, _ef.RelationalDatabaseFacadeExtensions))
        {
            return name.StartsWith("ExecuteSql", StringComparison.Ordinal) ? new Classification(DatabaseCallKind.Command, needsEntityFrameworkQuery: false) : Classification.NotACall;
        }

        if (Is(definition, _blocking.DapperSqlMapper))
        {
            return method.IsExtensionMethod && (name.StartsWith("Query", StringComparison.Ordinal) || name.StartsWith("Execute", StringComparison.Ordinal))
                ? new Classification(DatabaseCallKind.Command, needsEntityFrameworkQuery: false)
                : Classification.NotACall;
        }

        switch (name)
        {
            case "SaveChanges" or "SaveChangesAsync" when type.InheritsFromOrEquals(_ef.DbContext):
                return new Classification(DatabaseCallKind.SaveChanges, needsEntityFrameworkQuery: false);
            case "Find" or "FindAsync" when type.InheritsFromOrEquals(_ef.DbContext) || type.InheritsFromOrEquals(_ef.DbSet):
                return new Classification(DatabaseCallKind.Find, needsEntityFrameworkQuery: false);
            case "Load" or "LoadAsync" when type.InheritsFromOrEquals(_ef.NavigationEntry):
                return new Classification(DatabaseCallKind.Load, needsEntityFrameworkQuery: false);
        }

        if (name.StartsWith("Execute", StringComparison.Ordinal)
            && (type.InheritsFromOrEquals(_blocking.DbCommand) || type.Implements(_blocking.DbCommandInterface)))
        {
            return new Classification(DatabaseCallKind.Command, needsEntityFrameworkQuery: false);
        }

        return Classification.NotACall;
    }

    private static bool Is(INamedTypeSymbol definition, INamedTypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(definition, type);

    private sealed class Classification
    {
        public static readonly Classification NotACall = new(DatabaseCallKind.None, needsEntityFrameworkQuery: false);

        public Classification(DatabaseCallKind kind, bool needsEntityFrameworkQuery)
        {
            Kind = kind;
            NeedsEntityFrameworkQuery = needsEntityFrameworkQuery;
        }

        public DatabaseCallKind Kind { get; }

        /// <summary>A LINQ operator that executes a query only when its source is an EF Core query.</summary>
        public bool NeedsEntityFrameworkQuery { get; }
    }
}
