using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>Resolves a type by metadata name in a way that survives the same type defined in two references.</summary>
internal static class TypeResolver
{
    public static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
    {
#pragma warning disable RS0030 // The one sanctioned use: the ambiguous case is handled below.
        var type = compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
        if (type is not null)
        {
            return type;
        }

        // Null means absent or ambiguous. Prefer the compilation's own definition, then the first accessible one.
        INamedTypeSymbol? accessible = null;
        foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
            {
                return candidate;
            }

            if (accessible is null && compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
            {
                accessible = candidate;
            }
        }

        return accessible;
    }

    /// <summary>The types among <paramref name="metadataNames"/> that the compilation references, in order.</summary>
    public static INamedTypeSymbol[] ResolveAll(Compilation compilation, params string[] metadataNames)
    {
        var found = new System.Collections.Generic.List<INamedTypeSymbol>(metadataNames.Length);
        foreach (var name in metadataNames)
        {
            if (Resolve(compilation, name) is { } type)
            {
                found.Add(type);
            }
        }

        return found.ToArray();
    }
}
