using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>Entity Framework Core: contexts, sets, query operators, the database facade and migrations.</summary>
internal sealed class EntityFrameworkSymbols
{
    public EntityFrameworkSymbols(Compilation c)
    {
        DbContext = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.DbContext");
        DbSet = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.DbSet`1");
        DbContextFactory = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.IDbContextFactory`1");
        QueryableExtensions = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
        RelationalQueryableExtensions = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
        DatabaseFacade = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade");
        RelationalDatabaseFacadeExtensions = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
        ModelBuilder = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.ModelBuilder");
        Migration = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Migrations.Migration");
        MigrationBuilder = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder");
        OperationBuilder = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.OperationBuilder`1");
        NpgsqlProvider = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions");
        SqlServerProvider = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.SqlServerDbContextOptionsExtensions");
    }

    /// <summary>Null when EF Core is not referenced.</summary>
    public INamedTypeSymbol? DbContext { get; }
    public INamedTypeSymbol? DbSet { get; }
    public INamedTypeSymbol? DbContextFactory { get; }

    /// <summary>ToListAsync, FirstAsync, Include, AsNoTracking...: the async executions and EF-only operators on IQueryable.</summary>
    public INamedTypeSymbol? QueryableExtensions { get; }

    /// <summary>FromSql*, ExecuteSql*, ExecuteUpdate/ExecuteDelete live here or in <see cref="QueryableExtensions"/> depending on the version.</summary>
    public INamedTypeSymbol? RelationalQueryableExtensions { get; }
    public INamedTypeSymbol? DatabaseFacade { get; }
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }
    public INamedTypeSymbol? ModelBuilder { get; }
    public INamedTypeSymbol? Migration { get; }
    public INamedTypeSymbol? MigrationBuilder { get; }

    /// <summary>What <c>migrationBuilder.CreateIndex(...)</c> and the other operations return: <c>.Annotation(name, value)</c> is called on it.</summary>
    public INamedTypeSymbol? OperationBuilder { get; }

    /// <summary><c>UseNpgsql(...)</c>: present when the PostgreSQL provider (Npgsql.EntityFrameworkCore.PostgreSQL) is referenced.</summary>
    public INamedTypeSymbol? NpgsqlProvider { get; }

    /// <summary><c>UseSqlServer(...)</c>: present when the SQL Server provider (Microsoft.EntityFrameworkCore.SqlServer) is referenced.</summary>
    public INamedTypeSymbol? SqlServerProvider { get; }
}
