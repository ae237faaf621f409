using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Postmortem.Analyzers.CodeFixes.Shared;

/// <summary>
/// Drops the disposal of a local whose value is no longer owned by the method: removes <c>x.Dispose();</c>,
/// turns <c>using var x = ...;</c> into <c>var x = ...;</c>, and unwraps <c>using (var x = ...) { ... }</c>
/// into the enclosing block when no name would clash (a plain block otherwise).
/// </summary>
internal static class DisposalRemover
{
    public static void Apply(DocumentEditor editor, CreatedValueUsage usage)
    {
        foreach (var dispose in usage.DisposeStatements)
        {
            // Keep a comment written above the call; drop the now-empty line otherwise.
            var keepComments = dispose.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));
            editor.RemoveNode(dispose, keepComments ? SyntaxRemoveOptions.KeepLeadingTrivia : SyntaxRemoveOptions.KeepNoTrivia);
        }

        switch (usage.DeclaringStatement)
        {
            case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } local:
                editor.ReplaceNode(local, (current, _) => RemoveUsingKeyword((LocalDeclarationStatementSyntax)current));
                break;

            case UsingStatementSyntax usingStatement:
                UnwrapUsingStatement(editor, usingStatement);
                break;
        }
    }

    private static LocalDeclarationStatementSyntax RemoveUsingKeyword(LocalDeclarationStatementSyntax local)
    {
        var leading = local.UsingKeyword.LeadingTrivia;
        var withoutUsing = local.WithUsingKeyword(default);
        if (withoutUsing.AwaitKeyword.RawKind != 0)
        {
            withoutUsing = withoutUsing.WithAwaitKeyword(default);
        }

        return withoutUsing.WithLeadingTrivia(leading);
    }

    private static void UnwrapUsingStatement(DocumentEditor editor, UsingStatementSyntax usingStatement)
    {
        var canSplice = usingStatement.Parent is BlockSyntax parentBlock
            && usingStatement.Statement is BlockSyntax body
            && !DeclaresClashingNames(parentBlock, usingStatement, body);

        editor.ReplaceNode(usingStatement, (current, _) =>
        {
            var currentUsing = (UsingStatementSyntax)current;
            var declaration = SyntaxFactory.LocalDeclarationStatement(currentUsing.Declaration!.WithoutTrivia())
                .WithLeadingTrivia(currentUsing.GetLeadingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            var statements = new List<StatementSyntax> { declaration };
            if (currentUsing.Statement is BlockSyntax block)
            {
                statements.AddRange(block.Statements);
            }
            else
            {
                statements.Add(currentUsing.Statement);
            }

            var replacement = SyntaxFactory.Block(statements).WithTrailingTrivia(currentUsing.GetTrailingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
            return canSplice ? replacement.WithAdditionalAnnotations(s_spliceAnnotation) : replacement;
        });

        if (canSplice)
        {
            editor.ReplaceNode(usingStatement.Parent!, (current, _) => SpliceMarkedBlocks((BlockSyntax)current));
        }
    }

    private static readonly SyntaxAnnotation s_spliceAnnotation = new("Postmortem.SpliceBlock");

    private static BlockSyntax SpliceMarkedBlocks(BlockSyntax block)
    {
        var statements = new List<StatementSyntax>();
        foreach (var statement in block.Statements)
        {
            if (statement is BlockSyntax inner && inner.HasAnnotation(s_spliceAnnotation))
            {
                statements.AddRange(inner.Statements);
            }
            else
            {
                statements.Add(statement);
            }
        }

        return block.WithStatements(SyntaxFactory.List(statements)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static bool DeclaresClashingNames(BlockSyntax parentBlock, UsingStatementSyntax usingStatement, BlockSyntax body)
    {
        var inner = new HashSet<string>(DeclaredNames(usingStatement.Declaration!).Concat(body.Statements.SelectMany(DeclaredNames)));
        foreach (var sibling in parentBlock.Statements)
        {
            if (sibling == usingStatement)
            {
                continue;
            }

            foreach (var name in DeclaredNamesDeep(sibling))
            {
                if (inner.Contains(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> DeclaredNames(SyntaxNode node) => node switch
    {
        VariableDeclarationSyntax declaration => declaration.Variables.Select(v => v.Identifier.ValueText),
        LocalDeclarationStatementSyntax local => local.Declaration.Variables.Select(v => v.Identifier.ValueText),
        LocalFunctionStatementSyntax function => new[] { function.Identifier.ValueText },
        _ => node.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BlockSyntax))
            .OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.ValueText),
    };

    private static IEnumerable<string> DeclaredNamesDeep(SyntaxNode node)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            switch (descendant)
            {
                case VariableDeclaratorSyntax variable:
                    yield return variable.Identifier.ValueText;
                    break;
                case SingleVariableDesignationSyntax designation:
                    yield return designation.Identifier.ValueText;
                    break;
                case ForEachStatementSyntax forEach:
                    yield return forEach.Identifier.ValueText;
                    break;
                case LocalFunctionStatementSyntax function:
                    yield return function.Identifier.ValueText;
                    break;
                case CatchDeclarationSyntax { Identifier.RawKind: not 0 } catchDeclaration:
                    yield return catchDeclaration.Identifier.ValueText;
                    break;
            }
        }
    }
}
