using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Postmortem.Analyzers.CodeFixes.Rules.Data;

/// <summary>
/// PM0009 fix "Save once after the loop": a <c>SaveChanges()</c> or <c>await SaveChangesAsync(...)</c> statement whose
/// result is unused and that is the last statement of a foreach or for body moves to just after the loop, unchanged
/// (await, ConfigureAwait and arguments kept). Offered only when the loop is a statement of a block, its body has other
/// statements and no break, continue, return, goto or yield that would skip or end the iterations differently, and
/// the call uses nothing declared inside the loop. Queries have no automatic fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0009RoundTripInLoopCodeFixProvider)), Shared]
public sealed class PM0009RoundTripInLoopCodeFixProvider : CodeFixProvider
{
    private const string Title = "Save once after the loop";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RoundTripInLoop);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation
                && Movable(invocation, model, context.CancellationToken) is { } move)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, c => MoveAsync(context.Document, move.Statement, move.Loop, c), EquivalenceKeys.PM0009MoveSaveChangesAfterLoop),
                    diagnostic);
            }
        }
    }

    private static (ExpressionStatementSyntax Statement, StatementSyntax Loop)? Movable(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Name: "SaveChanges" or "SaveChangesAsync" })
        {
            return null;
        }

        // The statement is the call itself, or 'await call', or 'await call.ConfigureAwait(false)'.
        SyntaxNode expression = invocation;
        if (expression.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member && member.Expression == expression
            && member.Parent is InvocationExpressionSyntax configureAwait)
        {
            expression = configureAwait;
        }

        if (expression.Parent is AwaitExpressionSyntax awaited)
        {
            expression = awaited;
        }

        if (expression.Parent is not ExpressionStatementSyntax statement
            || statement.Parent is not BlockSyntax body
            || body.Statements.Count < 2
            || body.Statements[body.Statements.Count - 1] != statement
            || body.Parent is not (ForEachStatementSyntax or ForStatementSyntax) || body.Parent is not StatementSyntax loop
            || loop.Parent is not BlockSyntax
            || JumpsOut(body))
        {
            return null;
        }

        foreach (var identifier in statement.DescendantNodes())
        {
            if (identifier is IdentifierNameSyntax name
                && model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol or IRangeVariableSymbol
                && DeclaredInside(model.GetSymbolInfo(name, cancellationToken).Symbol!, loop))
            {
                return null;
            }
        }

        return (statement, loop);
    }

    private static bool DeclaredInside(ISymbol symbol, SyntaxNode loop)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == loop.SyntaxTree && loop.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Any break, continue, return, goto or yield in the body (lambdas and local functions aside): the iterations would not all end at the save.</summary>
    private static bool JumpsOut(BlockSyntax body)
    {
        foreach (var node in body.DescendantNodes(descendIntoChildren: node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax or GotoStatementSyntax or YieldStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Document> MoveAsync(Document document, ExpressionStatementSyntax statement, StatementSyntax loop, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var moved = statement
            .WithLeadingTrivia(WithoutIndentation(statement.GetLeadingTrivia(), statement.GetTrailingTrivia()))
            .WithAdditionalAnnotations(Formatter.Annotation);
        editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
        editor.InsertAfter(loop, moved);
        return editor.GetChangedDocument();
    }

    /// <summary>The comments before the statement, without the whitespace that indented it inside the loop, after a blank line.</summary>
    private static SyntaxTriviaList WithoutIndentation(SyntaxTriviaList trivia, SyntaxTriviaList trailing)
    {
        var kept = SyntaxFactory.TriviaList();
        if ((trivia.Count == 0 || !trivia[0].IsKind(SyntaxKind.EndOfLineTrivia)) && trailing.Count > 0 && trailing[trailing.Count - 1].IsKind(SyntaxKind.EndOfLineTrivia))
        {
            kept = kept.Add(trailing[trailing.Count - 1]);
        }

        foreach (var item in trivia)
        {
            if (!item.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                kept = kept.Add(item);
            }
        }

        return kept;
    }
}
