using Microsoft.CodeAnalysis;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>
/// Finds the awaitable counterpart of a synchronous method: a public, non-obsolete method of the given name
/// with the same parameters in the same order (any further parameters optional or a CancellationToken),
/// returning Task/ValueTask of the same result. Names alone never match: the parameter lists are compared.
/// </summary>
internal static class AsyncCounterparts
{
    /// <summary>
    /// The compatible counterpart named <paramref name="name"/> on the method's type, its base types and interfaces
    /// (or, for a static or extension method, its own type). <paramref name="exists"/> tells whether any awaitable
    /// method of that name exists there, compatible or not.
    /// </summary>
    public static IMethodSymbol? Find(IMethodSymbol method, string name, KnownSymbols symbols, bool skipFirstParameter, out bool exists)
    {
        exists = false;
        var type = method.ContainingType;
        if (method.IsStatic)
        {
            return FindIn(type, method, name, symbols, skipFirstParameter, ref exists);
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (FindIn(current, method, name, symbols, skipFirstParameter, ref exists) is { } found)
            {
                return found;
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (FindIn(@interface, method, name, symbols, skipFirstParameter, ref exists) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static IMethodSymbol? FindIn(INamedTypeSymbol type, IMethodSymbol method, string name, KnownSymbols symbols, bool skipFirstParameter, ref bool exists)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is not IMethodSymbol candidate || candidate.IsStatic != method.IsStatic || !symbols.Tasks.IsAwaitable(candidate.ReturnType))
            {
                continue;
            }

            exists = true;
            if (IsCompatible(method, candidate, symbols, skipFirstParameter, ignoreReturnType: false))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="candidate"/> can replace <paramref name="method"/> in an await, argument for argument.</summary>
    public static bool IsCompatible(IMethodSymbol method, IMethodSymbol candidate, KnownSymbols symbols, bool skipFirstParameter, bool ignoreReturnType)
    {
        if (candidate.DeclaredAccessibility != Accessibility.Public
            || candidate.Arity != method.Arity
            || candidate.Parameters.Length < method.Parameters.Length
            || candidate.HasAttribute(symbols.Blocking.ObsoleteAttribute))
        {
            return false;
        }

        for (var i = skipFirstParameter ? 1 : 0; i < method.Parameters.Length; i++)
        {
            var original = method.Parameters[i];
            var replacement = candidate.Parameters[i];
            if (original.RefKind != replacement.RefKind || original.IsParams != replacement.IsParams || !SameShape(original.Type, replacement.Type))
            {
                return false;
            }
        }

        for (var i = method.Parameters.Length; i < candidate.Parameters.Length; i++)
        {
            var extra = candidate.Parameters[i];
            if (!extra.IsOptional && !SymbolEqualityComparer.Default.Equals(extra.Type, symbols.Blocking.CancellationToken))
            {
                return false;
            }
        }

        return ignoreReturnType || ReturnsSameResult(method, candidate, symbols.Tasks);
    }

    /// <summary>The index of the counterpart's CancellationToken parameter, or -1.</summary>
    public static int CancellationTokenIndex(IMethodSymbol counterpart, KnownSymbols symbols)
    {
        for (var i = 0; i < counterpart.Parameters.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(counterpart.Parameters[i].Type, symbols.Blocking.CancellationToken))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool ReturnsSameResult(IMethodSymbol method, IMethodSymbol candidate, TaskSymbols tasks)
    {
        if (candidate.ReturnType is not INamedTypeSymbol returned)
        {
            return false;
        }

        var definition = returned.OriginalDefinition;
        if (method.ReturnsVoid)
        {
            return SymbolEqualityComparer.Default.Equals(definition, tasks.Task) || SymbolEqualityComparer.Default.Equals(definition, tasks.ValueTask);
        }

        return (SymbolEqualityComparer.Default.Equals(definition, tasks.TaskOfT) || SymbolEqualityComparer.Default.Equals(definition, tasks.ValueTaskOfT))
            && SameShape(method.ReturnType, returned.TypeArguments[0]);
    }

    /// <summary>Type equality where the methods' own type parameters match by position, and nullability is ignored.</summary>
    private static bool SameShape(ITypeSymbol original, ITypeSymbol replacement)
    {
        switch (original)
        {
            case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } parameter:
                return replacement is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } other && other.Ordinal == parameter.Ordinal;

            case IArrayTypeSymbol array:
                return replacement is IArrayTypeSymbol otherArray && array.Rank == otherArray.Rank && SameShape(array.ElementType, otherArray.ElementType);

            case INamedTypeSymbol { IsGenericType: true } generic:
                if (replacement is not INamedTypeSymbol { IsGenericType: true } otherGeneric
                    || !SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, otherGeneric.OriginalDefinition))
                {
                    return false;
                }

                for (var i = 0; i < generic.TypeArguments.Length; i++)
                {
                    if (!SameShape(generic.TypeArguments[i], otherGeneric.TypeArguments[i]))
                    {
                        return false;
                    }
                }

                return true;

            default:
                return SymbolEqualityComparer.Default.Equals(original, replacement);
        }
    }
}
