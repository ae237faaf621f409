using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Postmortem.Analyzers.CodeFixes.Shared;

namespace Postmortem.Analyzers.CodeFixes.Rules.Async;

/// <summary>
/// PM0002 fix: await the task instead of waiting on it. <c>t.Result</c>, <c>t.Wait()</c> and
/// <c>t.GetAwaiter().GetResult()</c> become <c>await t</c>; <c>Task.WaitAll(...)</c> becomes
/// <c>await Task.WhenAll(...)</c>, and <c>Task.WaitAny(...)</c> whose index is unused becomes
/// <c>await Task.WhenAny(...)</c>. Offered only where <c>await</c> is legal as the code stands: in an
/// <c>async</c> method, lambda or local function (or top-level statements), outside <c>lock</c> bodies, query
/// expressions, catch filters and unsafe code. When the function already awaits with
/// <c>ConfigureAwait(false)</c>, the new await does too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0002SyncWaitInAsyncPathCodeFixProvider)), Shared]
public sealed class PM0002SyncWaitInAsyncPathCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncWaitInAsyncPath);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is not ExpressionSyntax expression || Rewrite(expression, model, context.CancellationToken) is null)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    expression is InvocationExpressionSyntax { Expression: var target } && NameOf(target) is "WaitAll" or "WaitAny"
                        ? "Await Task." + (NameOf(target) == "WaitAll" ? "WhenAll" : "WhenAny")
                        : "Await the task",
                    ct => ApplyAsync(document, expression, ct),
                    EquivalenceKeys.PM0002Await),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var replacement = model is null ? null : Rewrite(expression, model, cancellationToken);
        return root is null || replacement is null ? document : document.WithSyntaxRoot(root.ReplaceNode(expression, replacement));
    }

    /// <summary>The awaiting form of the flagged wait, or null when no safe rewrite exists for its shape or place.</summary>
    private static ExpressionSyntax? Rewrite(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (AwaitRewriting.AwaitingFunction(expression) is not { } function)
        {
            return null;
        }

        var configureAwait = AwaitRewriting.UsesConfigureAwaitFalse(function);
        ExpressionSyntax? awaited;
        switch (expression)
        {
            // t.Result
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access:
                awaited = AwaitRewriting.Configure(access.Expression, configureAwait);
                break;

            // t.Wait()
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait, ArgumentList.Arguments.Count: 0 }:
                awaited = AwaitRewriting.Configure(wait.Expression, configureAwait);
                break;

            // t.GetAwaiter().GetResult(), t.ConfigureAwait(false).GetAwaiter().GetResult()
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter, ArgumentList.Arguments.Count: 0 },
                },
                ArgumentList.Arguments.Count: 0,
            }:
                awaited = IsConfigured(getAwaiter.Expression) ? getAwaiter.Expression.WithoutTrivia() : AwaitRewriting.Configure(getAwaiter.Expression, configureAwait);
                break;

            // Task.WaitAll(a, b), Task.WaitAny(a, b) whose index is unused
            case InvocationExpressionSyntax { Expression: var target } invocation when NameOf(target) is "WaitAll" or "WaitAny":
                if (NameOf(target) == "WaitAny" && invocation.Parent is not ExpressionStatementSyntax)
                {
                    return null;
                }

                // Only the overload that takes the tasks alone: those with a timeout or a token have no counterpart of the same meaning.
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: 1 })
                {
                    return null;
                }

                var whenName = NameOf(target) == "WaitAll" ? "WhenAll" : "WhenAny";
                var renamed = target switch
                {
                    MemberAccessExpressionSyntax member => (ExpressionSyntax)member.WithName(SyntaxFactory.IdentifierName(whenName).WithTriviaFrom(member.Name)),
                    IdentifierNameSyntax name => SyntaxFactory.IdentifierName(whenName).WithTriviaFrom(name),
                    _ => null,
                };
                if (renamed is null)
                {
                    return null;
                }

                awaited = AwaitRewriting.Configure(invocation.WithExpression(renamed), configureAwait);
                break;

            default:
                return null;
        }

        ExpressionSyntax result = SyntaxFactory.AwaitExpression(awaited.WithoutTrivia());
        if (AwaitRewriting.NeedsParentheses(expression))
        {
            result = SyntaxFactory.ParenthesizedExpression(result);
        }

        return result.WithTriviaFrom(expression);
    }

    private static string? NameOf(ExpressionSyntax target) => target switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsConfigured(ExpressionSyntax expression)
        => expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } };
}
