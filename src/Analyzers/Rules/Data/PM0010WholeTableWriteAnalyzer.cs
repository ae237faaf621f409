using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Data;

/// <summary>
/// PM0010: an UPDATE or DELETE of every row of a table. EF Core's ExecuteUpdate/ExecuteDelete over a DbSet whose chain
/// keeps every row (AsNoTracking, Include, OrderBy, TagWith, IgnoreQueryFilters...; anything else — Where, Take, Skip, a
/// join, an unknown operator, a parameter — counts as a filter); and constant SQL text (<see cref="SqlText"/>) given to
/// ExecuteSql*, Dapper's Execute, a command's CommandText or a command's constructor. Constant means a literal, constant
/// concatenation or interpolation, a const, a readonly field initialized with a literal, or a local initialized with
/// one of those and never assigned again; the holes of an interpolated string passed as a FormattableString
/// (ExecuteSql, ExecuteSqlInterpolated) are parameters, so its text is known too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0010WholeTableWriteAnalyzer : PostmortemAnalyzer
{
    private const int MaxDepth = 8;

    public PM0010WholeTableWriteAnalyzer()
        : base(Descriptors.PM0010WholeTableWrite)
    {
    }

    private protected override bool AppliesTo(RuleContext context) => context.Symbols.DatabaseCalls.AnyDatabaseLibrary;

    private protected override void Register(RuleContext context)
    {
        var symbols = context.Symbols;
        if (symbols.EntityFramework.RelationalQueryableExtensions is not null || symbols.EntityFramework.RelationalDatabaseFacadeExtensions is not null
            || symbols.Blocking.DapperSqlMapper is not null)
        {
            context.RegisterOperationAction(c => AnalyzeInvocation(c, context), OperationKind.Invocation);
        }

        if (symbols.Blocking.DbCommand is not null || symbols.Blocking.DbCommandInterface is not null)
        {
            context.RegisterOperationAction(c => AnalyzeCommandText(c, context), OperationKind.SimpleAssignment);
            context.RegisterOperationAction(c => AnalyzeCommandCreation(c, context), OperationKind.ObjectCreation);
        }
    }

    private void AnalyzeInvocation(OperationAnalysisContext context, RuleContext rule)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null || !method.Name.StartsWith("Execute", StringComparison.Ordinal))
        {
            return;
        }

        var ef = rule.Symbols.EntityFramework;
        if (Is(type, ef.RelationalQueryableExtensions) || Is(type, ef.QueryableExtensions))
        {
            var deletes = method.Name is "ExecuteDelete" or "ExecuteDeleteAsync";
            if ((deletes || method.Name is "ExecuteUpdate" or "ExecuteUpdateAsync") && invocation.Arguments.Length > 0
                && WholeSet(invocation.Arguments[0].Value, rule.Symbols, MaxDepth) is { } set)
            {
                Report(context, rule, invocation, "'" + method.Name + "'", deletes ? "deletes" : "updates", set);
            }

            return;
        }

        var sqlApi = (Is(type, ef.RelationalDatabaseFacadeExtensions) && method.Name.StartsWith("ExecuteSql", StringComparison.Ordinal))
            || (Is(type, rule.Symbols.Blocking.DapperSqlMapper) && method.Name is "Execute" or "ExecuteAsync");
        if (!sqlApi)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Name: "sql" } parameter)
            {
                var parameterized = parameter.Type.SpecialType != SpecialType.System_String;
                ReportSql(context, rule, invocation, argument.Value, parameterized, "The SQL passed to '" + method.Name + "'");
                return;
            }
        }
    }

    private void AnalyzeCommandText(OperationAnalysisContext context, RuleContext rule)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "CommandText" } property } && IsCommand(property.ContainingType, rule.Symbols.Blocking))
        {
            ReportSql(context, rule, assignment, assignment.Value, parameterized: false, "The SQL assigned to 'CommandText'");
        }
    }

    /// <summary><c>new SqlCommand("DELETE FROM Orders", connection)</c>: the constructor sets CommandText.</summary>
    private void AnalyzeCommandCreation(OperationAnalysisContext context, RuleContext rule)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Arguments.IsEmpty || creation.Type is not INamedTypeSymbol type || !type.InheritsFromOrEquals(rule.Symbols.Blocking.DbCommand))
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 0, Type.SpecialType: SpecialType.System_String })
            {
                ReportSql(context, rule, creation, argument.Value, parameterized: false, "The SQL given to '" + type.Name + "'");
                return;
            }
        }
    }

    private void ReportSql(OperationAnalysisContext context, RuleContext rule, IOperation reported, IOperation value, bool parameterized, string subject)
    {
        var builder = new StringBuilder();
        if (!AppendSql(builder, value, parameterized, MaxDepth) || SqlText.FindUnfilteredWrite(builder.ToString()) is not { } write)
        {
            return;
        }

        Report(context, rule, reported, subject, write.Verb == "DELETE" ? "deletes" : "updates", write.Table);
    }

    private void Report(OperationAnalysisContext context, RuleContext rule, IOperation reported, string subject, string verb, string table)
    {
        var tree = reported.Syntax.SyntaxTree;
        if (rule.IsSuppressedFor(context.ContainingSymbol, tree) || ExpressionTrees.IsInExpressionTree(reported, rule.Symbols.Core))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, reported.Syntax.GetLocation(), subject, verb, table));
    }

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? known) => known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    private static bool IsCommand(INamedTypeSymbol? type, BlockingSymbols symbols)
        => type.InheritsFromOrEquals(symbols.DbCommand) || type.Implements(symbols.DbCommandInterface);

    /// <summary>
    /// The name of the DbSet that <paramref name="query"/> reaches through operators that keep every row, or null when
    /// anything in the chain may filter (or cannot be seen).
    /// </summary>
    private static string? WholeSet(IOperation query, KnownSymbols symbols, int depth)
    {
        if (depth < 0)
        {
            return null;
        }

        query = query.WithoutConversions();
        var ef = symbols.EntityFramework;
        if (query.Type.InheritsFromOrEquals(ef.DbSet))
        {
            if (query is IPropertyReferenceOperation property)
            {
                return property.Property.Name;
            }

            return query.Type is INamedTypeSymbol { TypeArguments.Length: 1 } set ? set.TypeArguments[0].Name : query.Type!.Name;
        }

        switch (query)
        {
            case IInvocationOperation invocation when invocation.Arguments.Length > 0 && KeepsEveryRow(invocation.TargetMethod, symbols):
                return WholeSet(invocation.Arguments[0].Value, symbols, depth - 1);
            case ILocalReferenceOperation local when IsNeverReassigned(local.Local) && local.InitializerOf() is { } initializer:
                return WholeSet(initializer, symbols, depth - 1);
            default:
                return null;
        }
    }

    private static bool KeepsEveryRow(IMethodSymbol method, KnownSymbols symbols)
    {
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return false;
        }

        var ef = symbols.EntityFramework;
        if (!Is(type, symbols.Blocking.Queryable) && !Is(type, ef.QueryableExtensions) && !Is(type, ef.RelationalQueryableExtensions))
        {
            return false;
        }

        return method.Name is "AsQueryable" or "AsNoTracking" or "AsNoTrackingWithIdentityResolution" or "AsTracking" or "Include" or "ThenInclude"
            or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "IgnoreQueryFilters" or "IgnoreAutoIncludes"
            or "TagWith" or "TagWithCallSite" or "AsSplitQuery" or "AsSingleQuery";
    }

    /// <summary>Appends the text of a constant SQL expression; false when any part of it is not known at compile time.</summary>
    private static bool AppendSql(StringBuilder builder, IOperation value, bool parameterized, int depth)
    {
        if (depth < 0)
        {
            return false;
        }

        value = value.WithoutConversions();
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            builder.Append(text);
            return true;
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string literal } }:
                            builder.Append(literal);
                            break;
                        case IInterpolationOperation when parameterized:
                            // ExecuteSql($"... {value} ...") sends every hole as a parameter.
                            builder.Append("@p");
                            break;
                        case IInterpolationOperation { Expression.ConstantValue: { HasValue: true, Value: { } constant } }:
                            builder.Append(Convert.ToString(constant, CultureInfo.InvariantCulture));
                            break;
                        case IInterpolationOperation hole:
                            if (!AppendSql(builder, hole.Expression, parameterized: false, depth - 1))
                            {
                                return false;
                            }

                            break;
                        default:
                            return false;
                    }
                }

                return true;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                return AppendSql(builder, concatenation.LeftOperand, parameterized, depth - 1)
                    && AppendSql(builder, concatenation.RightOperand, parameterized, depth - 1);

            case ILocalReferenceOperation local when IsNeverReassigned(local.Local) && local.InitializerOf() is { } initializer:
                return AppendSql(builder, initializer, parameterized, depth - 1);

            case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when LiteralInitializer(field) is { } literal:
                builder.Append(literal);
                return true;

            default:
                return false;
        }
    }

    /// <summary>The string literal a readonly field is initialized with (read from syntax, so any file of the compilation works).</summary>
    private static string? LiteralInitializer(IFieldSymbol field)
    {
        var references = field.DeclaringSyntaxReferences;
        return references.Length == 1
            && references[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
            && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal.Token.ValueText
            : null;
    }

    /// <summary>
    /// True when nothing in the local's scope assigns it again, passes it by ref or out, or increments it (by name, so a
    /// shadowing lambda parameter with the same name counts as an assignment: the answer errs towards silence).
    /// </summary>
    private static bool IsNeverReassigned(ILocalSymbol local)
    {
        if (local.IsConst)
        {
            return true;
        }

        var references = local.DeclaringSyntaxReferences;
        if (references.Length != 1 || references[0].GetSyntax() is not VariableDeclaratorSyntax declarator)
        {
            return false;
        }

        var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<CompilationUnitSyntax>();
        if (scope is null)
        {
            return false;
        }

        var name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == identifier:
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                case PrefixUnaryExpressionSyntax:
                case PostfixUnaryExpressionSyntax:
                    return false;
            }
        }

        return true;
    }
}
