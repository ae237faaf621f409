using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using Postmortem.Analyzers.Shared;

namespace Postmortem.Analyzers.Tests.Robustness;

/// <summary>
/// Every analyzer the package ships, found by reflection over the analyzer assembly: a new rule is covered by the
/// robustness suite the moment it exists.
/// </summary>
internal static class ShippedAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(PostmortemAnalyzer).Assembly.GetTypes()
        .Where(type => !type.IsAbstract
            && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
            && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    /// <summary>Rules about generated code itself (EF Core migrations) opt in to it; every other rule must stay silent there.</summary>
    public static bool AnalyzesGeneratedCode(DiagnosticAnalyzer analyzer)
    {
        var property = typeof(PostmortemAnalyzer).GetProperty("AnalyzesGeneratedCode", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("PostmortemAnalyzer.AnalyzesGeneratedCode was renamed; update the robustness suite.");
        return analyzer is PostmortemAnalyzer && (bool)property.GetValue(analyzer)!;
    }

    public static string Name(DiagnosticAnalyzer analyzer) => analyzer.GetType().Name;
}
