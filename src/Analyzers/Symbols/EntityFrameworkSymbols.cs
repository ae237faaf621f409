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
        NavigationEntry = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
        RelationalDatabaseFacadeExtensions = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
        ModelBuilder = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.ModelBuilder");
        Migration = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Migrations.Migration");
        MigrationBuilder = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder");
        ModelSnapshot = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot");
        ServiceCollectionExtensions = TypeResolver.Resolve(c, "Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions");
        EntityTypeConfiguration = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");
        EntityTypeBuilder = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder");
        EntityTypeBuilderOfT = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder`1");
        PropertyBuilder = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder");
        RelationshipBuilders = TypeResolver.ResolveAll(c,
            "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceReferenceBuilder",
            "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceReferenceBuilder`2",
            "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceCollectionBuilder",
            "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceCollectionBuilder`2");
        KeylessAttribute = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.KeylessAttribute");
        OwnedAttribute = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.OwnedAttribute");
        PrimaryKeyAttribute = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.PrimaryKeyAttribute");
        KeyAttribute = TypeResolver.Resolve(c, "System.ComponentModel.DataAnnotations.KeyAttribute");
        DatabaseGeneratedAttribute = TypeResolver.Resolve(c, "System.ComponentModel.DataAnnotations.Schema.DatabaseGeneratedAttribute");
        ForeignKeyAttribute = TypeResolver.Resolve(c, "System.ComponentModel.DataAnnotations.Schema.ForeignKeyAttribute");
        NotMappedAttribute = TypeResolver.Resolve(c, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute");
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

    /// <summary>The base of CollectionEntry and ReferenceEntry: <c>Load</c>/<c>LoadAsync</c> query the database (explicit loading).</summary>
    public INamedTypeSymbol? NavigationEntry { get; }
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }
    public INamedTypeSymbol? ModelBuilder { get; }
    public INamedTypeSymbol? Migration { get; }
    public INamedTypeSymbol? MigrationBuilder { get; }

    /// <summary>The base of the generated model snapshot: its string-based model is a copy, not configuration.</summary>
    public INamedTypeSymbol? ModelSnapshot { get; }

    /// <summary>AddDbContext, AddDbContextPool, AddDbContextFactory and AddPooledDbContextFactory.</summary>
    public INamedTypeSymbol? ServiceCollectionExtensions { get; }
    public INamedTypeSymbol? EntityTypeConfiguration { get; }
    public INamedTypeSymbol? EntityTypeBuilder { get; }
    public INamedTypeSymbol? EntityTypeBuilderOfT { get; }

    /// <summary>The base of <c>PropertyBuilder&lt;TProperty&gt;</c>: ValueGeneratedNever, ValueGeneratedOnAdd...</summary>
    public INamedTypeSymbol? PropertyBuilder { get; }

    /// <summary>The builders whose <c>HasForeignKey</c> names the dependent's foreign-key properties.</summary>
    public INamedTypeSymbol[] RelationshipBuilders { get; }
    public INamedTypeSymbol? KeylessAttribute { get; }
    public INamedTypeSymbol? OwnedAttribute { get; }
    public INamedTypeSymbol? PrimaryKeyAttribute { get; }
    public INamedTypeSymbol? KeyAttribute { get; }
    public INamedTypeSymbol? DatabaseGeneratedAttribute { get; }
    public INamedTypeSymbol? ForeignKeyAttribute { get; }
    public INamedTypeSymbol? NotMappedAttribute { get; }
    /// <summary>What <c>migrationBuilder.CreateIndex(...)</c> and the other operations return: <c>.Annotation(name, value)</c> is called on it.</summary>
    public INamedTypeSymbol? OperationBuilder { get; }

    /// <summary><c>UseNpgsql(...)</c>: present when the PostgreSQL provider (Npgsql.EntityFrameworkCore.PostgreSQL) is referenced.</summary>
    public INamedTypeSymbol? NpgsqlProvider { get; }

    /// <summary><c>UseSqlServer(...)</c>: present when the SQL Server provider (Microsoft.EntityFrameworkCore.SqlServer) is referenced.</summary>
    public INamedTypeSymbol? SqlServerProvider { get; }
}
