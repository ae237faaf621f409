using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>
/// Caches whose keys the rules read: Microsoft.Extensions.Caching (distributed, memory, hybrid), StackExchange.Redis,
/// ASP.NET Core output caching and FusionCache; and the multi-tenancy libraries and frameworks that say whether tenants exist.
/// </summary>
internal sealed class CachingSymbols
{
    private readonly Compilation _compilation;
    private INamedTypeSymbol[]? _tenantLibraryTypes;
    private int _orchardResolved;
    private INamedTypeSymbol? _orchardShellSettings;

    private readonly LazyTypes _types;

    public CachingSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 11);
        _compilation = c;
    }

    public INamedTypeSymbol? DistributedCache => _types.Get(0, "Microsoft.Extensions.Caching.Distributed.IDistributedCache");
    public INamedTypeSymbol? DistributedCacheExtensions => _types.Get(1, "Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions");
    public INamedTypeSymbol? MemoryCache => _types.Get(2, "Microsoft.Extensions.Caching.Memory.IMemoryCache");

    /// <summary>Microsoft.Extensions.Caching.Memory's <c>Get</c>, <c>Set</c>, <c>TryGetValue&lt;T&gt;</c>, <c>GetOrCreate(Async)</c> over IMemoryCache.</summary>
    public INamedTypeSymbol? MemoryCacheExtensions => _types.Get(3, "Microsoft.Extensions.Caching.Memory.CacheExtensions");

    /// <summary>The abstract HybridCache (in Microsoft.Extensions.Caching.Abstractions 9 and later, or the Hybrid package).</summary>
    public INamedTypeSymbol? HybridCache => _types.Get(4, "Microsoft.Extensions.Caching.Hybrid.HybridCache");
    public INamedTypeSymbol? RedisDatabase => _types.Get(5, "StackExchange.Redis.IDatabase");

    /// <summary>Declares the asynchronous Redis commands; batches and transactions derive from it.</summary>
    public INamedTypeSymbol? RedisDatabaseAsync => _types.Get(6, "StackExchange.Redis.IDatabaseAsync");
    public INamedTypeSymbol? RedisKey => _types.Get(7, "StackExchange.Redis.RedisKey");

    /// <summary><c>WithKeyPrefix</c>: a database view that prefixes every key it is given.</summary>
    public INamedTypeSymbol? RedisKeyPrefixExtensions => _types.Get(8, "StackExchange.Redis.KeyspaceIsolation.DatabaseExtensions");
    public INamedTypeSymbol? OutputCacheStore => _types.Get(9, "Microsoft.AspNetCore.OutputCaching.IOutputCacheStore");
    public INamedTypeSymbol? FusionCache => _types.Get(10, "ZiggyCreatures.Caching.Fusion.IFusionCache");

    /// <summary>Multi-tenancy libraries (Finbuckle.MultiTenant, ABP, SaasKit): a project that references one has tenants. Resolved on first use.</summary>
    public INamedTypeSymbol[] TenantLibraryTypes
        => _tenantLibraryTypes ??= TypeResolver.ResolveAll(_compilation,
            "Finbuckle.MultiTenant.ITenantInfo",
            "Finbuckle.MultiTenant.Abstractions.ITenantInfo",
            "Volo.Abp.MultiTenancy.ICurrentTenant",
            "SaasKit.Multitenancy.TenantContext`1");

    /// <summary>
    /// Orchard Core runs each tenant in a shell of its own, with its own service container, memory cache and distributed-cache
    /// instance name: a key inside a shell needs no tenant.
    /// </summary>
    public INamedTypeSymbol? OrchardShellSettings
    {
        get
        {
            if (System.Threading.Volatile.Read(ref _orchardResolved) == 0)
            {
                _orchardShellSettings = TypeResolver.Resolve(_compilation, "OrchardCore.Environment.Shell.ShellSettings");
                System.Threading.Volatile.Write(ref _orchardResolved, 1);
            }

            return _orchardShellSettings;
        }
    }

    public bool HasAnyCache
        => DistributedCache is not null || MemoryCache is not null || HybridCache is not null || RedisDatabaseAsync is not null
        || OutputCacheStore is not null || FusionCache is not null;
}
