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

    public CachingSymbols(Compilation c)
    {
        _compilation = c;
        DistributedCache = TypeResolver.Resolve(c, "Microsoft.Extensions.Caching.Distributed.IDistributedCache");
        DistributedCacheExtensions = TypeResolver.Resolve(c, "Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions");
        MemoryCache = TypeResolver.Resolve(c, "Microsoft.Extensions.Caching.Memory.IMemoryCache");
        MemoryCacheExtensions = TypeResolver.Resolve(c, "Microsoft.Extensions.Caching.Memory.CacheExtensions");
        HybridCache = TypeResolver.Resolve(c, "Microsoft.Extensions.Caching.Hybrid.HybridCache");
        RedisDatabase = TypeResolver.Resolve(c, "StackExchange.Redis.IDatabase");
        RedisDatabaseAsync = TypeResolver.Resolve(c, "StackExchange.Redis.IDatabaseAsync");
        RedisKey = TypeResolver.Resolve(c, "StackExchange.Redis.RedisKey");
        RedisKeyPrefixExtensions = TypeResolver.Resolve(c, "StackExchange.Redis.KeyspaceIsolation.DatabaseExtensions");
        OutputCacheStore = TypeResolver.Resolve(c, "Microsoft.AspNetCore.OutputCaching.IOutputCacheStore");
        FusionCache = TypeResolver.Resolve(c, "ZiggyCreatures.Caching.Fusion.IFusionCache");
    }

    public INamedTypeSymbol? DistributedCache { get; }
    public INamedTypeSymbol? DistributedCacheExtensions { get; }
    public INamedTypeSymbol? MemoryCache { get; }

    /// <summary>Microsoft.Extensions.Caching.Memory's <c>Get</c>, <c>Set</c>, <c>TryGetValue&lt;T&gt;</c>, <c>GetOrCreate(Async)</c> over IMemoryCache.</summary>
    public INamedTypeSymbol? MemoryCacheExtensions { get; }

    /// <summary>The abstract HybridCache (in Microsoft.Extensions.Caching.Abstractions 9 and later, or the Hybrid package).</summary>
    public INamedTypeSymbol? HybridCache { get; }
    public INamedTypeSymbol? RedisDatabase { get; }

    /// <summary>Declares the asynchronous Redis commands; batches and transactions derive from it.</summary>
    public INamedTypeSymbol? RedisDatabaseAsync { get; }
    public INamedTypeSymbol? RedisKey { get; }

    /// <summary><c>WithKeyPrefix</c>: a database view that prefixes every key it is given.</summary>
    public INamedTypeSymbol? RedisKeyPrefixExtensions { get; }
    public INamedTypeSymbol? OutputCacheStore { get; }
    public INamedTypeSymbol? FusionCache { get; }

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
