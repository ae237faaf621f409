using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Postmortem.Analyzers.CodeFixes.Shared;

/// <summary>Adds <c>using</c> directives the way a developer would: once, at the top, in the order <c>dotnet format</c> keeps.</summary>
internal static class Usings
{
    /// <summary><paramref name="unit"/> with <c>using <paramref name="ns"/>;</c> among its usings, unless it is already there.</summary>
    public static CompilationUnitSyntax Add(CompilationUnitSyntax unit, string ns)
    {
        if (unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
        {
            return unit;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithTrailingTrivia(Trivia.EndOfLine(unit));
        var index = 0;
        while (index < unit.Usings.Count && Compare(unit.Usings[index].Name?.ToString() ?? "", ns) < 0)
        {
            index++;
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }

    /// <summary>System namespaces first, then ordinal: the order `dotnet format` keeps by default.</summary>
    private static int Compare(string x, string y)
    {
        var xSystem = x == "System" || x.StartsWith("System.", System.StringComparison.Ordinal);
        var ySystem = y == "System" || y.StartsWith("System.", System.StringComparison.Ordinal);
        return xSystem != ySystem ? (xSystem ? -1 : 1) : string.CompareOrdinal(x, y);
    }
}
