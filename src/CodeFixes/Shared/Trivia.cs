using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Postmortem.Analyzers.CodeFixes.Shared;

internal static class Trivia
{
    /// <summary>An elastic end of line in the style the document already uses (LF or CRLF).</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode anyNodeOfDocument)
    {
        var root = anyNodeOfDocument.SyntaxTree.GetRoot();
        var existing = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return SyntaxFactory.ElasticEndOfLine(existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing.ToString() : "\n");
    }
}
