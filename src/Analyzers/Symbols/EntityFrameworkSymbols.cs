using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>Entity Framework Core: contexts, sets, query operators, the database facade and migrations.</summary>
internal sealed class EntityFrameworkSymbols
{
    private static readonly string[] s_relationshipBuilders =
    [
        "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceReferenceBuilder",
        "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceReferenceBuilder`2",
        "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceCollectionBuilder",
        "Microsoft.EntityFrameworkCore.Metadata.Builders.ReferenceCollectionBuilder`2"
    ];

    private readonly LazyTypes _types;

    public EntityFrameworkSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 28);
    }

    /// <summary>Null when EF Core is not referenced.</summary>
    public INamedTypeSymbol? DbContext => _types.Get(0, "Microsoft.EntityFrameworkCore.DbContext");
    public INamedTypeSymbol? DbSet => _types.Get(1, "Microsoft.EntityFrameworkCore.DbSet`1");
    public INamedTypeSymbol? DbContextFactory => _types.Get(2, "Microsoft.EntityFrameworkCore.IDbContextFactory`1");

    /// <summary>ToListAsync, FirstAsync, Include, AsNoTracking...: the async executions and EF-only operators on IQueryable.</summary>
    public INamedTypeSymbol? QueryableExtensions => _types.Get(3, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");

    /// <summary>FromSql*, ExecuteSql*, ExecuteUpdate/ExecuteDelete live here or in <see cref="QueryableExtensions"/> depending on the version.</summary>
    public INamedTypeSymbol? RelationalQueryableExtensions => _types.Get(4, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
    public INamedTypeSymbol? DatabaseFacade => _types.Get(5, "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade");

    /// <summary>The base of CollectionEntry and ReferenceEntry: <c>Load</c>/<c>LoadAsync</c> query the database (explicit loading).</summary>
    public INamedTypeSymbol? NavigationEntry => _types.Get(6, "Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions => _types.Get(7, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
    public INamedTypeSymbol? ModelBuilder => _types.Get(8, "Microsoft.EntityFrameworkCore.ModelBuilder");
    public INamedTypeSymbol? Migration => _types.Get(9, "Microsoft.EntityFrameworkCore.Migrations.Migration");
    public INamedTypeSymbol? MigrationBuilder => _types.Get(10, "Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder");

    /// <summary>The base of the generated model snapshot: its string-based model is a copy, not configuration.</summary>
    public INamedTypeSymbol? ModelSnapshot => _types.Get(11, "Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot");

    /// <summary>AddDbContext, AddDbContextPool, AddDbContextFactory and AddPooledDbContextFactory.</summary>
    public INamedTypeSymbol? ServiceCollectionExtensions => _types.Get(12, "Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions");
    public INamedTypeSymbol? EntityTypeConfiguration => _types.Get(13, "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");
    public INamedTypeSymbol? EntityTypeBuilder => _types.Get(14, "Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder");
    public INamedTypeSymbol? EntityTypeBuilderOfT => _types.Get(15, "Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder`1");

    /// <summary>The base of <c>PropertyBuilder&lt;TProperty&gt;</c>: ValueGeneratedNever, ValueGeneratedOnAdd...</summary>
    public INamedTypeSymbol? PropertyBuilder => _types.Get(16, "Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder");

    /// <summary>The builders whose <c>HasForeignKey</c> names the dependent's foreign-key properties.</summary>
    public INamedTypeSymbol[] RelationshipBuilders => _types.GetAll(27, s_relationshipBuilders);
    public INamedTypeSymbol? KeylessAttribute => _types.Get(17, "Microsoft.EntityFrameworkCore.KeylessAttribute");
    public INamedTypeSymbol? OwnedAttribute => _types.Get(18, "Microsoft.EntityFrameworkCore.OwnedAttribute");
    public INamedTypeSymbol? PrimaryKeyAttribute => _types.Get(19, "Microsoft.EntityFrameworkCore.PrimaryKeyAttribute");
    public INamedTypeSymbol? KeyAttribute => _types.Get(20, "System.ComponentModel.DataAnnotations.KeyAttribute");
    public INamedTypeSymbol? DatabaseGeneratedAttribute => _types.Get(21, "System.ComponentModel.DataAnnotations.Schema.DatabaseGeneratedAttribute");
    public INamedTypeSymbol? ForeignKeyAttribute => _types.Get(22, "System.ComponentModel.DataAnnotations.Schema.ForeignKeyAttribute");
    public INamedTypeSymbol? NotMappedAttribute => _types.Get(23, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute");
    /// <summary>What <c>migrationBuilder.CreateIndex(...)</c> and the other operations return: <c>.Annotation(name, value)</c> is called on it.</summary>
    public INamedTypeSymbol? OperationBuilder => _types.Get(24, "Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.OperationBuilder`1");

    /// <summary><c>UseNpgsql(...)</c>: present when the PostgreSQL provider (Npgsql.EntityFrameworkCore.PostgreSQL) is referenced.</summary>
    public INamedTypeSymbol? NpgsqlProvider => _types.Get(25, "Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions");

    /// <summary><c>UseSqlServer(...)</c>: present when the SQL Server provider (Microsoft.EntityFrameworkCore.SqlServer) is referenced.</summary>
    public INamedTypeSymbol? SqlServerProvider => _types.Get(26, "Microsoft.EntityFrameworkCore.SqlServerDbContextOptionsExtensions");
}
