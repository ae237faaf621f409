using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Rules.Data;
using Postmortem.Analyzers.Tests.References;
using Postmortem.Analyzers.Tests.Robustness;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Data.PM0011UnsafeMigrationAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Data.PM0011UnsafeMigrationAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Data.PM0011UnsafeMigrationCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Data;

/// <summary>
/// PM0011 Schema migration that locks or breaks a live table. Each source is the main file of a migration as
/// <c>dotnet ef migrations add</c> writes it; the tests add the DbContext and the <c>// &lt;auto-generated /&gt;</c>
/// Designer partial that carries the <c>[DbContext]</c> and <c>[Migration]</c> attributes. The sources are also
/// the robustness corpus.
/// </summary>
public sealed class PM0011UnsafeMigrationTests
{
    private const string PostgresCreateIndex =
        "Creating index 'IX_Orders_Total' on existing table 'Orders' takes a SHARE lock on PostgreSQL that blocks every INSERT, UPDATE and DELETE until the index is built; "
        + "safe sequence: create it concurrently: .Annotation(\"Npgsql:CreatedConcurrently\", true) (IsCreatedConcurrently() on the index in the model)";

    // ---------------------------------------------------------------- Flags: generated migrations

    [Fact]
    public Task Flags_GeneratedPostgresMigration() => Migration(
            Sources.GeneratedPostgresOrderDetails,
            TestReferences.EfNpgsql80,
            expected:
            [
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "Renaming column 'Name' of existing table 'Customers' to 'FullName'",
                    "takes only a brief exclusive lock, but the version of the application still running during the deployment keeps using the old name and fails",
                    "add the new column, write to both, backfill it, switch reads, and drop the old column in a later release"),
                Verify.Diagnostic().WithLocation(1).WithArguments(
                    "Changing the type of column 'Total' of existing table 'Orders' from 'numeric' to 'numeric(18,2)'",
                    "rewrites the table and its indexes under an ACCESS EXCLUSIVE lock on PostgreSQL, blocking every read and write until it is done",
                    "add a new column of the new type, write to both, backfill it in batches, switch reads to it, then drop the old column in a later release"),
                Verify.Diagnostic().WithLocation(2).WithMessage(PostgresCreateIndex),
                Verify.Diagnostic().WithLocation(3).WithArguments(
                    "Adding foreign key 'FK_Orders_Warehouses_WarehouseId' to existing table 'Orders'",
                    "takes a SHARE ROW EXCLUSIVE lock on PostgreSQL on both tables while it checks every row, blocking writes to them until it is done",
                    "add it NOT VALID with migrationBuilder.Sql, then VALIDATE CONSTRAINT in a separate migration, which lets writes through"),
            ])
        .RunAsync();

    [Fact]
    public Task Flags_GeneratedPostgresCleanupMigration() => Migration(
            Sources.GeneratedPostgresCleanup,
            TestReferences.EfNpgsql80,
            expected:
            [
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "Dropping column 'Total' of existing table 'Orders'",
                    "takes only a brief exclusive lock, but the version of the application still running during the deployment still reads and writes the column and fails",
                    "first release code that no longer uses the column (ignore it in the model), then drop it in a later migration"),
                Verify.Diagnostic().WithLocation(1).WithArguments(
                    "Renaming existing table 'Warehouses' to 'Depots'",
                    "takes only a brief exclusive lock, but the version of the application still running during the deployment keeps using the old name and fails",
                    "create the new table (or a view under the old name), move the code to it in one release, and drop the old name in a later release"),
                Verify.Diagnostic().WithLocation(2).WithArguments(
                    "Making column 'Note' of existing table 'Orders' NOT NULL",
                    "holds an ACCESS EXCLUSIVE lock on PostgreSQL while it scans every row, blocking every read and write, and fails if a NULL is left",
                    "backfill NULLs in batches, add CHECK (\"Note\" IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check"),
            ])
        .RunAsync();

    [Fact]
    public Task Flags_GeneratedSqlServerMigration() => Migration(
            Sources.GeneratedSqlServerChanges,
            TestReferences.EfSqlServer80,
            expected:
            [
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "Changing the type of column 'Note' of existing table 'Orders' from 'nvarchar(max)' to 'nvarchar(450)'",
                    "rewrites every row under a schema modification (Sch-M) lock on SQL Server, blocking every read and write until it is done",
                    "add a new column of the new type, write to both, backfill it in batches, switch reads to it, then drop the old column in a later release"),
                Verify.Diagnostic().WithLocation(1).WithArguments(
                    "Adding column 'Token' with the volatile default 'NEWID()' to existing table 'Customers'",
                    "writes every row under a schema modification (Sch-M) lock on SQL Server, blocking every read and write until it is done",
                    "add the column as nullable without a default, set the default in a second step so only new rows get it, backfill existing rows in batches, then make it NOT NULL"),
                Verify.Diagnostic().WithLocation(2).WithMessage(
                    "Creating index 'IX_Orders_Note' on existing table 'Orders' runs offline on SQL Server, blocking writes to the table until the index is built (and reads too for a clustered index); "
                    + "safe sequence: build it online: .Annotation(\"SqlServer:Online\", true) (IsCreatedOnline() on the index in the model; Enterprise edition, Azure SQL)"),
                Verify.Diagnostic().WithLocation(3).WithArguments(
                    "Adding foreign key 'FK_Orders_Depots_WarehouseId' to existing table 'Orders'",
                    "takes a schema modification (Sch-M) lock on SQL Server while it checks every row, blocking every read and write until it is done",
                    "add it WITH NOCHECK with migrationBuilder.Sql, then validate it (WITH CHECK CHECK CONSTRAINT) at a quiet time"),
            ])
        .RunAsync();

    // ---------------------------------------------------------------- Flags: AddColumn

    [Fact]
    public Task Flags_AddColumnNotNullWithoutDefault() => Migration(
            Sources.AddColumnNotNullWithoutDefault,
            TestReferences.EfNpgsql80,
            expected: Verify.Diagnostic().WithLocation(0).WithMessage(
                "Adding NOT NULL column 'Status' without a default to existing table 'Orders' fails as soon as the table holds a row, and the deployment stops halfway; "
                + "safe sequence: add the column as nullable, backfill it in batches, then make it NOT NULL in a later migration"))
        .RunAsync();

    [Fact]
    public Task Flags_AddColumnNotNullWithoutDefault_AnyDatabase() => Migration(Sources.AddColumnNotNullWithoutDefault.Replace("{|#0:", "{|PM0011:"), TestReferences.EfCore80).RunAsync();

    [Fact]
    public Task Flags_AddColumnVolatileDefault_Postgres() => Migration(
            Sources.AddColumnVolatileDefaultPostgres,
            TestReferences.EfNpgsql80,
            expected: Verify.Diagnostic().WithLocation(0).WithArguments(
                "Adding column 'PublicId' with the volatile default 'gen_random_uuid()' to existing table 'Orders'",
                "rewrites the whole table under an ACCESS EXCLUSIVE lock on PostgreSQL, blocking every read and write until it is done",
                "add the column as nullable without a default, set the default in a second step so only new rows get it, backfill existing rows in batches, then make it NOT NULL"))
        .RunAsync();

    [Fact]
    public Task Flags_AddNullableColumnVolatileDefault_Postgres() => Migration(Sources.AddNullableColumnVolatileDefaultPostgres, TestReferences.EfNpgsql80).RunAsync();

    // ---------------------------------------------------------------- Flags: AlterColumn

    [Fact]
    public Task Flags_AlterColumnClrTypeWithoutStoreTypes() => Migration(
            Sources.AlterColumnClrType,
            TestReferences.EfNpgsql80,
            expected: Verify.Diagnostic().WithLocation(0).WithArguments(
                "Changing the type of column 'Quantity' of existing table 'OrderLines' from 'int' to 'long'",
                "rewrites the table and its indexes under an ACCESS EXCLUSIVE lock on PostgreSQL, blocking every read and write until it is done",
                "add a new column of the new type, write to both, backfill it in batches, switch reads to it, then drop the old column in a later release"))
        .RunAsync();

    [Fact]
    public Task Flags_AlterColumnNarrowerVarchar() => Migration(Sources.AlterColumnNarrowerVarchar, TestReferences.EfNpgsql80).RunAsync();

    // ---------------------------------------------------------------- Flags: CreateIndex

    [Fact]
    public Task Flags_CreateIndexWithOtherAnnotationOnly() => Migration(Sources.CreateIndexWithIndexMethod, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task Flags_CreateIndexWithTheOtherDatabasesAnnotation() => Migration(Sources.CreateIndexOnlineOnPostgres, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task Flags_CreateIndexWithConcurrentAnnotationFalse() => Migration(Sources.CreateIndexConcurrentlyFalse, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task Flags_CreateIndexOnBothDatabases_MessageNamesBoth() => Migration(
            Sources.CreateIndexPlain,
            TestReferences.Data80,
            expected: Verify.Diagnostic().WithLocation(0).WithMessage(
                "Creating index 'IX_Orders_Total' on existing table 'Orders' takes a SHARE lock on PostgreSQL that blocks every INSERT, UPDATE and DELETE until the index is built; "
                + "on SQL Server it runs offline, blocking writes to the table until the index is built (and reads too for a clustered index); "
                + "safe sequence: on PostgreSQL, create it concurrently: .Annotation(\"Npgsql:CreatedConcurrently\", true) (IsCreatedConcurrently() on the index in the model); "
                + "on SQL Server, build it online: .Annotation(\"SqlServer:Online\", true) (IsCreatedOnline() on the index in the model; Enterprise edition, Azure SQL)"))
        .RunAsync();

    // ---------------------------------------------------------------- Flags: generated code and options

    [Fact]
    public Task Flags_MainFileWithAutoGeneratedHeader() => Migration(Sources.AutoGeneratedHeader, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task Flags_OptionSqlServerIgnoresNpgsqlAnnotation() => Migration(
            Sources.CreateIndexConcurrentlyMarked,
            TestReferences.Data80,
            editorConfig: "postmortem.PM0011.database = sqlserver")
        .RunAsync();

    [Fact]
    public Task Flags_OptionPostgresWithoutProviderReference() => Migration(
            Sources.CreateIndexPlain,
            TestReferences.EfCore80,
            globalConfig: "postmortem.PM0011.database = postgresql",
            expected: Verify.Diagnostic().WithLocation(0).WithMessage(PostgresCreateIndex))
        .RunAsync();

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_InitialMigration() => Migration(Sources.GeneratedInitial, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task DoesNotFlag_OperationsOnTablesCreatedInTheSameMigration() => Migration(Sources.OperationsOnNewTables, TestReferences.Data80).RunAsync();

    [Fact]
    public Task DoesNotFlag_ConstantAndStableDefaults() => Migration(Sources.ConstantAndStableDefaults, TestReferences.Data80).RunAsync();

    [Fact]
    public Task DoesNotFlag_NullableColumnsAndComputedColumn() => Migration(Sources.NullableAndComputedColumns, TestReferences.Data80).RunAsync();

    [Fact]
    public Task DoesNotFlag_NullableColumnWithNewIdOnSqlServer() => Migration(Sources.NullableColumnNewIdSqlServer, TestReferences.EfSqlServer80).RunAsync();

    [Fact]
    public Task DoesNotFlag_SqlAndDown() => Migration(Sources.SqlAndDown, TestReferences.Data80).RunAsync();

    [Fact]
    public Task DoesNotFlag_IndexCreatedConcurrently() => Migration(Sources.CreateIndexConcurrentlyUnmarked, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task DoesNotFlag_IndexCreatedOnline() => Migration(Sources.CreateIndexOnlineUnmarked, TestReferences.EfSqlServer80).RunAsync();

    [Fact]
    public Task DoesNotFlag_EitherAnnotationWhenBothProvidersAreReferenced() => Migration(Sources.IndexesWithEitherAnnotation, TestReferences.Data80).RunAsync();

    [Fact]
    public Task DoesNotFlag_OptionPostgresWithNpgsqlAnnotation()
        => Migration(Sources.CreateIndexConcurrentlyUnmarked, TestReferences.Data80, editorConfig: "postmortem.PM0011.database = postgresql").RunAsync();

    [Fact]
    public Task DoesNotFlag_AlterColumnThatKeepsTheRows() => Migration(Sources.AlterColumnThatKeepsTheRows, TestReferences.Data80).RunAsync();

    [Fact]
    public Task DoesNotFlag_LockRulesWithoutKnownDatabase() => Migration(
            Sources.LockingOperationsOnly,
            TestReferences.EfCore80)
        .RunAsync();

    [Fact]
    public Task DoesNotFlag_IndexOnNewTableWhoseCreateTableDoesNotBind()
    {
        // A column type being typed (or a missing using) leaves CreateTable unbound; its table is still new.
        var test = Migration(Sources.CreateTableBeingTyped, TestReferences.EfNpgsql80);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }

    [Fact]
    public Task DoesNotFlag_NonConstantTableName() => Migration(Sources.NonConstantTableName, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task DoesNotFlag_MethodsOutsideMigrationUp() => Migration(Sources.MethodsOutsideMigrationUp, TestReferences.EfNpgsql80).RunAsync();

    [Fact]
    public Task DoesNotFlag_OwnTypesWithTheSameNames() => Verify.VerifyAsync(Sources.OwnTypesWithTheSameNames, TestReferences.EfNpgsql80);

    [Fact]
    public Task DoesNotFlag_ExcludedMigration() => Migration(
            Sources.CreateIndexPlain.Replace("{|#0:", "").Replace("|}", ""),
            TestReferences.EfNpgsql80,
            editorConfig: "postmortem.PM0011.excluded_symbols = T:Shop.Migrations.AddOrderTotalIndex")
        .RunAsync();

    [Fact]
    public async Task DoesNotRegister_WithoutEntityFrameworkCore()
    {
        var analyzer = new PM0011UnsafeMigrationAnalyzer();
        var source = RobustnessCorpus.Get("PM0011UnsafeMigrationTests.CreateIndexPlain").Text;

        var without = await TelemetryAsync(await AnalyzerRunner.BaseCompilationAsync(TestReferences.Net80));
        Assert.Equal(1, without.CompilationStartActionsCount);
        Assert.Equal(0, without.CodeBlockActionsCount + without.OperationBlockActionsCount + without.OperationActionsCount + without.SyntaxNodeActionsCount);

        var with = await TelemetryAsync(await AnalyzerRunner.BaseCompilationAsync(TestReferences.EfNpgsql80));
        Assert.Equal(1, with.CodeBlockActionsCount);

        async Task<Microsoft.CodeAnalysis.Diagnostics.Telemetry.AnalyzerTelemetryInfo> TelemetryAsync(Compilation empty)
        {
            var withAnalyzers = empty.AddSyntaxTrees(AnalyzerRunner.Parse(source)).WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("now()", null)]
    [InlineData("CURRENT_TIMESTAMP", null)]
    [InlineData("GETUTCDATE()", null)]
    [InlineData("gen_random_uuid()", "gen_random_uuid")]
    [InlineData("public.uuid_generate_v4 ()", null)]
    [InlineData("uuid_generate_v4 ()", "uuid_generate_v4")]
    [InlineData("NEWSEQUENTIALID()", "newsequentialid")]
    [InlineData("'random'", null)]
    [InlineData("my_random()", null)]
    public void VolatileFunctions(string sql, string? expected)
        => Assert.Equal(expected, PM0011UnsafeMigrationAnalyzer.FindVolatileFunction(sql, out _));

    // ---------------------------------------------------------------- Code fix

    [Fact]
    public Task Fix_CreateIndexConcurrently() => Fix(
        Sources.CreateIndexPlain,
        Sources.CreateIndexConcurrentlyUnmarked,
        EquivalenceKeys.PM0011CreateIndexConcurrently,
        TestReferences.EfNpgsql80);

    [Fact]
    public Task Fix_CreateIndexOnline() => Fix(
        Sources.CreateIndexPlain,
        Sources.CreateIndexOnlineUnmarked,
        EquivalenceKeys.PM0011CreateIndexOnline,
        TestReferences.EfSqlServer80);

    [Fact]
    public Task Fix_BothDatabases_OffersBothAnnotations() => Task.WhenAll(
        Fix(Sources.CreateIndexPlain, Sources.CreateIndexConcurrentlyUnmarked, EquivalenceKeys.PM0011CreateIndexConcurrently, TestReferences.Data80),
        Fix(Sources.CreateIndexPlain, Sources.CreateIndexOnlineUnmarked, EquivalenceKeys.PM0011CreateIndexOnline, TestReferences.Data80));

    [Fact]
    public Task Fix_CreateIndexKeepsExistingAnnotations() => Fix(
        Sources.CreateIndexWithIndexMethod,
        Sources.CreateIndexWithIndexMethodFixed,
        EquivalenceKeys.PM0011CreateIndexConcurrently,
        TestReferences.EfNpgsql80);

    [Fact]
    public Task FixAll_CreateIndexConcurrently() => Fix(
        Sources.TwoIndexes,
        Sources.TwoIndexesFixed,
        EquivalenceKeys.PM0011CreateIndexConcurrently,
        TestReferences.EfNpgsql80,
        batchFixedSource: Sources.TwoIndexesFixed);

    [Fact]
    public Task Fix_AddColumnNullable() => Fix(
        Sources.AddColumnNotNullWithoutDefault,
        Sources.AddColumnNotNullWithoutDefaultFixed,
        EquivalenceKeys.PM0011AddColumnNullable,
        TestReferences.EfNpgsql80);

    [Fact]
    public Task FixAll_AddColumnNullable_NamedAndAppended() => Fix(
        Sources.TwoRequiredColumns,
        Sources.TwoRequiredColumnsFixed,
        EquivalenceKeys.PM0011AddColumnNullable,
        TestReferences.EfSqlServer80,
        batchFixedSource: Sources.TwoRequiredColumnsFixed);

    [Fact]
    public Task NoFix_ConcurrentAnnotationAlreadyPresent() => VerifyFix.VerifyNoFixAsync(
        Sources.CreateIndexConcurrentlyFalse,
        EquivalenceKeys.PM0011CreateIndexConcurrently,
        TestReferences.EfNpgsql80);

    [Fact]
    public Task NoFix_NullableForVolatileDefault() => VerifyFix.VerifyNoFixAsync(
        Sources.AddNullableColumnVolatileDefaultPostgres,
        EquivalenceKeys.PM0011AddColumnNullable,
        TestReferences.EfNpgsql80);

    [Fact]
    public Task NoFix_DropColumn() => VerifyFix.VerifyNoFixAsync(
        Sources.AutoGeneratedHeader,
        EquivalenceKeys.PM0011AddColumnNullable,
        TestReferences.EfNpgsql80);

    // ---------------------------------------------------------------- Helpers

    private const string ContextFile = """
        using Microsoft.EntityFrameworkCore;

        namespace Shop
        {
            public class ShopContext : DbContext
            {
            }
        }
        """;

    /// <summary>The Designer partial <c>dotnet ef migrations add</c> writes next to each migration.</summary>
    private static string Designer(string className) => $$"""
        // <auto-generated />
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Infrastructure;
        using Microsoft.EntityFrameworkCore.Migrations;
        using Shop;

        #nullable disable

        namespace Shop.Migrations
        {
            [DbContext(typeof(ShopContext))]
            [Migration("20240301120000_{{className}}")]
            partial class {{className}}
            {
                /// <inheritdoc />
                protected override void BuildTargetModel(ModelBuilder modelBuilder)
                {
        #pragma warning disable 612, 618
                    modelBuilder.HasAnnotation("ProductVersion", "8.0.33");
        #pragma warning restore 612, 618
                }
            }
        }
        """;

    private static IEnumerable<(string Name, string Text)> CompanionFiles(string source)
    {
        yield return ("/0/ShopContext.cs", ContextFile);
        foreach (Match match in Regex.Matches(source, @"public partial class (\w+) : Migration"))
        {
            var name = match.Groups[1].Value;
            yield return ($"/0/{name}.Designer.cs", Designer(name));
        }
    }

    private static Verify.Test Migration(
        string source,
        ReferenceAssemblies references,
        string? editorConfig = null,
        string? globalConfig = null,
        params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(references, editorConfig) { TestCode = source };
        foreach (var file in CompanionFiles(source))
        {
            test.TestState.Sources.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        return test;
    }

    private static Task Fix(string source, string fixedSource, string equivalenceKey, ReferenceAssemblies references, string? batchFixedSource = null)
    {
        var test = new VerifyFix.Test(references)
        {
            TestCode = source.Replace("{|#0:", "{|PM0011:"),
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (batchFixedSource is not null)
        {
            test.BatchFixedCode = batchFixedSource;
        }

        foreach (var file in CompanionFiles(source))
        {
            test.TestState.Sources.Add(file);
            test.FixedState.Sources.Add(file);
            if (batchFixedSource is not null)
            {
                test.BatchFixedState.Sources.Add(file);
            }
        }

        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        public const string GeneratedPostgresOrderDetails = """
            using Microsoft.EntityFrameworkCore.Migrations;
            using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class OrderDetails : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|#0:migrationBuilder.RenameColumn(
                            name: "Name",
                            table: "Customers",
                            newName: "FullName")|};

                        {|#1:migrationBuilder.AlterColumn<decimal>(
                            name: "Total",
                            table: "Orders",
                            type: "numeric(18,2)",
                            precision: 18,
                            scale: 2,
                            nullable: false,
                            oldClrType: typeof(decimal),
                            oldType: "numeric")|};

                        migrationBuilder.AddColumn<string>(
                            name: "Note",
                            table: "Orders",
                            type: "text",
                            nullable: true);

                        migrationBuilder.AddColumn<int>(
                            name: "Priority",
                            table: "Orders",
                            type: "integer",
                            nullable: false,
                            defaultValue: 0);

                        migrationBuilder.AddColumn<int>(
                            name: "WarehouseId",
                            table: "Orders",
                            type: "integer",
                            nullable: true);

                        migrationBuilder.AddColumn<string>(
                            name: "Email",
                            table: "Customers",
                            type: "text",
                            nullable: false,
                            defaultValue: "");

                        migrationBuilder.CreateTable(
                            name: "Warehouses",
                            columns: table => new
                            {
                                Id = table.Column<int>(type: "integer", nullable: false)
                                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                                City = table.Column<string>(type: "text", nullable: false)
                            },
                            constraints: table =>
                            {
                                table.PrimaryKey("PK_Warehouses", x => x.Id);
                            });

                        {|#2:migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")|};

                        {|PM0011:migrationBuilder.CreateIndex(
                            name: "IX_Orders_WarehouseId",
                            table: "Orders",
                            column: "WarehouseId")|};

                        migrationBuilder.CreateIndex(
                            name: "IX_Customers_Email",
                            table: "Customers",
                            column: "Email")
                            .Annotation("Npgsql:CreatedConcurrently", true);

                        {|#3:migrationBuilder.AddForeignKey(
                            name: "FK_Orders_Warehouses_WarehouseId",
                            table: "Orders",
                            column: "WarehouseId",
                            principalTable: "Warehouses",
                            principalColumn: "Id")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropForeignKey(
                            name: "FK_Orders_Warehouses_WarehouseId",
                            table: "Orders");

                        migrationBuilder.DropTable(
                            name: "Warehouses");

                        migrationBuilder.DropColumn(
                            name: "Email",
                            table: "Customers");

                        migrationBuilder.RenameColumn(
                            name: "FullName",
                            table: "Customers",
                            newName: "Name");
                    }
                }
            }
            """;

        public const string GeneratedPostgresCleanup = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class Cleanup : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropForeignKey(
                            name: "FK_Orders_Warehouses_WarehouseId",
                            table: "Orders");

                        migrationBuilder.DropIndex(
                            name: "IX_Orders_Total",
                            table: "Orders");

                        migrationBuilder.DropPrimaryKey(
                            name: "PK_Warehouses",
                            table: "Warehouses");

                        {|#0:migrationBuilder.DropColumn(
                            name: "Total",
                            table: "Orders")|};

                        {|#1:migrationBuilder.RenameTable(
                            name: "Warehouses",
                            newName: "Depots")|};

                        {|#2:migrationBuilder.AlterColumn<string>(
                            name: "Note",
                            table: "Orders",
                            type: "text",
                            nullable: false,
                            defaultValue: "",
                            oldClrType: typeof(string),
                            oldType: "text",
                            oldNullable: true)|};

                        migrationBuilder.AddPrimaryKey(
                            name: "PK_Depots",
                            table: "Depots",
                            column: "Id");

                        {|PM0011:migrationBuilder.AddForeignKey(
                            name: "FK_Orders_Depots_WarehouseId",
                            table: "Orders",
                            column: "WarehouseId",
                            principalTable: "Depots",
                            principalColumn: "Id")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.RenameTable(
                            name: "Depots",
                            newName: "Warehouses");
                    }
                }
            }
            """;

        public const string GeneratedSqlServerChanges = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class Changes : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropForeignKey(
                            name: "FK_Orders_Warehouses_WarehouseId",
                            table: "Orders");

                        migrationBuilder.DropPrimaryKey(
                            name: "PK_Warehouses",
                            table: "Warehouses");

                        {|PM0011:migrationBuilder.RenameTable(
                            name: "Warehouses",
                            newName: "Depots")|};

                        {|#0:migrationBuilder.AlterColumn<string>(
                            name: "Note",
                            table: "Orders",
                            type: "nvarchar(450)",
                            nullable: false,
                            defaultValue: "",
                            oldClrType: typeof(string),
                            oldType: "nvarchar(max)",
                            oldNullable: true)|};

                        {|PM0011:migrationBuilder.AlterColumn<string>(
                            name: "FullName",
                            table: "Customers",
                            type: "nvarchar(200)",
                            maxLength: 200,
                            nullable: false,
                            oldClrType: typeof(string),
                            oldType: "nvarchar(max)")|};

                        {|#1:migrationBuilder.AddColumn<Guid>(
                            name: "Token",
                            table: "Customers",
                            type: "uniqueidentifier",
                            nullable: false,
                            defaultValueSql: "NEWID()")|};

                        migrationBuilder.AddPrimaryKey(
                            name: "PK_Depots",
                            table: "Depots",
                            column: "Id");

                        {|#2:migrationBuilder.CreateIndex(
                            name: "IX_Orders_Note",
                            table: "Orders",
                            column: "Note")|};

                        {|#3:migrationBuilder.AddForeignKey(
                            name: "FK_Orders_Depots_WarehouseId",
                            table: "Orders",
                            column: "WarehouseId",
                            principalTable: "Depots",
                            principalColumn: "Id")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string GeneratedInitial = """
            using Microsoft.EntityFrameworkCore.Migrations;
            using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class Initial : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateTable(
                            name: "Customers",
                            columns: table => new
                            {
                                Id = table.Column<int>(type: "integer", nullable: false)
                                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                                Name = table.Column<string>(type: "text", nullable: false)
                            },
                            constraints: table =>
                            {
                                table.PrimaryKey("PK_Customers", x => x.Id);
                            });

                        migrationBuilder.CreateTable(
                            name: "Orders",
                            columns: table => new
                            {
                                Id = table.Column<int>(type: "integer", nullable: false)
                                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                                CustomerId = table.Column<int>(type: "integer", nullable: false),
                                Total = table.Column<decimal>(type: "numeric", nullable: false)
                            },
                            constraints: table =>
                            {
                                table.PrimaryKey("PK_Orders", x => x.Id);
                                table.ForeignKey(
                                    name: "FK_Orders_Customers_CustomerId",
                                    column: x => x.CustomerId,
                                    principalTable: "Customers",
                                    principalColumn: "Id",
                                    onDelete: ReferentialAction.Cascade);
                            });

                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_CustomerId",
                            table: "Orders",
                            column: "CustomerId");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropTable(
                            name: "Orders");

                        migrationBuilder.DropTable(
                            name: "Customers");
                    }
                }
            }
            """;

        public const string AddColumnNotNullWithoutDefault = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderStatus : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|#0:migrationBuilder.AddColumn<string>(
                            name: "Status",
                            table: "Orders",
                            type: "text",
                            nullable: false)|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropColumn(
                            name: "Status",
                            table: "Orders");
                    }
                }
            }
            """;

        public const string AddColumnNotNullWithoutDefaultFixed = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderStatus : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AddColumn<string>(
                            name: "Status",
                            table: "Orders",
                            type: "text",
                            nullable: true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropColumn(
                            name: "Status",
                            table: "Orders");
                    }
                }
            }
            """;

        public const string TwoRequiredColumns = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderRanking : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.AddColumn<int>(
                            name: "Rank",
                            table: "Orders",
                            type: "int",
                            nullable: false)|};

                        {|PM0011:migrationBuilder.AddColumn<int>(name: "Score", table: "Orders")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string TwoRequiredColumnsFixed = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderRanking : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AddColumn<int>(
                            name: "Rank",
                            table: "Orders",
                            type: "int",
                            nullable: true);

                        migrationBuilder.AddColumn<int>(name: "Score", table: "Orders", nullable: true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string AddColumnVolatileDefaultPostgres = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderPublicId : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|#0:migrationBuilder.AddColumn<Guid>(
                            name: "PublicId",
                            table: "Orders",
                            type: "uuid",
                            nullable: false,
                            defaultValueSql: "gen_random_uuid()")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string AddNullableColumnVolatileDefaultPostgres = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderCheckedAt : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.AddColumn<DateTime>(
                            name: "CheckedAt",
                            table: "Orders",
                            type: "timestamp with time zone",
                            nullable: true,
                            defaultValueSql: "clock_timestamp()")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string NullableColumnNewIdSqlServer = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderToken : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AddColumn<Guid>(
                            name: "Token",
                            table: "Orders",
                            type: "uniqueidentifier",
                            nullable: true,
                            defaultValueSql: "NEWID()");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string AlterColumnClrType = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class WidenQuantity : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|#0:migrationBuilder.AlterColumn<long>(
                            name: "Quantity",
                            table: "OrderLines",
                            nullable: false,
                            oldClrType: typeof(int))|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string AlterColumnNarrowerVarchar = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class ShortenSku : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.AlterColumn<string>(
                            name: "Sku",
                            table: "Products",
                            type: "character varying(64)",
                            maxLength: 64,
                            nullable: false,
                            oldClrType: typeof(string),
                            oldType: "character varying(200)",
                            oldMaxLength: 200)|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string AlterColumnThatKeepsTheRows = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class RelaxColumns : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AlterColumn<string>(
                            name: "Note",
                            table: "Orders",
                            type: "text",
                            nullable: true,
                            oldClrType: typeof(string),
                            oldType: "text");

                        migrationBuilder.AlterColumn<string>(
                            name: "Sku",
                            table: "Products",
                            type: "character varying(400)",
                            maxLength: 400,
                            nullable: false,
                            oldClrType: typeof(string),
                            oldType: "character varying(200)",
                            oldMaxLength: 200);

                        migrationBuilder.AlterColumn<string>(
                            name: "Title",
                            table: "Products",
                            type: "text",
                            nullable: false,
                            oldClrType: typeof(string),
                            oldType: "character varying(100)",
                            oldMaxLength: 100);

                        migrationBuilder.AlterColumn<string>(
                            name: "Name",
                            table: "Customers",
                            type: "nvarchar(200)",
                            maxLength: 200,
                            nullable: false,
                            oldClrType: typeof(string),
                            oldType: "nvarchar(100)",
                            oldMaxLength: 100);

                        migrationBuilder.AlterColumn<string>(
                            name: "City",
                            table: "Customers",
                            type: "nvarchar(MAX)",
                            nullable: false,
                            comment: "Billing city",
                            oldClrType: typeof(string),
                            oldType: "nvarchar(max)");

                        migrationBuilder.AlterColumn<int>(
                            name: "Priority",
                            table: "Orders",
                            nullable: true,
                            oldClrType: typeof(int));

                        migrationBuilder.AlterColumn<DateTime>(
                            name: "CreatedAt",
                            table: "Orders",
                            type: "timestamp with time zone",
                            nullable: false,
                            oldClrType: typeof(DateTime),
                            oldType: "timestamp without time zone");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AlterColumn<string>(
                            name: "Note",
                            table: "Orders",
                            type: "text",
                            nullable: false,
                            oldClrType: typeof(string),
                            oldType: "text",
                            oldNullable: true);
                    }
                }
            }
            """;

        public const string CreateIndexPlain = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderTotalIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|#0:migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropIndex(
                            name: "IX_Orders_Total",
                            table: "Orders");
                    }
                }
            }
            """;

        public const string CreateIndexConcurrentlyUnmarked = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderTotalIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")
                            .Annotation("Npgsql:CreatedConcurrently", true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropIndex(
                            name: "IX_Orders_Total",
                            table: "Orders");
                    }
                }
            }
            """;

        public const string CreateIndexConcurrentlyMarked = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderTotalIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")|}
                            .Annotation("Npgsql:CreatedConcurrently", true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string CreateIndexOnlineUnmarked = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderTotalIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")
                            .Annotation("SqlServer:Online", true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropIndex(
                            name: "IX_Orders_Total",
                            table: "Orders");
                    }
                }
            }
            """;

        public const string IndexesWithEitherAnnotation = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddSearchIndexes : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")
                            .Annotation("Npgsql:CreatedConcurrently", true);

                        migrationBuilder.CreateIndex(
                            name: "IX_Customers_Email",
                            table: "Customers",
                            column: "Email",
                            unique: true,
                            filter: "[Email] IS NOT NULL")
                            .Annotation("SqlServer:Online", true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string CreateIndexWithIndexMethod = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddTagsIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.CreateIndex(
                            name: "IX_Products_Tags",
                            table: "Products",
                            column: "Tags")|}
                            .Annotation("Npgsql:IndexMethod", "gin");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string CreateIndexWithIndexMethodFixed = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddTagsIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateIndex(
                            name: "IX_Products_Tags",
                            table: "Products",
                            column: "Tags")
                            .Annotation("Npgsql:CreatedConcurrently", true)
                            .Annotation("Npgsql:IndexMethod", "gin");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string CreateIndexOnlineOnPostgres = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderTotalIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")|}
                            .Annotation("SqlServer:Online", true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string CreateIndexConcurrentlyFalse = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderTotalIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total")|}
                            .Annotation("Npgsql:CreatedConcurrently", false);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string TwoIndexes = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddReportingIndexes : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.CreateIndex(
                            name: "IX_Orders_CreatedAt",
                            table: "Orders",
                            column: "CreatedAt")|};

                        {|PM0011:migrationBuilder.CreateIndex(
                            name: "IX_Orders_CustomerId_Status",
                            table: "Orders",
                            columns: new[] { "CustomerId", "Status" },
                            unique: true)|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string TwoIndexesFixed = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddReportingIndexes : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_CreatedAt",
                            table: "Orders",
                            column: "CreatedAt")
                            .Annotation("Npgsql:CreatedConcurrently", true);

                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_CustomerId_Status",
                            table: "Orders",
                            columns: new[] { "CustomerId", "Status" },
                            unique: true)
                            .Annotation("Npgsql:CreatedConcurrently", true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string AutoGeneratedHeader = """
            // <auto-generated />
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class DropLegacyCode : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        {|PM0011:migrationBuilder.DropColumn(
                            name: "LegacyCode",
                            table: "Products")|};
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string OperationsOnNewTables = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddInvoicing : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.EnsureSchema(
                            name: "billing");

                        migrationBuilder.CreateTable(
                            name: "Invoices",
                            schema: "billing",
                            columns: table => new
                            {
                                Id = table.Column<int>(nullable: false),
                                PaymentId = table.Column<int>(nullable: true)
                            },
                            constraints: table =>
                            {
                                table.PrimaryKey("PK_Invoices", x => x.Id);
                            });

                        migrationBuilder.CreateTable(
                            name: "Payments",
                            schema: "billing",
                            columns: table => new
                            {
                                Id = table.Column<int>(nullable: false),
                                InvoiceId = table.Column<int>(nullable: false)
                            },
                            constraints: table =>
                            {
                                table.PrimaryKey("PK_Payments", x => x.Id);
                            });

                        migrationBuilder.AddColumn<string>(
                            name: "Number",
                            schema: "billing",
                            table: "Invoices",
                            nullable: false);

                        migrationBuilder.CreateIndex(
                            name: "IX_Payments_InvoiceId",
                            schema: "billing",
                            table: "Payments",
                            column: "InvoiceId");

                        migrationBuilder.AddForeignKey(
                            name: "FK_Invoices_Payments_PaymentId",
                            schema: "billing",
                            table: "Invoices",
                            column: "PaymentId",
                            principalSchema: "billing",
                            principalTable: "Payments",
                            principalColumn: "Id");

                        migrationBuilder.AddForeignKey(
                            name: "FK_Payments_Invoices_InvoiceId",
                            schema: "billing",
                            table: "Payments",
                            column: "InvoiceId",
                            principalSchema: "billing",
                            principalTable: "Invoices",
                            principalColumn: "Id");

                        migrationBuilder.RenameColumn(
                            name: "Number",
                            schema: "billing",
                            table: "Invoices",
                            newName: "InvoiceNumber");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string ConstantAndStableDefaults = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderFlags : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AddColumn<bool>(
                            name: "IsArchived",
                            table: "Orders",
                            nullable: false,
                            defaultValue: false);

                        migrationBuilder.AddColumn<string>(
                            name: "Currency",
                            table: "Orders",
                            maxLength: 3,
                            nullable: false,
                            defaultValue: "EUR");

                        migrationBuilder.AddColumn<DateTime>(
                            name: "ValidFrom",
                            table: "Orders",
                            nullable: false,
                            defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

                        migrationBuilder.AddColumn<DateTime>(
                            name: "CreatedAt",
                            table: "Orders",
                            nullable: false,
                            defaultValueSql: "now()");

                        migrationBuilder.AddColumn<DateTime>(
                            name: "UpdatedAt",
                            table: "Orders",
                            nullable: false,
                            defaultValueSql: "CURRENT_TIMESTAMP");

                        migrationBuilder.AddColumn<DateTime>(
                            name: "ImportedAt",
                            table: "Orders",
                            nullable: false,
                            defaultValueSql: "GETUTCDATE()");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string NullableAndComputedColumns = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderExtras : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AddColumn<string>(
                            name: "Comment",
                            table: "Orders",
                            nullable: true);

                        migrationBuilder.AddColumn<int>(
                            name: "Discount",
                            table: "Orders",
                            nullable: true);

                        migrationBuilder.AddColumn<decimal>(
                            name: "TotalWithTax",
                            table: "Orders",
                            nullable: false,
                            computedColumnSql: "[Total] * 1.2");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string SqlAndDown = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class BackfillAndIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.Sql("UPDATE \"Orders\" SET \"Status\" = 'new' WHERE \"Status\" IS NULL;");
                        migrationBuilder.Sql("CREATE INDEX CONCURRENTLY \"IX_Orders_Status\" ON \"Orders\" (\"Status\");", suppressTransaction: true);
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropColumn(
                            name: "Status",
                            table: "Orders");

                        migrationBuilder.RenameTable(
                            name: "Orders",
                            newName: "LegacyOrders");

                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total");
                    }
                }
            }
            """;

        public const string LockingOperationsOnly = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class Tighten : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AlterColumn<string>(
                            name: "Note",
                            table: "Orders",
                            nullable: false,
                            oldClrType: typeof(string),
                            oldNullable: true);

                        migrationBuilder.AlterColumn<long>(
                            name: "Quantity",
                            table: "OrderLines",
                            nullable: false,
                            oldClrType: typeof(int));

                        migrationBuilder.AddColumn<Guid>(
                            name: "Token",
                            table: "Orders",
                            nullable: false,
                            defaultValueSql: "gen_random_uuid()");

                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_Total",
                            table: "Orders",
                            column: "Total");

                        migrationBuilder.AddForeignKey(
                            name: "FK_Orders_Customers_CustomerId",
                            table: "Orders",
                            column: "CustomerId",
                            principalTable: "Customers",
                            principalColumn: "Id");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string CreateTableBeingTyped = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddShipments : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateTable(
                            name: "Shipments",
                            columns: table => new
                            {
                                Id = table.Column<Guid>(type: "uuid", nullable: false),
                                ShippedAt = table.Column<DateTim
                            });

                        migrationBuilder.CreateIndex(
                            name: "IX_Shipments_ShippedAt",
                            table: "Shipments",
                            column: "ShippedAt");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string NonConstantTableName = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddAuditColumns : Migration
                {
                    private static readonly string[] AuditedTables = { "Orders", "Customers" };

                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        foreach (var table in AuditedTables)
                        {
                            migrationBuilder.AddColumn<string>(
                                name: "ChangedBy",
                                table: table,
                                nullable: false);

                            migrationBuilder.CreateIndex(
                                name: "IX_" + table + "_ChangedBy",
                                table: table,
                                column: "ChangedBy");
                        }
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }
                }
            }
            """;

        public const string MethodsOutsideMigrationUp = """
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Shop.Migrations
            {
                /// <inheritdoc />
                public partial class AddOrderStatusIndex : Migration
                {
                    /// <inheritdoc />
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.Sql("SELECT 1;");
                    }

                    /// <inheritdoc />
                    protected override void Down(MigrationBuilder migrationBuilder)
                    {
                    }

                    internal static void AddStatusIndex(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.CreateIndex(
                            name: "IX_Orders_Status",
                            table: "Orders",
                            column: "Status");
                    }
                }

                public sealed class SchemaScript
                {
                    public void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.DropColumn(
                            name: "Status",
                            table: "Orders");
                    }
                }
            }
            """;

        public const string OwnTypesWithTheSameNames = """
            namespace Tooling
            {
                public sealed class MigrationBuilder
                {
                    public void AddColumn<T>(string name, string table, bool nullable = false) { }
                    public void CreateIndex(string name, string table, string column) { }
                    public void DropColumn(string name, string table) { }
                }

                public abstract class Migration
                {
                    protected abstract void Up(MigrationBuilder migrationBuilder);
                }

                public sealed class AddStatus : Migration
                {
                    protected override void Up(MigrationBuilder migrationBuilder)
                    {
                        migrationBuilder.AddColumn<string>(name: "Status", table: "Orders");
                        migrationBuilder.CreateIndex(name: "IX_Orders_Status", table: "Orders", column: "Status");
                        migrationBuilder.DropColumn(name: "Legacy", table: "Orders");
                    }
                }
            }
            """;
    }
}
