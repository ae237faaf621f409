using System;
using Microsoft.CodeAnalysis;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// Test-code detection: methods carrying an xunit, NUnit, MSTest or TUnit test attribute, classes marked as
/// test fixtures, and whole projects that reference a test framework and are named *Test* or *Tests*.
/// </summary>
internal sealed class TestCode
{
    private readonly TestFrameworkSymbols _frameworks;

    public TestCode(Compilation compilation, TestFrameworkSymbols frameworks)
    {
        _frameworks = frameworks;
        IsTestProject = frameworks.HasTestFramework
            && compilation.AssemblyName is { } name
            && name.IndexOf("Test", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    public bool IsTestProject { get; }

    /// <summary>True when <paramref name="symbol"/> (a member, local function or type) is, or is inside, test code.</summary>
    public bool IsTestCode(ISymbol? symbol)
    {
        if (IsTestProject)
        {
            return true;
        }

        if (!_frameworks.HasTestFramework)
        {
            return false;
        }

        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            var markers = current is INamedTypeSymbol ? _frameworks.TestClassAttributes : _frameworks.TestMethodAttributes;
            foreach (var marker in markers)
            {
                if (current.HasAttribute(marker))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
