using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Rules.Caching;

/// <summary>
/// PM0007: in multi-tenant code, a cache key built from a value that can repeat across tenants (an integer id, a name, a
/// path) and from nothing that names the tenant. Two tenants that share the value share the entry: one reads the other's data.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PM0007CacheKeyWithoutTenantAnalyzer : PostmortemAnalyzer
{
    /// <summary>Diagnostic property: the tenant value in scope to prefix the key with (<c>tenantId</c>, <c>_tenant.Id</c>); absent when there is none.</summary>
    public const string TenantValueProperty = "TenantValue";

    private const int MaxValueLength = 40;

    public PM0007CacheKeyWithoutTenantAnalyzer()
        : base(Descriptors.PM0007CacheKeyWithoutTenant)
    {
    }

    private protected override bool AppliesTo(RuleContext context)
        => context.Symbols.Caching.HasAnyCache && context.Symbols.Caching.OrchardShellSettings is null;

    private protected override void Register(RuleContext context)
    {
        var state = new CompilationState(context);
        context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
    }

    private enum CacheApi : byte
    {
        None,

        /// <summary>The key is the parameter named <c>key</c> (string or object).</summary>
        NamedKey,

        /// <summary>StackExchange.Redis: every <c>RedisKey</c> parameter is a key; hash fields, members and values are not.</summary>
        Redis,
    }

    private sealed class CompilationState
    {
        private readonly RuleContext _rule;
        private readonly CachingSymbols _caching;
        private readonly Tenants _tenants;
        private readonly INamedTypeSymbol?[] _namedKeyTypes;
        private readonly ConcurrentDictionary<INamedTypeSymbol, CacheApi> _implementations = new(concurrencyLevel: 32, capacity: 256, SymbolEqualityComparer.Default);

        public CompilationState(RuleContext rule)
        {
            _rule = rule;
            _caching = rule.Symbols.Caching;
            _tenants = new Tenants(rule.Compilation, rule.Options, _caching);
            _namedKeyTypes = new[]
            {
                _caching.DistributedCache, _caching.DistributedCacheExtensions, _caching.MemoryCache, _caching.MemoryCacheExtensions,
                _caching.HybridCache, _caching.OutputCacheStore, _caching.FusionCache,
            };
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var api = ApiOf(method);
            if (api == CacheApi.None)
            {
                return;
            }

            var tree = invocation.Syntax.SyntaxTree;
            TenantNames? names = null;
            foreach (var argument in invocation.Arguments)
            {
                if (!IsKey(argument.Parameter, api) || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                names ??= _tenants.For(tree);
                var shape = CacheKeys.Trace(argument.Value, names);
                if (!shape.LacksTenant)
                {
                    continue;
                }

                if (api == CacheApi.Redis && IsPrefixedDatabase(invocation.Instance))
                {
                    return;
                }

                var tenantValue = TenantValues.Find(invocation, context.ContainingSymbol, names, context.CancellationToken);
                if ((!names.CompilationHasTenants && tenantValue is null)
                    || _rule.IsSuppressedFor(context.ContainingSymbol, tree)
                    || _rule.Options.IsExcluded(_rule.RuleId, method, tree))
                {
                    return;
                }

                var properties = tenantValue is not null && IsStringKey(argument.Value)
                    ? ImmutableDictionary<string, string?>.Empty.Add(TenantValueProperty, tenantValue)
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PM0007CacheKeyWithoutTenant,
                    invocation.Syntax.GetLocation(),
                    additionalLocations: new[] { argument.Value.Syntax.GetLocation() },
                    properties,
                    ApiName(method),
                    Describe(shape.FirstValue!)));
                return;
            }
        }

        private CacheApi ApiOf(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return CacheApi.None;
            }

            if (_caching.RedisDatabaseAsync is not null
                && (SymbolEqualityComparer.Default.Equals(type, _caching.RedisDatabaseAsync) || SymbolEqualityComparer.Default.Equals(type, _caching.RedisDatabase)))
            {
                // LockTake/LockExtend/LockRelease/LockQuery: a lock shares no data between its holders, only a turn.
                return method.Name.StartsWith("Lock", System.StringComparison.Ordinal) ? CacheApi.None : CacheApi.Redis;
            }

            foreach (var known in _namedKeyTypes)
            {
                if (SymbolEqualityComparer.Default.Equals(type, known))
                {
                    return CacheApi.NamedKey;
                }
            }

            if (!HasKeyParameter(method) || IsKeyBuilder(method))
            {
                return CacheApi.None;
            }

            // Extension methods over a cache (FusionCache's, or a library's), and calls on a concrete cache class (MemoryCache, RedisCache).
            var receiver = method.IsExtensionMethod ? method.Parameters[0].Type as INamedTypeSymbol : (method.IsStatic ? null : type);
            return receiver is null ? CacheApi.None : _implementations.GetOrAdd(receiver, ImplementsCache);
        }

        private CacheApi ImplementsCache(INamedTypeSymbol type)
        {
            foreach (var known in _namedKeyTypes)
            {
                if (known is { TypeKind: TypeKind.Interface } ? type.Implements(known) : type.InheritsFromOrEquals(known))
                {
                    return CacheApi.NamedKey;
                }
            }

            return CacheApi.None;
        }

        /// <summary>
        /// A helper that only builds a key, such as <c>BuildScopedKey(this IMemoryCache, string key)</c>: it returns a string
        /// and its name says it is a key. It reads and writes nothing; the cache call that receives its result is the one judged.
        /// </summary>
        private static bool IsKeyBuilder(IMethodSymbol method)
            => method.OriginalDefinition.ReturnType.SpecialType == SpecialType.System_String
               && method.Name.IndexOf("Key", System.StringComparison.Ordinal) >= 0;

        private static bool HasKeyParameter(IMethodSymbol method)
        {
            // The definition's parameters: a constructed generic method would build substituted ones on every call site.
            foreach (var parameter in method.OriginalDefinition.Parameters)
            {
                if (parameter.Name == "key")
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsKey(IParameterSymbol? parameter, CacheApi api)
            => parameter is not null && (api == CacheApi.Redis
                ? SymbolEqualityComparer.Default.Equals(parameter.Type, _caching.RedisKey)
                : parameter.Name == "key");

        /// <summary>A database obtained with <c>WithKeyPrefix(...)</c> into a local: every key it is given is prefixed.</summary>
        private bool IsPrefixedDatabase(IOperation? instance)
        {
            if (instance?.WithoutConversions() is not ILocalReferenceOperation local || local.InitializerOf() is not { } initializer)
            {
                return false;
            }

            return initializer.WithoutConversions() is IInvocationOperation { TargetMethod: { Name: "WithKeyPrefix" } prefix }
                && SymbolEqualityComparer.Default.Equals(prefix.ContainingType, _caching.RedisKeyPrefixExtensions);
        }

        private static bool IsStringKey(IOperation key)
            => key.WithoutConversions().Type?.SpecialType == SpecialType.System_String;

        /// <summary>"IDistributedCache.GetStringAsync", naming the cache an extension method extends.</summary>
        private static string ApiName(IMethodSymbol method)
        {
            var type = method.IsExtensionMethod && !method.Parameters.IsEmpty ? method.Parameters[0].Type : method.ContainingType;
            return type.Name + "." + method.Name;
        }

        private static string Describe(IOperation value)
        {
            var text = value.Syntax is ArgumentSyntax argument ? argument.Expression.ToString() : value.Syntax.ToString();
            return text.Length <= MaxValueLength ? text : text.Substring(0, MaxValueLength - 3) + "...";
        }
    }
}
