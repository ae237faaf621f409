using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Postmortem.Analyzers.CodeFixes.Shared;

/// <summary>Where an <c>await</c> can be written, in which style, and how to write it in place of an expression.</summary>
internal static class AwaitRewriting
{
    public static ExpressionSyntax Configure(ExpressionSyntax task, bool configureAwait)
    {
        task = task.WithoutTrivia();
        return configureAwait
            ? SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))))
            : task;
    }

    /// <summary>An await replacing <paramref name="expression"/> needs parentheses where it is the receiver of a postfix operation.</summary>
    public static bool NeedsParentheses(ExpressionSyntax expression) => expression.Parent switch
    {
        MemberAccessExpressionSyntax member => member.Expression == expression,
        ConditionalAccessExpressionSyntax conditional => conditional.Expression == expression,
        ElementAccessExpressionSyntax element => element.Expression == expression,
        InvocationExpressionSyntax invocation => invocation.Expression == expression,
        PostfixUnaryExpressionSyntax => true,
        _ => false,
    };

    /// <summary>The async function (or top-level statements) whose body holds <paramref name="node"/>, when an await is legal there.</summary>
    public static SyntaxNode? AwaitingFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax or QueryExpressionSyntax or CatchFilterClauseSyntax or UnsafeStatementSyntax or FixedStatementSyntax:
                    return null;

                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) && !InUnsafeMember(lambda) ? lambda : null;

                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword) && !local.Modifiers.Any(SyntaxKind.UnsafeKeyword) && !InUnsafeMember(local) ? local : null;

                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword) && !method.Modifiers.Any(SyntaxKind.UnsafeKeyword) && !InUnsafeMember(method) ? method : null;

                case GlobalStatementSyntax global:
                    return global;

                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static bool InUnsafeMember(SyntaxNode node)
        => node.Ancestors().OfType<MemberDeclarationSyntax>().Any(member => member.Modifiers.Any(SyntaxKind.UnsafeKeyword));

    /// <summary>True when the function already awaits with <c>ConfigureAwait(false)</c>: the new await follows suit.</summary>
    public static bool UsesConfigureAwaitFalse(SyntaxNode function)
        => function.DescendantNodes().OfType<AwaitExpressionSyntax>().Any(a =>
            a.Expression is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" },
                } invocation
            && invocation.ArgumentList.Arguments.Count == 1
            && invocation.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression));
}
