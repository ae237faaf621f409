using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Options;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// The names that identify a tenant in one part of a compilation: "Tenant" and the entries of
/// <c>postmortem.tenant_identifiers</c>, matched as case-insensitive substrings of a name.
/// </summary>
internal sealed class TenantNames
{
    private const string Tenant = "Tenant";

    private readonly Compilation _compilation;
    private readonly CachingSymbols _caching;
    private readonly string[] _identifiers;
    private int _declared; // 0 unknown, 1 no, 2 yes

    public TenantNames(Compilation compilation, CachingSymbols caching, string[] identifiers)
    {
        _compilation = compilation;
        _caching = caching;
        _identifiers = identifiers;
    }

    /// <summary>True when <paramref name="name"/> contains "Tenant" or one of the configured identifiers (case-insensitive).</summary>
    public bool Matches(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        return name!.IndexOf(Tenant, StringComparison.OrdinalIgnoreCase) >= 0 || Words.ContainsAny(name, _identifiers);
    }

    /// <summary>
    /// A name that holds the tenant's identity rather than something about tenants: it matches and is "tenant" or a configured
    /// identifier itself, or ends with Id, Identifier, Name, Code, Key or Slug (<c>tenantId</c>, <c>TenantName</c>; not <c>TenantCount</c>).
    /// </summary>
    public bool IsIdentifierName(string name)
    {
        if (!Matches(name))
        {
            return false;
        }

        if (string.Equals(name.TrimStart('_'), Tenant, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var identifier in _identifiers)
        {
            if (string.Equals(name.TrimStart('_'), identifier, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var suffix in s_identitySuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] s_identitySuffixes = { "Id", "Identifier", "Name", "Code", "Key", "Slug" };

    /// <summary>
    /// Whether the compilation has a tenant concept of its own: a type or member it declares whose name matches (a scan of the
    /// compilation's declaration names, without binding anything), or a multi-tenancy library it references. Computed once.
    /// </summary>
    public bool CompilationHasTenants
    {
        get
        {
            var state = System.Threading.Volatile.Read(ref _declared);
            if (state == 0)
            {
                state = _caching.TenantLibraryTypes.Length > 0 || _compilation.ContainsSymbolsWithName(Matches, SymbolFilter.TypeAndMember) ? 2 : 1;
                System.Threading.Volatile.Write(ref _declared, state);
            }

            return state == 2;
        }
    }
}

/// <summary>
/// The <see cref="TenantNames"/> of each syntax tree: options are read per tree (an .editorconfig section can add identifiers
/// for one folder), and each distinct list is parsed, and the compilation scanned for it, once.
/// </summary>
internal sealed class Tenants
{
    private readonly Compilation _compilation;
    private readonly OptionsReader _options;
    private readonly CachingSymbols _caching;
    private readonly ConcurrentDictionary<string, TenantNames> _byList = new(StringComparer.Ordinal);

    public Tenants(Compilation compilation, OptionsReader options, CachingSymbols caching)
    {
        _compilation = compilation;
        _options = options;
        _caching = caching;
    }

    public TenantNames For(SyntaxTree tree)
    {
        var list = _options.GetRaw(OptionCatalog.TenantIdentifiers, tree) ?? string.Empty;
        return _byList.GetOrAdd(list, text => new TenantNames(_compilation, _caching, Split(text)));
    }

    private static readonly char[] s_separators = { ',', ' ', '\t' };

    internal static string[] Split(string text)
    {
        var identifiers = new List<string>();
        foreach (var part in text.Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var identifier = part.Trim();
            if (identifier.Length > 0)
            {
                identifiers.Add(identifier);
            }
        }

        return identifiers.ToArray();
    }
}

/// <summary>
/// The tenant value in scope at a position, as code that reads it: a parameter, local, field or property named like the
/// tenant with a scalar type (<c>tenantId</c>, <c>_tenantId</c>, <c>TenantId</c>), or the id of a tenant object in scope
/// (<c>tenant.Id</c>, <c>_tenantContext.TenantId</c>). Parameters first, then locals, then members of the type.
/// </summary>
internal static class TenantValues
{
    public static string? Find(IOperation site, ISymbol containingSymbol, TenantNames names, System.Threading.CancellationToken cancellationToken)
    {
        if (site.SemanticModel is not { } model)
        {
            return null;
        }

        var position = site.Syntax.SpanStart;
        var isStatic = containingSymbol.IsStatic;

        // Parameters of the lambdas and local functions around the site, innermost first, then of the member.
        for (var current = site.Parent; current is not null; current = current.Parent)
        {
            var function = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };
            if (function is null)
            {
                continue;
            }

            isStatic |= function.IsStatic;
            if (FromSymbols(function.Parameters, names, model, position) is { } value)
            {
                return value;
            }
        }

        if (containingSymbol is IMethodSymbol method && FromSymbols(method.Parameters, names, model, position) is { } parameterValue)
        {
            return parameterValue;
        }

        if (FromLocals(site.Syntax, names, model, position, cancellationToken) is { } localValue)
        {
            return localValue;
        }

        var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if ((member.IsStatic || !isStatic) && member is IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol { IsIndexer: false }
                    && Candidate(member, names, model, position) is { } value)
                {
                    return value;
                }
            }

            // Primary constructor parameters are in scope in every member.
            if (!isStatic)
            {
                foreach (var constructor in current.InstanceConstructors)
                {
                    if (constructor.DeclaringSyntaxReferences.Length == 1
                        && constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is TypeDeclarationSyntax
                        && FromSymbols(constructor.Parameters, names, model, position) is { } primary)
                    {
                        return primary;
                    }
                }
            }
        }

        return null;
    }

    private static string? FromSymbols(ImmutableArray<IParameterSymbol> parameters, TenantNames names, SemanticModel model, int position)
    {
        foreach (var parameter in parameters)
        {
            if (Candidate(parameter, names, model, position) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Locals named like the tenant declared before <paramref name="position"/> in the member around it, and in scope there.</summary>
    private static string? FromLocals(SyntaxNode site, TenantNames names, SemanticModel model, int position, System.Threading.CancellationToken cancellationToken)
    {
        var scope = site.Parent;
        while (scope is not null && (scope is GlobalStatementSyntax || scope is not (MemberDeclarationSyntax or CompilationUnitSyntax)))
        {
            scope = scope.Parent;
        }

        if (scope is null)
        {
            return null;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node.SpanStart >= position)
            {
                break;
            }

            var identifier = node switch
            {
                VariableDeclaratorSyntax declarator => declarator.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                _ => default,
            };
            if (identifier.RawKind == 0 || !names.Matches(identifier.ValueText))
            {
                continue;
            }

            if (model.GetDeclaredSymbol(node, cancellationToken) is ILocalSymbol local && Candidate(local, names, model, position) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The code that reads the tenant value from <paramref name="symbol"/>, when it is one and it is visible at the position as itself.</summary>
    private static string? Candidate(ISymbol symbol, TenantNames names, SemanticModel model, int position)
    {
        var type = symbol switch
        {
            IParameterSymbol parameter => parameter.Type,
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.GetMethod is null ? null : property.Type,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        string? value = null;
        if (names.IsIdentifierName(symbol.Name) && IsScalar(type))
        {
            value = symbol.Name;
        }
        else if ((names.Matches(symbol.Name) || names.Matches(type.Name)) && IdOf(type, names) is { } id)
        {
            value = symbol.Name + "." + id;
        }

        if (value is null || !IsVisibleAs(symbol, model, position))
        {
            return null;
        }

        return value;
    }

    /// <summary>True when the name of <paramref name="symbol"/> at the position binds to it (no local or parameter hides it, accessible).</summary>
    private static bool IsVisibleAs(ISymbol symbol, SemanticModel model, int position)
    {
        var found = model.LookupSymbols(position, name: symbol.Name);
        return found.Length >= 1 && SymbolEqualityComparer.Default.Equals(found[0].OriginalDefinition, symbol.OriginalDefinition);
    }

    /// <summary>The scalar property of a tenant object that identifies it: a name containing TenantId, then Id, then Identifier.</summary>
    private static string? IdOf(ITypeSymbol type, TenantNames names)
    {
        string? id = null;
        string? identifier = null;
        foreach (var candidate in PropertiesOf(type))
        {
            if (candidate.IsStatic || candidate.IsIndexer || candidate.GetMethod is null || !IsScalar(candidate.Type))
            {
                continue;
            }

            if (candidate.Name.IndexOf("TenantId", System.StringComparison.OrdinalIgnoreCase) >= 0
                || (names.Matches(candidate.Name) && candidate.Name.EndsWith("Id", System.StringComparison.Ordinal)))
            {
                return candidate.Name;
            }

            if (candidate.Name == "Id")
            {
                id ??= candidate.Name;
            }
            else if (candidate.Name == "Identifier")
            {
                identifier ??= candidate.Name;
            }
        }

        return id ?? identifier;
    }

    private static System.Collections.Generic.IEnumerable<IPropertySymbol> PropertiesOf(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol property && property.DeclaredAccessibility == Accessibility.Public)
                {
                    yield return property;
                }
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (member is IPropertySymbol property)
                {
                    yield return property;
                }
            }
        }
    }

    /// <summary>Strings, integers and Guids (nullable or not): values an interpolated key can hold as they are.</summary>
    private static bool IsScalar(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.SpecialType is SpecialType.System_String or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Byte
            || type is { Name: "Guid", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }
}
