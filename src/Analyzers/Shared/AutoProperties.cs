using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// Which getters of the compilation are auto-property getters (<c>{ get; }</c>: they read a field, there is nothing to
/// follow). Property reads are among the most frequent operations and every interprocedural rule asks, so the answer is
/// kept once per compilation for all of them (lock-free reads; the syntax is looked at once per getter).
/// </summary>
internal sealed class AutoProperties
{
    private static readonly System.Func<IMethodSymbol, bool> s_isAutoPropertyGetter = IsAutoPropertyGetterCore;

    // Sized for large projects: growing the table takes every lock while the other analysis threads wait.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _getters = new(concurrencyLevel: 64, capacity: 8192, SymbolEqualityComparer.Default);

    public bool IsAutoPropertyGetter(IMethodSymbol method)
        => method.MethodKind == MethodKind.PropertyGet && _getters.GetOrAdd(method.OriginalDefinition, s_isAutoPropertyGetter);

    private static bool IsAutoPropertyGetterCore(IMethodSymbol getter)
        => getter.DeclaringSyntaxReferences is { Length: 1 } references
           && references[0].GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
}
