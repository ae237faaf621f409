using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Postmortem.Analyzers.Rules.Data;

namespace Postmortem.Analyzers.CodeFixes.Rules.Data;

/// <summary>
/// PM0005 fix: move the external call to just after the statement that commits the transaction. Offered only where
/// the analyzer found that shape: the call is a statement of its own (its result is discarded, so nothing before the
/// commit uses it), the commit is a later statement of the same block, and no return, throw or jump lies between
/// them. Calls moved after the same commit keep their order (Fix All moves them together).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0005TransactionHeldAcrossExternalCallCodeFixProvider)), Shared]
public sealed class PM0005TransactionHeldAcrossExternalCallCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TransactionHeldAcrossExternalCall);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(Move(root, diagnostics));
        });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Find(root, diagnostic) is null)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Move the call after the commit",
                    ct => ApplyAsync(document, diagnostic, ct),
                    EquivalenceKeys.PM0005MoveAfterCommit),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(Move(root, ImmutableArray.Create(diagnostic)));
    }

    /// <summary>Moves every movable statement after its commit; statements moved after the same commit keep their order.</summary>
    private static SyntaxNode Move(SyntaxNode root, ImmutableArray<Diagnostic> diagnostics)
    {
        var moves = new Dictionary<StatementSyntax, List<StatementSyntax>>();
        foreach (var diagnostic in diagnostics)
        {
            if (Find(root, diagnostic) is not { } move)
            {
                continue;
            }

            if (!moves.TryGetValue(move.Commit, out var list))
            {
                moves[move.Commit] = list = new List<StatementSyntax>();
            }

            if (!list.Contains(move.Statement))
            {
                list.Add(move.Statement);
            }
        }

        if (moves.Count == 0)
        {
            return root;
        }

        var moved = moves.Values.SelectMany(list => list).ToList();
        var tracked = root.TrackNodes(moved.Concat(moves.Keys));
        foreach (var pair in moves)
        {
            var commit = tracked.GetCurrentNode(pair.Key)!;
            var statements = pair.Value.OrderBy(s => s.SpanStart).ToList();
            tracked = tracked.InsertNodesAfter(commit, statements);
            foreach (var statement in statements)
            {
                var current = tracked.GetCurrentNodes(statement).OrderBy(n => n.SpanStart).First();
                tracked = tracked.RemoveNode(current, SyntaxRemoveOptions.KeepNoTrivia)!;
            }
        }

        return tracked;
    }

    /// <summary>The statement to move and the commit statement it goes after, when the diagnostic carries them and they still stand as found.</summary>
    private static (StatementSyntax Statement, StatementSyntax Commit)? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        var statement = StatementAt(root, diagnostic, PM0005TransactionHeldAcrossExternalCallAnalyzer.MovedStatementProperty);
        var commit = StatementAt(root, diagnostic, PM0005TransactionHeldAcrossExternalCallAnalyzer.CommitStatementProperty);
        if (statement is null || commit is null || statement.Parent is not BlockSyntax block || !ReferenceEquals(commit.Parent, block) || commit.SpanStart <= statement.SpanStart)
        {
            return null;
        }

        return (statement, commit);
    }

    private static ExpressionStatementSyntax? StatementAt(SyntaxNode root, Diagnostic diagnostic, string property)
    {
        if (!diagnostic.Properties.TryGetValue(property, out var value) || value is null)
        {
            return null;
        }

        var parts = value.Split(',');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || start + length > root.FullSpan.End)
        {
            return null;
        }

        var node = root.FindNode(new TextSpan(start, length), getInnermostNodeForTie: true);
        return node as ExpressionStatementSyntax ?? node.Parent as ExpressionStatementSyntax;
    }
}
