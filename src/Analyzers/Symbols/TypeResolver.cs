using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>
/// Resolves a type by metadata name in a way that survives the same type defined in two references.
/// </summary>
/// <remarks>
/// Beyond the compilation itself and the core library, the lookup walks the compilation's merged global namespace, which the compiler has already built and cached
/// while binding: a library that is not referenced is ruled out by its top namespace, from a set made once per compilation, and a type that is
/// referenced is found without asking every referenced assembly again (as <c>GetTypeByMetadataName</c> does, to detect
/// duplicates). When several assemblies define the type, the compilation's own definition wins, then the first
/// accessible one.
/// </remarks>
internal static class TypeResolver
{
    private static readonly ConditionalWeakTable<Compilation, HashSet<string>> s_topNamespaces = new();
    private static readonly ConditionalWeakTable<Compilation, HashSet<string>>.CreateValueCallback s_collectTopNamespaces = CollectTopNamespaces;
    private static readonly ConditionalWeakTable<IAssemblySymbol, string[]> s_assemblyTopNamespaces = new();
    private static readonly ConditionalWeakTable<IAssemblySymbol, string[]>.CreateValueCallback s_collectAssemblyTopNamespaces = CollectAssemblyTopNamespaces;

    public static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
    {
        // "Ns.Sub.Type`1+Nested": the namespace ends at the last dot before the first '+'.
        var plus = metadataName.IndexOf('+');
        var typeEnd = plus < 0 ? metadataName.Length : plus;
        var lastDot = metadataName.LastIndexOf('.', typeEnd - 1);
        var tick = metadataName.IndexOf('`', lastDot + 1, typeEnd - lastDot - 1);
        var name = metadataName.Substring(lastDot + 1, (tick < 0 ? typeEnd : tick) - lastDot - 1);

        // The compilation's own definition wins; then the core library, which holds most framework types (Task, Stream,
        // Thread...) and answers for itself alone, without merging a namespace every assembly contributes to (every
        // assembly has System.Runtime.CompilerServices, for one). Each is asked only when it has a type of that name: an
        // assembly's set of type names is kept, a metadata-name lookup parses the name every time.
        if (compilation.Assembly.TypeNames.Contains(name) && compilation.Assembly.GetTypeByMetadataName(metadataName) is { } own)
        {
            return own;
        }

        if (compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly is { } coreLibrary
            && coreLibrary.TypeNames.Contains(name)
            && coreLibrary.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public } core)
        {
            return core;
        }

        if (!MayDefineNamespace(compilation, metadataName, lastDot))
        {
            return null;
        }

        INamespaceSymbol? ns = compilation.GlobalNamespace;
        var start = 0;
        while (ns is not null && start < lastDot)
        {
            var dot = metadataName.IndexOf('.', start);
            if (dot < 0 || dot > lastDot)
            {
                dot = lastDot;
            }

            ns = FindNamespace(ns, metadataName.Substring(start, dot - start));
            start = dot + 1;
        }

        if (ns is null)
        {
            return null;
        }

        var type = FindType(compilation, ns, metadataName, lastDot + 1, typeEnd);
        while (type is not null && typeEnd < metadataName.Length)
        {
            var nestedStart = typeEnd + 1;
            var nextPlus = metadataName.IndexOf('+', nestedStart);
            typeEnd = nextPlus < 0 ? metadataName.Length : nextPlus;
            type = FindType(compilation, type, metadataName, nestedStart, typeEnd);
        }

        return type;
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

    /// <summary>
    /// False when neither the compilation nor a reference declares the type's top namespace ("Stripe", "Amazon"): the
    /// library is not referenced. Answered from a set made once per compilation (from each assembly's top namespaces,
    /// kept per assembly symbol, which compilations share), where a lookup in the merged global namespace would ask every
    /// referenced assembly again for each absent name. Only the top level: listing deeper namespaces would load every
    /// type of every assembly's <c>System</c> and <c>Microsoft</c> namespaces.
    /// </summary>
    private static bool MayDefineNamespace(Compilation compilation, string metadataName, int namespaceEnd)
        => namespaceEnd <= 0
           || s_topNamespaces.GetValue(compilation, s_collectTopNamespaces).Contains(metadataName.Substring(0, metadataName.IndexOf('.')));

    private static HashSet<string> CollectTopNamespaces(Compilation compilation)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var ns in compilation.Assembly.GlobalNamespace.GetNamespaceMembers())
        {
            names.Add(ns.Name);
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            foreach (var name in s_assemblyTopNamespaces.GetValue(assembly, s_collectAssemblyTopNamespaces))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string[] CollectAssemblyTopNamespaces(IAssemblySymbol assembly)
    {
        var names = new List<string>();
        foreach (var ns in assembly.GlobalNamespace.GetNamespaceMembers())
        {
            names.Add(ns.Name);
        }

        return names.ToArray();
    }

    private static INamespaceSymbol? FindNamespace(INamespaceSymbol container, string name)
    {
        foreach (var member in container.GetMembers(name))
        {
            if (member is INamespaceSymbol ns)
            {
                return ns;
            }
        }

        return null;
    }

    /// <summary>The type named by <paramref name="metadataName"/>[start..end) ("Type`1") in <paramref name="container"/>.</summary>
    private static INamedTypeSymbol? FindType(Compilation compilation, INamespaceOrTypeSymbol container, string metadataName, int start, int end)
    {
        var arity = 0;
        var nameEnd = end;
        var tick = metadataName.IndexOf('`', start, end - start);
        if (tick >= 0)
        {
            nameEnd = tick;
            if (!int.TryParse(metadataName.Substring(tick + 1, end - tick - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arity))
            {
                return null;
            }
        }

        var candidates = container.GetTypeMembers(metadataName.Substring(start, nameEnd - start), arity);
        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        INamedTypeSymbol? accessible = null;
        foreach (var candidate in candidates)
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
}
