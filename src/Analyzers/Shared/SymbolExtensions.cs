using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Shared;

internal static class SymbolExtensions
{
    /// <summary>
    /// The same assembly, cheaply: a compilation hands out one symbol object per assembly, so the reference check settles
    /// the common case and the name check rules out other assemblies before the full comparison.
    /// </summary>
    public static bool IsSameAssemblyAs(this IAssemblySymbol? assembly, IAssemblySymbol? other)
        => ReferenceEquals(assembly, other)
           || (assembly is not null && other is not null && assembly.Name == other.Name && SymbolEqualityComparer.Default.Equals(assembly, other));

    /// <summary>True when <paramref name="ns"/> is the namespace whose names, innermost first, are <paramref name="names"/> (no display string made).</summary>
    public static bool IsNamespace(this INamespaceSymbol? ns, string[] names)
    {
        foreach (var name in names)
        {
            if (ns is null || ns.IsGlobalNamespace || ns.Name != name)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it (generic definitions compared).</summary>
    public static bool InheritsFromOrEquals(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Implements(this ITypeSymbol? type, INamedTypeSymbol? @interface)
    {
        if (type is null || @interface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="symbol"/> carries an attribute of <paramref name="attributeType"/> or a type derived from it.</summary>
    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.InheritsFromOrEquals(attributeType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Like <see cref="HasAttribute"/>, also looking at base types (for inherited attributes such as [Controller]).</summary>
    public static bool HasAttributeIncludingBaseTypes(this INamedTypeSymbol type, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.HasAttribute(attributeType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Type.Member" as users read it in a message; top-level statements read as such.</summary>
    public static string ToMessageName(this ISymbol symbol)
    {
        if (symbol is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName })
        {
            return "top-level statements";
        }

        if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor)
        {
            return constructor.ContainingType.Name + " constructor";
        }

        if (symbol is IMethodSymbol { AssociatedSymbol: { } property } accessor && accessor.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet)
        {
            symbol = property;
        }

        return symbol.ContainingType is { } type ? type.Name + "." + symbol.Name : symbol.Name;
    }
}
