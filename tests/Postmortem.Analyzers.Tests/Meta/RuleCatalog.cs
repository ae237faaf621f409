using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Postmortem.Analyzers.CodeFixes;

namespace Postmortem.Analyzers.Tests.Meta;

/// <summary>What the shipped assemblies contain, found by reflection, for the meta-tests and the docs generator.</summary>
public static class RuleCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Instantiate<DiagnosticAnalyzer>(typeof(Descriptors).Assembly);

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = Instantiate<CodeFixProvider>(typeof(EquivalenceKeys).Assembly);

    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Postmortem.Analyzers.Descriptors.All;

    public static bool HasCodeFix(string id) => CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));

    private static ImmutableArray<T> Instantiate<T>(Assembly assembly)
        => assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
