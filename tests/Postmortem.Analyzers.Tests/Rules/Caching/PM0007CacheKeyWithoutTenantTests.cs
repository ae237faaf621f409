using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Caching.PM0007CacheKeyWithoutTenantAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Caching.PM0007CacheKeyWithoutTenantAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Caching.PM0007CacheKeyWithoutTenantCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Caching;

/// <summary>
/// PM0007 cache key without the tenant. Real packages: Microsoft.Extensions.Caching 8 and StackExchange.Redis (Data80),
/// Microsoft.Extensions.Caching 10 with HybridCache and FusionCache (Caching80), ASP.NET Core output caching (AspNetCore80).
/// The multi-tenancy libraries (Orchard Core, Finbuckle.MultiTenant) are not on the package source: the tests that need
/// them declare a stub with the real namespace and type name. The sources are also the robustness corpus.
/// </summary>
public sealed class PM0007CacheKeyWithoutTenantTests
{
    private static readonly ReferenceAssemblies Data = TestReferences.Data80;

    // ---------------------------------------------------------------- Flags

    [Fact]
    public Task Flags_DistributedCacheKeys() => Verify.VerifyAsync(Sources.DistributedCacheKeys, Data);

    [Fact]
    public Task Flags_Message() => Verify.VerifyAsync(
        Sources.Message,
        Data,
        expected: Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("IDistributedCache.GetStringAsync", "productId"));

    [Fact]
    public Task Flags_MemoryCacheObjectKeys() => Verify.VerifyAsync(Sources.MemoryCacheObjectKeys, Data);

    [Fact]
    public Task Flags_RedisKeys() => Verify.VerifyAsync(Sources.RedisKeys, Data);

    [Fact]
    public Task Flags_KeyFromSameFileHelper() => Verify.VerifyAsync(Sources.SameFileHelpers, Data);

    [Fact]
    public Task Flags_HybridCacheAndFusionCache() => Verify.VerifyAsync(Sources.HybridAndFusion, TestReferences.Caching80);

    [Fact]
    public Task Flags_OutputCacheStore() => Verify.VerifyAsync(Sources.OutputCacheStore, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_WhenTenantIdentifiersOptionNamesTheTenant() => Verify.VerifyAsync(
        Sources.OrganizationIdentifiers,
        Data,
        editorConfig: "postmortem.tenant_identifiers = Organization, Workspace");

    [Fact]
    public Task Flags_WhenOnlyATenantParameterIsInScope() => Verify.VerifyAsync(Sources.TenantParameterOnly, Data);

    [Fact]
    public Task Flags_WhenAMultiTenancyLibraryIsReferenced()
    {
        var test = new Verify.Test(Data) { TestCode = Sources.OverMultiTenancyLibrary };
        test.TestState.AdditionalProjects["Finbuckle"].Sources.Add(("/Finbuckle/ITenantInfo.cs", Sources.FinbuckleStub));
        test.TestState.AdditionalProjectReferences.Add("Finbuckle");
        return test.RunAsync();
    }

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_KeysWithTheTenant() => Verify.VerifyAsync(Sources.KeysWithTenant, Data);

    [Fact]
    public Task DoesNotFlag_ConstantAndGuidKeys() => Verify.VerifyAsync(Sources.ConstantAndGuidKeys, Data);

    [Fact]
    public Task DoesNotFlag_SingleTenantCode() => Verify.VerifyAsync(Sources.SingleTenant, Data);

    [Fact]
    public Task DoesNotFlag_KeysHandedInWholeOrOpaque() => Verify.VerifyAsync(Sources.OpaqueKeys, Data);

    [Fact]
    public Task DoesNotFlag_GlobalDimensions() => Verify.VerifyAsync(Sources.GlobalDimensions, Data);

    [Fact]
    public Task DoesNotFlag_CallerIdentityKeys() => Verify.VerifyAsync(Sources.CallerIdentityKeys, Data);

    [Fact]
    public Task DoesNotFlag_RedisHashFieldsAndPrefixedDatabase() => Verify.VerifyAsync(Sources.RedisNonKeys, Data);

    [Fact]
    public Task DoesNotFlag_RedisLocksAndKeysReadFromRedis() => Verify.VerifyAsync(Sources.RedisLocksAndStoredKeys, Data);

    [Fact]
    public Task DoesNotFlag_TypeNameKeys() => Verify.VerifyAsync(Sources.TypeNameKeys, Data);

    [Fact]
    public Task DoesNotFlag_GuidOrIdentityWithOtherParts() => Verify.VerifyAsync(Sources.GuidWithOtherParts, Data);

    [Fact]
    public Task Flags_CallUsingABuiltKey_NotTheKeyBuilder() => Verify.VerifyAsync(Sources.KeyBuilderOverTheCache, Data);

    [Fact]
    public Task DoesNotFlag_StringCheckedAsGuid() => Verify.VerifyAsync(Sources.StringCheckedAsGuid, Data);

    [Fact]
    public Task Flags_PrivateMethodCalledWithUncheckedString() => Verify.VerifyAsync(Sources.PrivateMethodCalledWithUncheckedString, Data);

    [Fact]
    public Task DoesNotFlag_StringComparedWithGuidText() => Verify.VerifyAsync(Sources.StringComparedWithGuidText, Data);

    [Fact]
    public Task Flags_StringComparedWithOtherText() => Verify.VerifyAsync(Sources.StringComparedWithOtherText, Data);

    [Fact]
    public Task DoesNotFlag_HelperInAnotherFile()
    {
        var test = new Verify.Test(Data) { TestCode = Sources.CallsHelperInAnotherFile };
        test.TestState.Sources.Add(("/CacheKeys.cs", Sources.HelperInAnotherFile));
        return test.RunAsync();
    }

    [Fact]
    public Task DoesNotFlag_ReassignedLocal() => Verify.VerifyAsync(Sources.ReassignedLocal, Data);

    [Fact]
    public Task DoesNotFlag_OrchardCoreShells() => Verify.VerifyAsync(Sources.OrchardCoreShell, Data);

    [Fact]
    public Task DoesNotFlag_ExcludedMethod() => Verify.VerifyAsync(
        Sources.Excluded,
        Data,
        editorConfig: "postmortem.PM0007.excluded_symbols = M:Shop.CatalogCache.GetShared(System.Int32)");

    // ---------------------------------------------------------------- Fix

    [Fact]
    public Task Fix_InsertsTenantHoleInInterpolatedKey() => VerifyFix.VerifyFixAsync(
        Sources.FixInterpolated, Sources.FixInterpolatedFixed, EquivalenceKeys.PM0007PrefixTenant, Data);

    [Fact]
    public Task Fix_WrapsOtherStringKeys() => VerifyFix.VerifyFixAsync(
        Sources.FixOtherShapes, Sources.FixOtherShapesFixed, EquivalenceKeys.PM0007PrefixTenant, Data, batchFixedSource: Sources.FixOtherShapesFixed);

    [Fact]
    public Task Fix_UsesTenantAccessorOfField() => VerifyFix.VerifyFixAsync(
        Sources.FixAccessor, Sources.FixAccessorFixed, EquivalenceKeys.PM0007PrefixTenant, Data);

    [Fact]
    public Task FixAll_PrefixesEveryKey() => VerifyFix.VerifyFixAsync(
        Sources.FixAll, Sources.FixAllFixed, EquivalenceKeys.PM0007PrefixTenant, Data, batchFixedSource: Sources.FixAllFixed);

    [Fact]
    public Task NoFix_WithoutTenantInScope() => VerifyFix.VerifyNoFixAsync(Sources.NoTenantInScope, EquivalenceKeys.PM0007PrefixTenant, Data);

    [Fact]
    public Task NoFix_ForTupleKey() => VerifyFix.VerifyNoFixAsync(Sources.TupleKeyWithTenantInScope, EquivalenceKeys.PM0007PrefixTenant, Data);

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        private const string TenantContext = """

            public interface ITenantContext
            {
                string TenantId { get; }
            }
            """;

        public const string DistributedCacheKeys = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class ProductCache(IDistributedCache cache)
            {
                public Task<string?> GetProduct(int productId) => [|cache.GetStringAsync($"product:{productId}")|];

                public Task SaveOrder(long orderId, string json) => [|cache.SetStringAsync("order:" + orderId, json)|];

                public void ForgetCart(string cartId) => [|cache.Remove(string.Format("cart:{0}", cartId))|];

                public Task<byte[]?> GetInvoice(int invoiceId)
                {
                    var key = string.Concat("invoice:", invoiceId.ToString());
                    return [|cache.GetAsync(key)|];
                }

                public Task Refresh(string slug) => [|cache.RefreshAsync($"page:{slug.ToLowerInvariant()}")|];
            }
            """ + TenantContext;

        public const string Message = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            public sealed class ProductCache(IDistributedCache cache)
            {
                public Task<string?> Get(int productId) => {|#0:cache.GetStringAsync({|#1:$"product:{productId}"|})|};
            }
            """ + TenantContext;

        public const string MemoryCacheObjectKeys = """
            using Microsoft.Extensions.Caching.Memory;

            namespace Shop;

            public sealed record PriceKey(int ProductId, string Currency);

            public sealed class PriceCache(IMemoryCache cache)
            {
                public decimal? ByTuple(int productId) => [|cache.Get<decimal?>((productId, "EUR"))|];

                public decimal? ByRecord(int productId) => [|cache.Get<decimal?>(new PriceKey(productId, "EUR"))|];

                public decimal? ByAnonymous(int productId) => [|cache.Get<decimal?>(new { productId })|];

                public bool ById(int productId, out decimal price) => [|cache.TryGetValue(productId, out price)|];

                public decimal Create(int productId) => [|cache.GetOrCreate(productId, _ => 1m)|];

                public void Forget(int productId) => [|cache.Remove(productId)|];
            }
            """ + TenantContext;

        public const string RedisKeys = """
            using System.Threading.Tasks;
            using StackExchange.Redis;

            namespace Shop;

            public sealed class BasketStore(IConnectionMultiplexer redis)
            {
                public Task<RedisValue> Get(string basketId) => [|redis.GetDatabase().StringGetAsync($"basket:{basketId}")|];

                public bool Drop(int cartId) => [|redis.GetDatabase().KeyDelete("cart:" + cartId)|];

                public Task<bool> Move(int fromId, int toId, string tenantId)
                    => [|redis.GetDatabase().SetMoveAsync($"{tenantId}:set:{fromId}", $"set:{toId}", "member")|];
            }
            """ + TenantContext;

        /// <summary>An extension over IMemoryCache that only builds a key: the call that uses the key is the one judged.</summary>
        public const string KeyBuilderOverTheCache = """
            using Microsoft.Extensions.Caching.Memory;

            namespace Shop;

            public static class MemoryCacheKeys
            {
                public static string BuildScopedKey(this IMemoryCache _, string key) => "shop:" + key;
            }

            public sealed class Widgets(IMemoryCache cache, ITenantContext tenant)
            {
                public object? Widget(string slug)
                {
                    var key = cache.BuildScopedKey(slug);
                    return [|cache.Get(key)|];
                }

                public object? TenantWidget(string slug) => cache.Get(cache.BuildScopedKey(tenant.TenantId + ":" + slug));
            }
            """ + TenantContext;

        public const string SameFileHelpers = """
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class CatalogCache(IDistributedCache cache, ITenantContext tenant)
            {
                private readonly int _storeId = 7;

                private static string ProductKey(int id) => $"product:{id}";

                private static string CategoryKey(int id)
                {
                    var prefix = "category";
                    return prefix + ":" + id;
                }

                private string CartKey => $"cart:{_storeId}";

                private string TenantProductKey(int id) => $"{tenant.TenantId}:product:{id}";

                private static string KeyFor(string tenantId, int id) => $"{tenantId}:{id}";

                public string? Product(int id) => [|cache.GetString(ProductKey(id))|];

                public string? Category(int id) => [|cache.GetString(CategoryKey(id))|];

                public string? Cart() => [|cache.GetString(CartKey)|];

                public string? TenantProduct(int id) => cache.GetString(TenantProductKey(id));

                public string? Keyed(int id) => cache.GetString(KeyFor(tenant.TenantId, id));
            }
            """ + TenantContext;

        public const string HybridAndFusion = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Hybrid;
            using ZiggyCreatures.Caching.Fusion;

            namespace Shop;

            public sealed class Catalog(HybridCache hybrid, IFusionCache fusion, ITenantContext tenant)
            {
                public ValueTask<string> Hybrid(int id)
                    => [|hybrid.GetOrCreateAsync($"product:{id}", _ => ValueTask.FromResult("p"))|];

                public ValueTask<string> HybridWithTenant(int id)
                    => hybrid.GetOrCreateAsync($"{tenant.TenantId}:product:{id}", _ => ValueTask.FromResult("p"));

                public ValueTask<string?> Fusion(int id) => [|fusion.GetOrDefaultAsync<string>($"product:{id}")|];

                public ValueTask<string?> FusionWithTenant(int id) => fusion.GetOrDefaultAsync<string>($"{tenant.TenantId}:product:{id}");
            }
            """ + TenantContext;

        public const string OutputCacheStore = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.OutputCaching;

            namespace Shop;

            public sealed class PageCache(IOutputCacheStore store)
            {
                public ValueTask<byte[]?> Page(string slug, CancellationToken ct) => [|store.GetAsync($"page:{slug}", ct)|];

                public ValueTask Evict(string slug, CancellationToken ct) => store.EvictByTagAsync($"page:{slug}", ct);
            }
            """ + TenantContext;

        public const string OrganizationIdentifiers = """
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Organization
            {
                public int Id { get; set; }
            }

            public sealed class Reports(IDistributedCache cache)
            {
                public string? Report(int organizationId, int reportId) => cache.GetString($"{organizationId}:report:{reportId}");

                public string? Shared(int reportId) => [|cache.GetString($"report:{reportId}")|];

                public string? Board(string workspaceSlug, int boardId) => cache.GetString($"{workspaceSlug}:board:{boardId}");
            }
            """;

        public const string TenantParameterOnly = """
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Reports(IDistributedCache cache)
            {
                public string? Report(string tenantId, int reportId) => [|cache.GetString($"report:{reportId}")|];
            }
            """;

        public const string FinbuckleStub = """
            namespace Finbuckle.MultiTenant.Abstractions;

            public interface ITenantInfo
            {
                string? Id { get; }
            }
            """;

        public const string OverMultiTenancyLibrary = """
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Reports(IDistributedCache cache)
            {
                public string? Report(int reportId) => [|cache.GetString($"report:{reportId}")|];
            }
            """;

        public const string KeysWithTenant = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.Caching.Memory;

            namespace Shop;

            public sealed class Tenant
            {
                public int Id { get; set; }
            }

            public sealed class User
            {
                public Tenant Tenant { get; set; } = new();
            }

            public sealed record TenantProductKey(int TenantId, int ProductId);

            public sealed record ProductKey(string Owner, int ProductId);

            public sealed class TenantCaches(IDistributedCache cache, IMemoryCache memory, ITenantContext context)
            {
                public Task<string?> Accessor(int productId) => cache.GetStringAsync($"{context.TenantId}:product:{productId}");

                public Task<string?> Parameter(string tenantId, int productId) => cache.GetStringAsync("p:" + tenantId + ":" + productId);

                public Task<string?> Chain(User user, int productId) => cache.GetStringAsync($"product:{user.Tenant.Id}:{productId}");

                public Task<string?> Call(int productId) => cache.GetStringAsync($"{GetTenantId()}:{productId}");

                public Task<string?> Local(int productId)
                {
                    var t = context.TenantId;
                    var key = $"{t}:product:{productId}";
                    return cache.GetStringAsync(key);
                }

                public decimal? Tuple(int tenantId, int productId) => memory.Get<decimal?>((tenantId, productId));

                public decimal? NamedTuple(int owner, int productId) => memory.Get<decimal?>((TenantId: owner, productId));

                public decimal? Record(int owner, int productId) => memory.Get<decimal?>(new TenantProductKey(owner, productId));

                public decimal? RecordArgument(int productId) => memory.Get<decimal?>(new ProductKey(context.TenantId, productId));

                public decimal? Anonymous(int owner, int productId) => memory.Get<decimal?>(new { TenantId = owner, productId });

                public Task<string?> Literal(int id) => cache.GetStringAsync($"tenant:{id}:settings");

                private string GetTenantId() => context.TenantId;
            }
            """ + TenantContext;

        public const string ConstantAndGuidKeys = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.Caching.Memory;

            namespace Shop;

            public static class CacheNames
            {
                public const string Countries = "countries";
                public static readonly string Currencies = "currencies";
            }

            public sealed class Order
            {
                public Guid Id { get; set; }
            }

            public sealed class Lookups(IDistributedCache cache, IMemoryCache memory)
            {
                public Task<string?> Countries() => cache.GetStringAsync(CacheNames.Countries);

                public Task<string?> Currencies() => cache.GetStringAsync(CacheNames.Currencies + ":all");

                public Task<string?> Literal() => cache.GetStringAsync("feature-flags");

                public Task<string?> ByName() => cache.GetStringAsync(nameof(Countries));

                public Task<string?> OrderById(Guid orderId) => cache.GetStringAsync($"order:{orderId}");

                public Task<string?> OrderByEntity(Order order) => cache.GetStringAsync("order:" + order.Id.ToString("N"));

                public object? Memory(Guid? sessionId) => memory.Get((CacheNames.Countries, sessionId));
            }
            """ + TenantContext;

        public const string SingleTenant = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.Caching.Memory;
            using StackExchange.Redis;

            namespace Shop;

            public sealed class ProductCache(IDistributedCache cache, IMemoryCache memory, IDatabase redis)
            {
                public Task<string?> Product(int productId) => cache.GetStringAsync($"product:{productId}");

                public decimal? Price(int productId) => memory.Get<decimal?>(productId);

                public Task<RedisValue> Session(string sessionId) => redis.StringGetAsync("session:" + sessionId);
            }
            """;

        public const string OpaqueKeys = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public interface IKeyBuilder
            {
                string For(int id);
            }

            public sealed class CacheFacade(IDistributedCache cache, IKeyBuilder keys, ITenantContext tenant, string instancePrefix)
            {
                private readonly string _keyPrefix = instancePrefix;

                public Task<string?> Get(string key) => cache.GetStringAsync(key);

                public Task Set(string cacheKey, string value) => cache.SetStringAsync(cacheKey, value);

                public Task<string?> Prefixed(int id) => cache.GetStringAsync($"{_keyPrefix}:{id}");

                public Task<string?> Built(int id) => cache.GetStringAsync(keys.For(id));

                public Task<string?> Chosen(int id, bool global) => cache.GetStringAsync(global ? $"g:{id}" : $"{tenant.TenantId}:{id}");
            }
            """ + TenantContext;

        public const string GlobalDimensions = """
            using System;
            using System.Globalization;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public enum Period { Day, Week }

            public sealed class Rates(IDistributedCache cache)
            {
                public Task<string?> Daily(DateOnly day) => cache.GetStringAsync($"rates:{day:yyyyMMdd}");

                public Task<string?> Today() => cache.GetStringAsync($"rates:{DateTime.UtcNow:yyyyMMdd}");

                public Task<string?> Menu(string culture) => cache.GetStringAsync($"menu:{culture}");

                public Task<string?> Ui() => cache.GetStringAsync("ui:" + CultureInfo.CurrentUICulture.Name);

                public Task<string?> Stats(Period period, bool detailed) => cache.GetStringAsync($"stats:{period}:{detailed}");

                public Task<string?> Mapping(string mappingFilePath) => cache.GetStringAsync("mapping:" + mappingFilePath);

                public Task<string?> Template(string viewFileName) => cache.GetStringAsync($"template:{viewFileName}");

                public Task<string?> Module(string moduleSystemName) => cache.GetStringAsync("metadata:" + moduleSystemName);
            }
            """ + TenantContext;

        public const string CallerIdentityKeys = """
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Account(IDistributedCache cache)
            {
                public Task<string?> Profile(string userId) => cache.GetStringAsync($"profile:{userId}");

                public Task<string?> Otp(string email) => cache.GetStringAsync(string.Format("2fa-sent:{0}", email));

                public Task<string?> Session(string id) => cache.GetStringAsync($"session:{id}");

                public Task<string?> Current(ClaimsPrincipal user) => cache.GetStringAsync("prefs:" + user.Identity!.Name);
            }
            """ + TenantContext;

        public const string RedisNonKeys = """
            using System.Threading.Tasks;
            using StackExchange.Redis;
            using StackExchange.Redis.KeyspaceIsolation;

            namespace Shop;

            public sealed class Profiles(IConnectionMultiplexer redis, ITenantContext tenant)
            {
                public Task<RedisValue> Field(int userId) => redis.GetDatabase().HashGetAsync($"{tenant.TenantId}:users", userId);

                public Task<bool> Member(string email) => redis.GetDatabase().SetAddAsync("emails:" + tenant.TenantId, email);

                public Task<RedisValue> Prefixed(int userId)
                {
                    var db = redis.GetDatabase().WithKeyPrefix(tenant.TenantId + ":");
                    return db.StringGetAsync($"user:{userId}");
                }
            }
            """ + TenantContext;

        public const string RedisLocksAndStoredKeys = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Memory;
            using StackExchange.Redis;

            namespace Shop;

            public sealed class RedisLocker(IConnectionMultiplexer redis)
            {
                public async Task<bool> Run(string resource, Func<Task> action)
                {
                    var db = redis.GetDatabase();
                    var token = Guid.NewGuid().ToString();
                    if (!await db.LockTakeAsync(resource, token, TimeSpan.FromSeconds(20)))
                    {
                        return false;
                    }

                    try
                    {
                        await action();
                        return true;
                    }
                    finally
                    {
                        await db.LockReleaseAsync(resource, token);
                    }
                }
            }

            public sealed class Invalidation(IConnectionMultiplexer redis, IMemoryCache memory)
            {
                public void Listen()
                    => redis.GetSubscriber().Subscribe(RedisChannel.Literal("invalidate"), (channel, message) => memory.Remove(message.ToString()));

                public async Task Sweep()
                {
                    var db = redis.GetDatabase();
                    foreach (var member in await db.SetMembersAsync("cached-keys"))
                    {
                        await db.KeyDeleteAsync(member.ToString());
                    }
                }
            }
            """ + TenantContext;

        public const string TypeNameKeys = """
            using System.Collections.Generic;
            using Microsoft.Extensions.Caching.Memory;

            namespace Shop;

            public sealed class Translations(IMemoryCache memory)
            {
                public Dictionary<string, string>? All() => memory.Get<Dictionary<string, string>>(typeof(Translations).FullName!);

                public void Store(Dictionary<string, string> data) => memory.Set(typeof(Translations).Name + ":all", data);
            }
            """ + TenantContext;

        public const string GuidWithOtherParts = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Permissions(IDistributedCache cache)
            {
                public Task<string?> ForUser(Guid userId, string issuedAt) => cache.GetStringAsync($"permissions/{userId}/{issuedAt}");

                public Task<string?> Line(Guid orderId, int lineNumber) => cache.GetStringAsync($"order:{orderId}:line:{lineNumber}");

                public Task<string?> Settings(string userName, int page) => cache.GetStringAsync($"settings:{userName}:{page}");
            }
            """ + TenantContext;

        public const string StringCheckedAsGuid = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class TemporarySchemes(IDistributedCache cache)
            {
                public async Task<string> AddAsync(byte[] scheme, CancellationToken ct)
                {
                    var id = Guid.NewGuid().ToString();
                    await cache.SetAsync(Key(id), scheme, new DistributedCacheEntryOptions(), ct);
                    return id;
                }

                public async Task<byte[]?> FindAsync(string name, CancellationToken ct)
                {
                    if (!Guid.TryParse(name, out _))
                    {
                        return null;
                    }

                    return await LoadAsync(name, ct);
                }

                public Task<string?> ByParsedName(string name) => Guid.TryParse(name, out _) ? cache.GetStringAsync($"scheme:{name}") : Task.FromResult<string?>(null);

                private Task<byte[]?> LoadAsync(string name, CancellationToken ct) => cache.GetAsync(Key(name), ct);

                private static string Key(string id) => $"AUTH_SCHEMES_{id}";
            }
            """ + TenantContext;

        public const string PrivateMethodCalledWithUncheckedString = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Catalog(IDistributedCache cache)
            {
                public Task<string?> Checked(string sku) => Guid.TryParse(sku, out _) ? Load(sku) : Task.FromResult<string?>(null);

                public Task<string?> Unchecked(string sku) => Load(sku);

                private Task<string?> Load(string sku) => [|cache.GetStringAsync($"product:{sku}")|];
            }
            """ + TenantContext;

        public const string StringComparedWithGuidText = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Category
            {
                public Guid Id { get; set; }
                public string Name { get; set; } = "";
            }

            public sealed class CatalogContext(DbContextOptions<CatalogContext> options) : DbContext(options)
            {
                public DbSet<Category> Categories => Set<Category>();
            }

            public sealed class Categories(IDistributedCache cache, CatalogContext db)
            {
                public async Task<string?> Details(string id)
                {
                    var cached = await cache.GetStringAsync($"category-{id}");
                    if (cached is not null)
                    {
                        return cached;
                    }

                    var name = await db.Categories.Where(c => c.Id.ToString() == id).Select(c => c.Name).FirstOrDefaultAsync();
                    await cache.SetStringAsync($"category-{id}", name ?? "");
                    return name;
                }

                public Task Forget(string id)
                    => db.Categories.Any(c => id == c.Id.ToString() || c.Id.ToString().Equals(id)) ? cache.RemoveAsync($"category-{id}") : Task.CompletedTask;
            }
            """ + TenantContext;

        public const string StringComparedWithOtherText = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class Category
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            public sealed class CatalogContext(DbContextOptions<CatalogContext> options) : DbContext(options)
            {
                public DbSet<Category> Categories => Set<Category>();
            }

            public sealed class Categories(IDistributedCache cache, CatalogContext db)
            {
                public async Task<string?> Details(string id)
                {
                    var name = await db.Categories.Where(c => c.Id.ToString() == id).Select(c => c.Name).FirstOrDefaultAsync();
                    await [|cache.SetStringAsync($"category-{id}", name ?? "")|];
                    return name;
                }
            }
            """ + TenantContext;

        public const string CallsHelperInAnotherFile = """
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class CatalogCache(IDistributedCache cache)
            {
                public string? Product(int id) => cache.GetString(Keys.Product(id));
            }
            """ + TenantContext;

        public const string HelperInAnotherFile = """
            namespace Shop;

            public static class Keys
            {
                public static string Product(int id) => $"product:{id}";
            }
            """;

        public const string ReassignedLocal = """
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class CatalogCache(IDistributedCache cache)
            {
                public string? Product(int id, string? tenantId)
                {
                    var key = $"product:{id}";
                    if (tenantId is not null)
                    {
                        key = tenantId + ":" + key;
                    }

                    return cache.GetString(key);
                }
            }
            """;

        public const string OrchardCoreShell = """
            using Microsoft.Extensions.Caching.Memory;

            namespace OrchardCore.Environment.Shell
            {
                // Stub: Orchard Core is not on the package source; the real type has this namespace and name.
                public class ShellSettings
                {
                    public string Name { get; set; } = "";
                }
            }

            namespace Shop
            {
                public sealed class TenantFeatures(IMemoryCache cache)
                {
                    public object? Feature(int id) => cache.Get($"feature:{id}");
                }
            }
            """;

        public const string Excluded = """
            using Microsoft.Extensions.Caching.Distributed;

            namespace Shop;

            public sealed class CatalogCache(IDistributedCache cache)
            {
                public string? GetShared(int id) => cache.GetString($"catalog:{id}");
            }
            """ + TenantContext;

        public const string FixInterpolated = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            public sealed class ProductCache(IDistributedCache cache)
            {
                public Task<string?> Get(string tenantId, int productId) => [|cache.GetStringAsync($"product:{productId}")|];
            }
            """;

        public const string FixInterpolatedFixed = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            public sealed class ProductCache(IDistributedCache cache)
            {
                public Task<string?> Get(string tenantId, int productId) => cache.GetStringAsync($"{tenantId}:product:{productId}");
            }
            """;

        public const string FixOtherShapes = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using StackExchange.Redis;

            public sealed class Orders(IDistributedCache cache, IDatabase redis)
            {
                public Task<string?> Concat(int tenantId, long orderId) => [|cache.GetStringAsync("order:" + orderId)|];

                public Task<bool> Redis(int tenantId, long orderId)
                {
                    var key = $"order:{orderId}";
                    return [|redis.KeyDeleteAsync(key)|];
                }
            }
            """;

        public const string FixOtherShapesFixed = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using StackExchange.Redis;

            public sealed class Orders(IDistributedCache cache, IDatabase redis)
            {
                public Task<string?> Concat(int tenantId, long orderId) => cache.GetStringAsync($"{tenantId}:{("order:" + orderId)}");

                public Task<bool> Redis(int tenantId, long orderId)
                {
                    var key = $"order:{orderId}";
                    return redis.KeyDeleteAsync($"{tenantId}:{key}");
                }
            }
            """;

        public const string FixAccessor = """
            using Microsoft.Extensions.Caching.Memory;

            public interface ITenantContext
            {
                string TenantId { get; }
            }

            public sealed class Prices
            {
                private readonly IMemoryCache _cache;
                private readonly ITenantContext _tenantContext;

                public Prices(IMemoryCache cache, ITenantContext tenantContext)
                {
                    _cache = cache;
                    _tenantContext = tenantContext;
                }

                public decimal? Get(int productId) => [|_cache.Get<decimal?>($@"price:{productId}")|];
            }
            """;

        public const string FixAccessorFixed = """
            using Microsoft.Extensions.Caching.Memory;

            public interface ITenantContext
            {
                string TenantId { get; }
            }

            public sealed class Prices
            {
                private readonly IMemoryCache _cache;
                private readonly ITenantContext _tenantContext;

                public Prices(IMemoryCache cache, ITenantContext tenantContext)
                {
                    _cache = cache;
                    _tenantContext = tenantContext;
                }

                public decimal? Get(int productId) => _cache.Get<decimal?>($@"{_tenantContext.TenantId}:price:{productId}");
            }
            """;

        public const string FixAll = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            public sealed class Tenant
            {
                public int Id { get; set; }
            }

            public sealed class ProductCache(IDistributedCache cache)
            {
                public async Task<string?> Get(Tenant tenant, int productId)
                {
                    var cached = await [|cache.GetStringAsync($"product:{productId}")|];
                    if (cached is null)
                    {
                        cached = "{}";
                        await [|cache.SetStringAsync($"product:{productId}", cached)|];
                    }

                    return cached;
                }
            }
            """;

        public const string FixAllFixed = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            public sealed class Tenant
            {
                public int Id { get; set; }
            }

            public sealed class ProductCache(IDistributedCache cache)
            {
                public async Task<string?> Get(Tenant tenant, int productId)
                {
                    var cached = await cache.GetStringAsync($"{tenant.Id}:product:{productId}");
                    if (cached is null)
                    {
                        cached = "{}";
                        await cache.SetStringAsync($"{tenant.Id}:product:{productId}", cached);
                    }

                    return cached;
                }
            }
            """;

        public const string NoTenantInScope = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;

            public sealed class ProductCache(IDistributedCache cache)
            {
                public Task<string?> Get(int productId) => [|cache.GetStringAsync($"product:{productId}")|];
            }

            public sealed class TenantSettings
            {
                public string Name { get; set; } = "";
            }
            """;

        public const string TupleKeyWithTenantInScope = """
            using Microsoft.Extensions.Caching.Memory;

            public sealed class Prices(IMemoryCache cache)
            {
                public decimal? Get(string tenantId, int productId) => [|cache.Get<decimal?>((productId, "EUR"))|];
            }
            """;
    }
}
