using System.Threading;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>
/// The library types of one symbol group, each resolved by metadata name the first time a rule asks for it, then kept for
/// the compilation. A group names dozens of types and a compilation usually touches a few: resolving a type walks the
/// references' namespaces, which is most of what a rule would otherwise cost on a small project.
/// </summary>
internal sealed class LazyTypes
{
    private static readonly object s_absent = new();

    private readonly Compilation _compilation;
    private readonly object?[] _slots;

    public LazyTypes(Compilation compilation, int count)
    {
        _compilation = compilation;
        _slots = new object?[count];
    }

    /// <summary>The type in <paramref name="slot"/>, resolved from <paramref name="metadataName"/> on first use; null when the library is not referenced.</summary>
    public INamedTypeSymbol? Get(int slot, string metadataName)
    {
        var value = Volatile.Read(ref _slots[slot]);
        if (value is null)
        {
            // A race resolves twice and stores the same symbol.
            value = (object?)TypeResolver.Resolve(_compilation, metadataName) ?? s_absent;
            Volatile.Write(ref _slots[slot], value);
        }

        return value as INamedTypeSymbol;
    }

    /// <summary>The types among <paramref name="metadataNames"/> that the compilation references, in order, resolved on first use.</summary>
    public INamedTypeSymbol[] GetAll(int slot, string[] metadataNames)
    {
        if (Volatile.Read(ref _slots[slot]) is not INamedTypeSymbol[] value)
        {
            value = TypeResolver.ResolveAll(_compilation, metadataNames);
            Volatile.Write(ref _slots[slot], value);
        }

        return value;
    }
}
