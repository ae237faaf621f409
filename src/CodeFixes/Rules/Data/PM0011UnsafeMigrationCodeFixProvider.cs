using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Postmortem.Analyzers.CodeFixes.Shared;
using Postmortem.Analyzers.Rules.Data;

namespace Postmortem.Analyzers.CodeFixes.Rules.Data;

/// <summary>
/// PM0011 fixes. For <c>CreateIndex</c>: chain the provider's annotation that builds the index without blocking
/// writes (<c>Npgsql:CreatedConcurrently</c> or <c>SqlServer:Online</c>); offered for each database the
/// migrations run against, and not when the call already carries that annotation (EF Core rejects a duplicate).
/// For <c>AddColumn</c> of a NOT NULL column without a default: add it as nullable.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0011UnsafeMigrationCodeFixProvider)), Shared]
public sealed class PM0011UnsafeMigrationCodeFixProvider : CodeFixProvider
{
    private const int NullableParameterPosition = 7;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnsafeMigration);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Find(root, diagnostic) is not { } invocation)
            {
                continue;
            }

            var diagnostics = ImmutableArray.Create(diagnostic);
            foreach (var key in KeysFor(diagnostic, invocation))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title(key), ct => ApplyAsync(context.Document, diagnostics, key, ct), key),
                    diagnostic);
            }
        }
    }

    private static string Title(string key) => key switch
    {
        EquivalenceKeys.PM0011CreateIndexConcurrently => "Create the index concurrently (PostgreSQL)",
        EquivalenceKeys.PM0011CreateIndexOnline => "Build the index online (SQL Server)",
        _ => "Add the column as nullable",
    };

    /// <summary>The fixes that are safe for this diagnostic, by equivalence key.</summary>
    private static ImmutableArray<string> KeysFor(Diagnostic diagnostic, InvocationExpressionSyntax invocation)
    {
        if (!diagnostic.Properties.TryGetValue(PM0011UnsafeMigrationAnalyzer.IssueProperty, out var issueText)
            || !System.Enum.TryParse<MigrationIssue>(issueText, out var issue))
        {
            return ImmutableArray<string>.Empty;
        }

        var databases = Databases.None;
        if (diagnostic.Properties.TryGetValue(PM0011UnsafeMigrationAnalyzer.DatabasesProperty, out var databasesText)
            && int.TryParse(databasesText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            databases = (Databases)value;
        }

        var keys = ImmutableArray.CreateBuilder<string>();
        if (issue == MigrationIssue.CreateIndex)
        {
            if ((databases & Databases.PostgreSql) != 0 && !HasAnnotation(invocation, PM0011UnsafeMigrationAnalyzer.NpgsqlConcurrentAnnotation))
            {
                keys.Add(EquivalenceKeys.PM0011CreateIndexConcurrently);
            }

            if ((databases & Databases.SqlServer) != 0 && !HasAnnotation(invocation, PM0011UnsafeMigrationAnalyzer.SqlServerOnlineAnnotation))
            {
                keys.Add(EquivalenceKeys.PM0011CreateIndexOnline);
            }
        }
        else if (issue == MigrationIssue.AddColumnWithoutDefault && CanMakeNullable(invocation))
        {
            keys.Add(EquivalenceKeys.PM0011AddColumnNullable);
        }

        return keys.ToImmutable();
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (Find(editor.OriginalRoot, diagnostic) is not { } invocation)
            {
                continue;
            }

            var keys = KeysFor(diagnostic, invocation);

            // Without a chosen action (command-line fixers), only a diagnostic with a single possible fix is fixed.
            var key = equivalenceKey ?? (keys.Length == 1 ? keys[0] : null);
            if (key is null || !keys.Contains(key))
            {
                continue;
            }

            switch (key)
            {
                case EquivalenceKeys.PM0011CreateIndexConcurrently:
                    editor.ReplaceNode(invocation, AddAnnotation(invocation, PM0011UnsafeMigrationAnalyzer.NpgsqlConcurrentAnnotation));
                    break;
                case EquivalenceKeys.PM0011CreateIndexOnline:
                    editor.ReplaceNode(invocation, AddAnnotation(invocation, PM0011UnsafeMigrationAnalyzer.SqlServerOnlineAnnotation));
                    break;
                case EquivalenceKeys.PM0011AddColumnNullable:
                    MakeNullable(editor, invocation);
                    break;
            }
        }

        return editor.GetChangedDocument();
    }

    private static InvocationExpressionSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        for (; node is not null && node.Span == span; node = node.Parent)
        {
            if (node is InvocationExpressionSyntax invocation)
            {
                return invocation;
            }
        }

        return null;
    }

    /// <summary>Whether an <c>.Annotation("name", ...)</c> is already chained on the call, whatever its value.</summary>
    private static bool HasAnnotation(InvocationExpressionSyntax invocation, string name)
    {
        ExpressionSyntax current = invocation;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax chained)
        {
            if (access.Name.Identifier.ValueText == "Annotation"
                && chained.ArgumentList.Arguments.Count > 0
                && chained.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { Token.ValueText: var text }
                && text == name)
            {
                return true;
            }

            current = chained;
        }

        return false;
    }

    /// <summary><c>call</c> becomes <c>call\n    .Annotation("name", true)</c>, the layout EF Core generates.</summary>
    private static InvocationExpressionSyntax AddAnnotation(InvocationExpressionSyntax invocation, string name)
    {
        var indentation = IndentationOf(invocation) + "    ";
        var dot = SyntaxFactory.Token(SyntaxKind.DotToken)
            .WithLeadingTrivia(Trivia.EndOfLine(invocation), SyntaxFactory.Whitespace(indentation));
        var access = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            invocation.WithoutTrailingTrivia(),
            dot,
            SyntaxFactory.IdentifierName("Annotation"));
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
        {
            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))),
            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)).WithLeadingTrivia(SyntaxFactory.Space),
        }));
        return SyntaxFactory.InvocationExpression(access, arguments).WithTrailingTrivia(invocation.GetTrailingTrivia());
    }

    /// <summary>The whitespace before the first token of the line the call starts on.</summary>
    private static string IndentationOf(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText();
        var line = text.Lines.GetLineFromPosition(node.SpanStart);
        var start = line.Start;
        var end = start;
        while (end < line.End && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(start, end - start));
    }

    /// <summary>
    /// The fix is offered when <c>nullable</c> is passed as the literal <c>false</c> by name, or is not passed and can be
    /// appended by name.
    /// </summary>
    private static bool CanMakeNullable(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var positional = 0;
        foreach (var argument in arguments)
        {
            if (argument.NameColon is null)
            {
                positional++;
                continue;
            }

            if (argument.NameColon.Name.Identifier.ValueText == "nullable")
            {
                return argument.Expression.IsKind(SyntaxKind.FalseLiteralExpression);
            }
        }

        // Enough positional arguments to reach the nullable parameter: its value is not a named literal, leave it alone.
        return positional <= NullableParameterPosition;
    }

    private static void MakeNullable(DocumentEditor editor, InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        foreach (var argument in arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == "nullable")
            {
                editor.ReplaceNode(
                    argument.Expression,
                    SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(argument.Expression));
                return;
            }
        }

        // Appended by name, one argument per line when the call is laid out that way.
        var separators = arguments.GetSeparators().ToList();
        var multiline = separators.Count > 0 && separators[separators.Count - 1].TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
        var last = arguments.Count > 0 ? arguments[arguments.Count - 1] : null;
        var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiline ? Trivia.EndOfLine(invocation) : SyntaxFactory.Space);
        var added = SyntaxFactory.Argument(
                SyntaxFactory.NameColon(SyntaxFactory.IdentifierName("nullable")),
                default,
                SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression))
            .WithLeadingTrivia(multiline && last is not null ? last.GetLeadingTrivia() : default);
        var nodes = arguments.ToList();
        if (last is not null)
        {
            nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
            separators.Add(comma);
        }

        nodes.Add(added.WithTrailingTrivia(last?.GetTrailingTrivia() ?? default));
        editor.ReplaceNode(invocation.ArgumentList, invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(nodes, separators)));
    }
}
