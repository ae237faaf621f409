using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Options;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Data;

/// <summary>
/// PM0011: an operation in an EF Core <c>Migration.Up</c> that locks a table the application is using, rewrites
/// it, or breaks the version of the application that is still running while the new one is deployed. Only
/// tables that the same migration does not create are considered; the lock and the safe sequence in the
/// message follow the database (PostgreSQL or SQL Server) from the referenced provider or the option.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0011UnsafeMigrationAnalyzer : PostmortemAnalyzer
{
    /// <summary>Diagnostic property: the <see cref="MigrationIssue"/> reported, for the code fix.</summary>
    internal const string IssueProperty = "Issue";

    /// <summary>Diagnostic property: the <see cref="Databases"/> the message was written for, for the code fix.</summary>
    internal const string DatabasesProperty = "Databases";

    /// <summary>The index annotation that makes Npgsql emit <c>CREATE INDEX CONCURRENTLY</c>.</summary>
    internal const string NpgsqlConcurrentAnnotation = "Npgsql:CreatedConcurrently";

    /// <summary>The index annotation that makes the SQL Server provider emit <c>WITH (ONLINE = ON)</c>.</summary>
    internal const string SqlServerOnlineAnnotation = "SqlServer:Online";

    /// <summary>PostgreSQL functions marked VOLATILE: a default calling one is evaluated per row, so the table is rewritten.</summary>
    private static readonly string[] s_postgresVolatileFunctions =
    {
        "random", "gen_random_uuid", "gen_random_bytes", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
        "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval",
    };

    /// <summary>SQL Server functions that are not runtime constants: a NOT NULL column defaulting to one is filled row by row.</summary>
    private static readonly string[] s_sqlServerVolatileFunctions = { "newid", "newsequentialid", "crypt_gen_random" };

    public PM0011UnsafeMigrationAnalyzer()
        : base(Descriptors.PM0011UnsafeMigration)
    {
    }

    /// <summary>Migrations are generated code (<c>// &lt;auto-generated /&gt;</c>): they are what this rule is about.</summary>
    private protected override bool AnalyzesGeneratedCode => true;

    private protected override bool AppliesTo(RuleContext context)
        => context.Symbols.EntityFramework is { Migration: not null, MigrationBuilder: not null };

    private protected override void Register(RuleContext context)
    {
        var ef = context.Symbols.EntityFramework;
        var up = FindUp(ef.Migration!, ef.MigrationBuilder!);
        if (up is null)
        {
            return;
        }

        var referenced = Databases.None;
        if (ef.NpgsqlProvider is not null)
        {
            referenced |= Databases.PostgreSql;
        }

        if (ef.SqlServerProvider is not null)
        {
            referenced |= Databases.SqlServer;
        }

        // A code-block action, not an operation-block one: the latter would build the operation trees of every method
        // in the compilation, including the huge BuildTargetModel methods of the Designer files (this rule analyzes
        // generated code), which costs several percent of the compile time on a project with many migrations. Only
        // the bodies of Migration.Up overrides are turned into operations.
        context.RegisterCodeBlockAction(c => AnalyzeMethod(c, context, up, ef, referenced));
    }

    /// <summary>The databases a tree's migrations run against: the option when it names one, else the referenced providers.</summary>
    internal static Databases ResolveDatabases(string? option, Databases referenced)
    {
        var value = option?.Trim();
        if (string.Equals(value, "postgresql", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value, "postgres", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value, "npgsql", StringComparison.OrdinalIgnoreCase))
        {
            return Databases.PostgreSql;
        }

        if (string.Equals(value, "sqlserver", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value, "mssql", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value, "azuresql", StringComparison.OrdinalIgnoreCase))
        {
            return Databases.SqlServer;
        }

        return referenced;
    }

    private static IMethodSymbol? FindUp(INamedTypeSymbol migration, INamedTypeSymbol migrationBuilder)
    {
        foreach (var member in migration.GetMembers("Up"))
        {
            if (member is IMethodSymbol { Parameters.Length: 1 } method
                && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, migrationBuilder))
            {
                return method;
            }
        }

        return null;
    }

    private static bool OverridesUp(IMethodSymbol method, IMethodSymbol up)
    {
        for (var current = method.OverriddenMethod; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, up))
            {
                return true;
            }
        }

        return false;
    }

    private void AnalyzeMethod(CodeBlockAnalysisContext context, RuleContext rule, IMethodSymbol up, EntityFrameworkSymbols ef, Databases referenced)
    {
        // The cheap test every method of the compilation goes through: only overrides of Migration.Up go further.
        if (context.OwningSymbol is not IMethodSymbol { IsOverride: true, Name: "Up", Parameters.Length: 1 } method
            || context.CodeBlock is not MethodDeclarationSyntax declaration
            || !OverridesUp(method, up)
            || context.SemanticModel.GetOperation(declaration, context.CancellationToken) is not { } body)
        {
            return;
        }

        var tree = declaration.SyntaxTree;
        if (rule.IsSuppressedFor(method, tree))
        {
            return;
        }

        // One walk: the tables this migration creates, and the operations to judge once all of them are known
        // (a foreign key between two new tables can come after both CreateTable calls).
        var created = new List<TableName>();
        var operations = new List<IInvocationOperation>();
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvalidOperation { Syntax: InvocationExpressionSyntax invalid })
            {
                // A CreateTable that does not bind (a column type being typed, a missing using) still creates its table:
                // read its name from the syntax so that the operations on that table are not taken for changes to a live one.
                if (CreatedTableName(invalid) is { } name)
                {
                    created.Add(new TableName(name, null));
                }

                continue;
            }

            if (operation is not IInvocationOperation invocation || !IsMigrationBuilderMethod(invocation.TargetMethod, ef.MigrationBuilder))
            {
                continue;
            }

            if (invocation.TargetMethod.Name == "CreateTable")
            {
                created.Add(new TableName(ConstantString(Argument(invocation, "name")), ConstantString(Argument(invocation, "schema"))));
            }
            else
            {
                operations.Add(invocation);
            }
        }

        if (operations.Count == 0)
        {
            return;
        }

        var databases = ResolveDatabases(rule.Options.GetRaw(OptionCatalog.PM0011Database, tree), referenced);
        foreach (var invocation in operations)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (Judge(invocation, created, databases, ef) is { } finding)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    invocation.Syntax.GetLocation(),
                    Properties(finding.Issue, databases),
                    finding.Subject,
                    MigrationMessages.Consequence(finding.Issue, databases),
                    MigrationMessages.SafeSequence(finding.Issue, databases, finding.Column)));
            }
        }
    }

    /// <summary>The literal <c>name</c> of an unbound <c>x.CreateTable(name: "T", ...)</c> (first argument when not named).</summary>
    private static string? CreatedTableName(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateTable" })
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        foreach (var argument in arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == "name")
            {
                return Literal(argument.Expression);
            }
        }

        return arguments.Count > 0 && arguments[0].NameColon is null ? Literal(arguments[0].Expression) : null;

        static string? Literal(ExpressionSyntax expression)
            => expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
    }

    private static bool IsMigrationBuilderMethod(IMethodSymbol method, INamedTypeSymbol? migrationBuilder)
        => !method.IsStatic && method.ContainingType.InheritsFromOrEquals(migrationBuilder);

    private static Finding? Judge(IInvocationOperation invocation, List<TableName> created, Databases databases, EntityFrameworkSymbols ef)
    {
        var name = invocation.TargetMethod.Name;
        var tableParameter = name == "RenameTable" ? "name" : "table";
        var table = ConstantString(Argument(invocation, tableParameter));
        if (table is null || IsCreated(created, table, ConstantString(Argument(invocation, "schema"))))
        {
            return null;
        }

        switch (name)
        {
            case "AddColumn":
                return JudgeAddColumn(invocation, table, databases);
            case "AlterColumn":
                return JudgeAlterColumn(invocation, table, databases);
            case "CreateIndex" when databases != Databases.None && !HasConcurrentAnnotation(invocation, databases, ef):
                return new Finding(MigrationIssue.CreateIndex, $"Creating index '{NameOrUnknown(invocation, "name")}' on existing table '{table}'", null);
            case "AddForeignKey" when databases != Databases.None:
                return new Finding(MigrationIssue.AddForeignKey, $"Adding foreign key '{NameOrUnknown(invocation, "name")}' to existing table '{table}'", null);
            case "RenameColumn":
                return new Finding(
                    MigrationIssue.RenameColumn,
                    $"Renaming column '{NameOrUnknown(invocation, "name")}' of existing table '{table}' to '{NameOrUnknown(invocation, "newName")}'",
                    null);
            case "RenameTable" when ConstantString(Argument(invocation, "newName")) is { } newName:
                return new Finding(MigrationIssue.RenameTable, $"Renaming existing table '{table}' to '{newName}'", null);
            case "DropColumn":
                return new Finding(MigrationIssue.DropColumn, $"Dropping column '{NameOrUnknown(invocation, "name")}' of existing table '{table}'", null);
            default:
                return null;
        }
    }

    private static Finding? JudgeAddColumn(IInvocationOperation invocation, string table, Databases databases)
    {
        var nullable = ConstantBool(Argument(invocation, "nullable"));
        var computed = Argument(invocation, "computedColumnSql");
        if (nullable is null || (computed is not null && !IsNullConstant(computed)))
        {
            // Nullability unknown, or a computed column: its cost depends on whether it is stored; not judged.
            return null;
        }

        var column = NameOrUnknown(invocation, "name");
        var defaultSql = Argument(invocation, "defaultValueSql");
        if (defaultSql is not null && !IsNullConstant(defaultSql))
        {
            if (ConstantString(defaultSql) is not { } sql || databases == Databases.None)
            {
                return null;
            }

            var volatileFunction = FindVolatileFunction(sql, out var isPostgresFunction);
            if (volatileFunction is null || (nullable.Value && !(isPostgresFunction && (databases & Databases.PostgreSql) != 0)))
            {
                // A non-volatile default is stored once in the catalog; a nullable column defaulting to NEWID() leaves
                // existing rows NULL on SQL Server. Neither touches the rows.
                return null;
            }

            return new Finding(
                MigrationIssue.AddColumnVolatileDefault,
                $"Adding column '{column}' with the volatile default '{sql.Trim()}' to existing table '{table}'",
                column);
        }

        if (nullable.Value || !IsNullConstant(Argument(invocation, "defaultValue")))
        {
            return null;
        }

        return new Finding(MigrationIssue.AddColumnWithoutDefault, $"Adding NOT NULL column '{column}' without a default to existing table '{table}'", column);
    }

    private static Finding? JudgeAlterColumn(IInvocationOperation invocation, string table, Databases databases)
    {
        if (databases == Databases.None)
        {
            return null;
        }

        var column = NameOrUnknown(invocation, "name");
        var typeArgument = Argument(invocation, "type");
        var oldTypeArgument = Argument(invocation, "oldType");
        var type = ConstantString(typeArgument);
        var oldType = ConstantString(oldTypeArgument);
        if (type is not null && oldType is not null)
        {
            if (StoreTypes.IsRewrite(oldType, type))
            {
                return new Finding(
                    MigrationIssue.AlterColumnType,
                    $"Changing the type of column '{column}' of existing table '{table}' from '{oldType}' to '{type}'",
                    column);
            }
        }
        else if (IsNullConstant(typeArgument) && IsNullConstant(oldTypeArgument)
            && invocation.TargetMethod.TypeArguments.Length == 1
            && Argument(invocation, "oldClrType")?.WithoutConversions() is ITypeOfOperation { TypeOperand: { } oldClrType })
        {
            var newClrType = invocation.TargetMethod.TypeArguments[0];
            if (newClrType.TypeKind != TypeKind.Error && oldClrType.TypeKind != TypeKind.Error
                && !SymbolEqualityComparer.Default.Equals(WithoutNullable(newClrType), WithoutNullable(oldClrType)))
            {
                return new Finding(
                    MigrationIssue.AlterColumnType,
                    $"Changing the type of column '{column}' of existing table '{table}' from '{oldClrType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' to '{newClrType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'",
                    column);
            }
        }

        if (ConstantBool(Argument(invocation, "nullable")) == false && ConstantBool(Argument(invocation, "oldNullable")) == true)
        {
            return new Finding(MigrationIssue.AlterColumnNotNull, $"Making column '{column}' of existing table '{table}' NOT NULL", column);
        }

        return null;
    }

    private static ITypeSymbol WithoutNullable(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
            ? nullable.TypeArguments[0]
            : type;

    /// <summary>
    /// <c>.Annotation("Npgsql:CreatedConcurrently", true)</c> or <c>.Annotation("SqlServer:Online", true)</c> chained on the
    /// call, for a database the migrations run against.
    /// </summary>
    private static bool HasConcurrentAnnotation(IInvocationOperation createIndex, Databases databases, EntityFrameworkSymbols ef)
    {
        IOperation current = createIndex;
        while (current.Parent is IInvocationOperation parent
            && parent.Instance is { } instance
            && ReferenceEquals(instance.WithoutConversions(), current)
            && parent.TargetMethod.ContainingType.OriginalDefinition.InheritsFromOrEquals(ef.OperationBuilder))
        {
            if (parent.TargetMethod.Name == "Annotation"
                && ConstantString(Argument(parent, "name")) is { } annotation
                && Argument(parent, "value")?.WithoutConversions().ConstantValue is { HasValue: true, Value: true })
            {
                if (((databases & Databases.PostgreSql) != 0 && annotation == NpgsqlConcurrentAnnotation)
                    || ((databases & Databases.SqlServer) != 0 && annotation == SqlServerOnlineAnnotation))
                {
                    return true;
                }
            }

            current = parent;
        }

        return false;
    }

    private static bool IsCreated(List<TableName> created, string table, string? schema)
    {
        foreach (var candidate in created)
        {
            // A schema that is not a constant (or not given) matches any schema: when unsure, the table counts as new.
            if (candidate.Name == table && (candidate.Schema is null || schema is null || candidate.Schema == schema))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first volatile function called in <paramref name="sql"/>, if any.</summary>
    internal static string? FindVolatileFunction(string sql, out bool isPostgresFunction)
    {
        isPostgresFunction = true;
        foreach (var function in s_postgresVolatileFunctions)
        {
            if (CallsFunction(sql, function))
            {
                return function;
            }
        }

        isPostgresFunction = false;
        foreach (var function in s_sqlServerVolatileFunctions)
        {
            if (CallsFunction(sql, function))
            {
                return function;
            }
        }

        return null;
    }

    private static bool CallsFunction(string sql, string function)
    {
        var start = 0;
        while (start < sql.Length)
        {
            var at = sql.IndexOf(function, start, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            var after = at + function.Length;
            var before = at == 0 ? ' ' : sql[at - 1];
            while (after < sql.Length && char.IsWhiteSpace(sql[after]))
            {
                after++;
            }

            if (!IsIdentifierChar(before) && after < sql.Length && sql[after] == '(')
            {
                return true;
            }

            start = at + function.Length;
        }

        return false;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '"';

    private static IOperation? Argument(IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static string? ConstantString(IOperation? operation)
        => operation?.WithoutConversions().ConstantValue is { HasValue: true, Value: string value } ? value : null;

    private static bool? ConstantBool(IOperation? operation)
        => operation?.WithoutConversions().ConstantValue is { HasValue: true, Value: bool value } ? value : null;

    /// <summary>Absent (no such parameter) or the constant null.</summary>
    private static bool IsNullConstant(IOperation? operation)
        => operation is null || operation.WithoutConversions().ConstantValue is { HasValue: true, Value: null };

    private static string NameOrUnknown(IInvocationOperation invocation, string parameterName)
        => ConstantString(Argument(invocation, parameterName)) ?? "?";

    private static ImmutableDictionary<string, string?> Properties(MigrationIssue issue, Databases databases)
        => ImmutableDictionary<string, string?>.Empty
            .Add(IssueProperty, issue.ToString())
            .Add(DatabasesProperty, ((int)databases).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private readonly struct TableName
    {
        public TableName(string? name, string? schema)
        {
            Name = name;
            Schema = schema;
        }

        public string? Name { get; }

        public string? Schema { get; }
    }

    private sealed class Finding
    {
        public Finding(MigrationIssue issue, string subject, string? column)
        {
            Issue = issue;
            Subject = subject;
            Column = column;
        }

        public MigrationIssue Issue { get; }

        public string Subject { get; }

        public string? Column { get; }
    }
}

/// <summary>The databases whose locking behaviour a migration message describes.</summary>
[Flags]
internal enum Databases
{
    /// <summary>Neither PostgreSQL nor SQL Server is referenced or configured: only the database-independent breaks are reported.</summary>
    None = 0,
    PostgreSql = 1,
    SqlServer = 2,
}

/// <summary>What PM0011 found; carried to the code fix in the diagnostic's properties.</summary>
internal enum MigrationIssue
{
    AddColumnWithoutDefault,
    AddColumnVolatileDefault,
    AlterColumnNotNull,
    AlterColumnType,
    CreateIndex,
    AddForeignKey,
    RenameColumn,
    RenameTable,
    DropColumn,
}

/// <summary>The lock taken and the safe sequence, for each issue and database.</summary>
internal static class MigrationMessages
{
    public static string Consequence(MigrationIssue issue, Databases databases)
    {
        switch (issue)
        {
            case MigrationIssue.AddColumnWithoutDefault:
                return "fails as soon as the table holds a row, and the deployment stops halfway";
            case MigrationIssue.RenameColumn:
            case MigrationIssue.RenameTable:
                return "takes only a brief exclusive lock, but the version of the application still running during the deployment keeps using the old name and fails";
            case MigrationIssue.DropColumn:
                return "takes only a brief exclusive lock, but the version of the application still running during the deployment still reads and writes the column and fails";
        }

        var postgres = issue switch
        {
            MigrationIssue.AddColumnVolatileDefault => "rewrites the whole table under an ACCESS EXCLUSIVE lock on PostgreSQL, blocking every read and write until it is done",
            MigrationIssue.AlterColumnNotNull => "holds an ACCESS EXCLUSIVE lock on PostgreSQL while it scans every row, blocking every read and write, and fails if a NULL is left",
            MigrationIssue.AlterColumnType => "rewrites the table and its indexes under an ACCESS EXCLUSIVE lock on PostgreSQL, blocking every read and write until it is done",
            MigrationIssue.CreateIndex => "takes a SHARE lock on PostgreSQL that blocks every INSERT, UPDATE and DELETE until the index is built",
            _ => "takes a SHARE ROW EXCLUSIVE lock on PostgreSQL on both tables while it checks every row, blocking writes to them until it is done",
        };
        var sqlServer = issue switch
        {
            MigrationIssue.AddColumnVolatileDefault => "writes every row under a schema modification (Sch-M) lock on SQL Server, blocking every read and write until it is done",
            MigrationIssue.AlterColumnNotNull => "holds a schema modification (Sch-M) lock on SQL Server while it checks every row, blocking every read and write, and fails if a NULL is left",
            MigrationIssue.AlterColumnType => "rewrites every row under a schema modification (Sch-M) lock on SQL Server, blocking every read and write until it is done",
            MigrationIssue.CreateIndex => "runs offline on SQL Server, blocking writes to the table until the index is built (and reads too for a clustered index)",
            _ => "takes a schema modification (Sch-M) lock on SQL Server while it checks every row, blocking every read and write until it is done",
        };

        return databases switch
        {
            Databases.PostgreSql => postgres,
            Databases.SqlServer => sqlServer,
            _ => postgres + "; on SQL Server it " + sqlServer.Replace(" on SQL Server", ""),
        };
    }

    public static string SafeSequence(MigrationIssue issue, Databases databases, string? column)
    {
        switch (issue)
        {
            case MigrationIssue.AddColumnWithoutDefault:
                return "add the column as nullable, backfill it in batches, then make it NOT NULL in a later migration";
            case MigrationIssue.AddColumnVolatileDefault:
                return "add the column as nullable without a default, set the default in a second step so only new rows get it, backfill existing rows in batches, then make it NOT NULL";
            case MigrationIssue.AlterColumnType:
                return "add a new column of the new type, write to both, backfill it in batches, switch reads to it, then drop the old column in a later release";
            case MigrationIssue.RenameColumn:
                return "add the new column, write to both, backfill it, switch reads, and drop the old column in a later release";
            case MigrationIssue.RenameTable:
                return "create the new table (or a view under the old name), move the code to it in one release, and drop the old name in a later release";
            case MigrationIssue.DropColumn:
                return "first release code that no longer uses the column (ignore it in the model), then drop it in a later migration";
        }

        var postgres = issue switch
        {
            MigrationIssue.AlterColumnNotNull => $"backfill NULLs in batches, add CHECK (\"{column}\" IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check",
            MigrationIssue.CreateIndex => $"create it concurrently: .Annotation(\"{PM0011UnsafeMigrationAnalyzer.NpgsqlConcurrentAnnotation}\", true) (IsCreatedConcurrently() on the index in the model)",
            _ => "add it NOT VALID with migrationBuilder.Sql, then VALIDATE CONSTRAINT in a separate migration, which lets writes through",
        };
        var sqlServer = issue switch
        {
            MigrationIssue.AlterColumnNotNull => "backfill NULLs in batches first, then alter the column WITH (ONLINE = ON) (Enterprise edition, Azure SQL) or in a maintenance window",
            MigrationIssue.CreateIndex => $"build it online: .Annotation(\"{PM0011UnsafeMigrationAnalyzer.SqlServerOnlineAnnotation}\", true) (IsCreatedOnline() on the index in the model; Enterprise edition, Azure SQL)",
            _ => "add it WITH NOCHECK with migrationBuilder.Sql, then validate it (WITH CHECK CHECK CONSTRAINT) at a quiet time",
        };

        return databases switch
        {
            Databases.PostgreSql => postgres,
            Databases.SqlServer => sqlServer,
            _ => "on PostgreSQL, " + postgres + "; on SQL Server, " + sqlServer,
        };
    }
}

/// <summary>Store type changes that leave the rows as they are.</summary>
internal static class StoreTypes
{
    /// <summary>True when changing <paramref name="oldType"/> to <paramref name="newType"/> rewrites or rechecks the rows.</summary>
    public static bool IsRewrite(string oldType, string newType)
    {
        var from = Parse(oldType);
        var to = Parse(newType);
        if (from.Base == to.Base && from.Arguments == to.Arguments)
        {
            return false;
        }

        // A longer varchar, nvarchar or varbinary keeps every row as it is, on both databases.
        if (from.Base == to.Base && IsVariableLength(from.Base) && from.Length is { } oldLength && to.Length is { } newLength)
        {
            return newLength < oldLength;
        }

        // PostgreSQL 12+: timestamp to timestamptz (and back) keeps the rows when the session time zone is UTC, the
        // default of the managed services; whether it is cannot be known here, so the change is not reported.
        if (IsTimestamp(from.Base) && IsTimestamp(to.Base))
        {
            return false;
        }

        // PostgreSQL: varchar(n) to text, or to varchar without a limit, only drops the check.
        if (from.Base == "varchar" && (to.Base == "text" || (to.Base == "varchar" && to.Arguments.Length == 0)))
        {
            return false;
        }

        return true;
    }

    private static bool IsTimestamp(string baseName)
        => baseName is "timestamp without time zone" or "timestamp with time zone" or "timestamptz" or "timestamp";

    private static bool IsVariableLength(string baseName) => baseName is "varchar" or "nvarchar" or "varbinary" or "varbit";

    private static (string Base, string Arguments, int? Length) Parse(string type)
    {
        var text = type.Trim().ToLowerInvariant();
        var open = text.IndexOf('(');
        var baseName = open < 0 ? text : text.Substring(0, open).Trim();
        var arguments = "";
        if (open >= 0)
        {
            var close = text.IndexOf(')', open);
            arguments = (close < 0 ? text.Substring(open + 1) : text.Substring(open + 1, close - open - 1)).Replace(" ", "");
        }

        baseName = baseName switch
        {
            "character varying" => "varchar",
            "bit varying" => "varbit",
            _ => baseName,
        };

        int? length = int.TryParse(arguments, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        return (baseName, arguments, length);
    }
}
