using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Postmortem.Analyzers.Rules.Caching;

namespace Postmortem.Analyzers.CodeFixes.Rules.Caching;

/// <summary>
/// PM0007 fix: prefix the key with the tenant value in scope (found by the analyzer). An interpolated key gets the tenant
/// as its first hole (<c>$"{tenantId}:product:{id}"</c>); any other string key becomes <c>$"{tenantId}:{key}"</c>.
/// Offered only for string keys (not tuples, records or RedisKey values) and not for raw string literals or keys that span lines.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PM0007CacheKeyWithoutTenantCodeFixProvider)), Shared]
public sealed class PM0007CacheKeyWithoutTenantCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CacheKeyWithoutTenant);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(PM0007CacheKeyWithoutTenantAnalyzer.TenantValueProperty, out var tenant) || tenant is null
                || diagnostic.AdditionalLocations.Count == 0
                || KeyAt(root, diagnostic.AdditionalLocations[0]) is not { } key
                || Rewrite(key, tenant) is null)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Prefix the cache key with '" + tenant + "'",
                    ct => ApplyAsync(document, key, tenant, ct),
                    EquivalenceKeys.PM0007PrefixTenant),
                diagnostic);
        }
    }

    private static ExpressionSyntax? KeyAt(SyntaxNode root, Location location)
    {
        if (!location.IsInSource || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        return root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) switch
        {
            ArgumentSyntax argument => argument.Expression,
            ExpressionSyntax expression => expression,
            _ => null,
        };
    }

    private static async Task<Document> ApplyAsync(Document document, ExpressionSyntax key, string tenant, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var replacement = Rewrite(key, tenant);
        return root is null || replacement is null ? document : document.WithSyntaxRoot(root.ReplaceNode(key, replacement));
    }

    /// <summary>The key with the tenant in front, or null for shapes the fix does not rewrite.</summary>
    private static InterpolatedStringExpressionSyntax? Rewrite(ExpressionSyntax key, string tenant)
    {
        var tenantExpression = SyntaxFactory.ParseExpression(tenant);
        if (tenantExpression.ContainsDiagnostics || key.ToString().IndexOf('\n') >= 0)
        {
            return null;
        }

        var hole = SyntaxFactory.Interpolation(tenantExpression);
        if (key is InterpolatedStringExpressionSyntax interpolated)
        {
            if (!interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken)
                && !interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken))
            {
                return null;
            }

            var contents = interpolated.Contents;
            if (contents.Count > 0 && contents[0] is InterpolatedStringTextSyntax first)
            {
                contents = contents.Replace(first, first.WithTextToken(Text(":" + first.TextToken.Text)));
                return interpolated.WithContents(contents.Insert(0, hole));
            }

            return interpolated.WithContents(contents.InsertRange(0, new InterpolatedStringContentSyntax[] { hole, SyntaxFactory.InterpolatedStringText(Text(":")) }));
        }

        if (key is LiteralExpressionSyntax { Token.Text: var literal } && literal.StartsWith("\"\"\"", System.StringComparison.Ordinal))
        {
            return null;
        }

        var inner = key.WithoutTrivia();
        if (inner is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or LiteralExpressionSyntax or InterpolatedStringExpressionSyntax or ThisExpressionSyntax))
        {
            inner = SyntaxFactory.ParenthesizedExpression(inner);
        }

        return SyntaxFactory.InterpolatedStringExpression(
                SyntaxFactory.Token(SyntaxKind.InterpolatedStringStartToken),
                SyntaxFactory.List(new InterpolatedStringContentSyntax[]
                {
                    hole,
                    SyntaxFactory.InterpolatedStringText(Text(":")),
                    SyntaxFactory.Interpolation(inner),
                }))
            .WithTriviaFrom(key);
    }

    private static SyntaxToken Text(string text)
        => SyntaxFactory.Token(default, SyntaxKind.InterpolatedStringTextToken, text, text, default);
}
