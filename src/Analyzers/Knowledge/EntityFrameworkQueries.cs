using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>
/// Whether an IQueryable is an Entity Framework Core query: a DbSet, <c>context.Set&lt;T&gt;()</c>, a chain of
/// LINQ operators over one, a chain through an EF-only operator (Include, AsNoTracking, FromSql...), <c>Database.SqlQuery</c>,
/// a navigation entry's <c>Query()</c>, or a local
/// initialized with such a query. Parameters, fields and properties typed IQueryable are not assumed to be EF.
/// </summary>
internal static class EntityFrameworkQueries
{
    private const int MaxDepth = 32;

    public static bool IsQuery(IOperation query, KnownSymbols symbols, int depth)
    {
        var ef = symbols.EntityFramework;
        if (ef.DbSet is null || depth > MaxDepth)
        {
            return false;
        }

        query = query.WithoutConversions();
        if (query.Type.InheritsFromOrEquals(ef.DbSet))
        {
            return true;
        }

        switch (query)
        {
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                var type = method.ContainingType?.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(type, ef.QueryableExtensions) || SymbolEqualityComparer.Default.Equals(type, ef.RelationalQueryableExtensions))
                {
                    return true;
                }

                if (method.Name == "Set" && method.ContainingType.InheritsFromOrEquals(ef.DbContext))
                {
                    return true;
                }

                // context.Database.SqlQuery<T>(...) and context.Entry(e).Collection(x => x.Items).Query().
                if ((method.Name.StartsWith("SqlQuery", System.StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(type, ef.RelationalDatabaseFacadeExtensions))
                    || (method.Name == "Query" && method.ContainingType.InheritsFromOrEquals(ef.NavigationEntry)))
                {
                    return true;
                }

                // Where, Select, OrderBy...: the query is EF when its source is.
                return SymbolEqualityComparer.Default.Equals(type, symbols.Blocking.Queryable) && invocation.Arguments.Length > 0
                    && IsQuery(invocation.Arguments[0].Value, symbols, depth + 1);

            case ILocalReferenceOperation local:
                return local.InitializerOf() is { } value && IsQuery(value, symbols, depth + 1);

            default:
                return false;
        }
    }
}
