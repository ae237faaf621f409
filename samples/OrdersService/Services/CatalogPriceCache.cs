using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace OrdersService.Services;

/// <summary>Keeps catalog prices for a few minutes. Prices are negotiated per tenant, so the same SKU has a price per tenant.</summary>
public sealed class CatalogPriceCache
{
    private static readonly DistributedCacheEntryOptions s_entryOptions = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) };

    private readonly CatalogPricingClient _catalog;
    private readonly IDistributedCache _cache;

    public CatalogPriceCache(CatalogPricingClient catalog, IDistributedCache cache)
    {
        _catalog = catalog;
        _cache = cache;
    }

    public async Task<CatalogPrice?> GetPriceAsync(string tenantId, string sku, CancellationToken cancellationToken)
    {
        // PM0007: the key holds the SKU but not the tenant. Every tenant sells SKU "A-100", so the first
        // tenant to ask fills the entry and every other tenant is quoted that tenant's negotiated price.
        var cached = await _cache.GetStringAsync($"price:{sku}", cancellationToken);
        if (cached is not null)
        {
            return JsonSerializer.Deserialize<CatalogPrice>(cached);
        }

        var price = await _catalog.GetPriceAsync(tenantId, sku, cancellationToken);
        if (price is not null)
        {
            // PM0007: the same key on the write.
            await _cache.SetStringAsync($"price:{sku}", JsonSerializer.Serialize(price), s_entryOptions, cancellationToken);
        }

        return price;
    }

    public async Task<CatalogPrice?> GetListPriceAsync(string tenantId, string sku, CancellationToken cancellationToken)
    {
        // Not flagged: the tenant comes first in the key.
        var key = $"{tenantId}:list-price:{sku}";
        var cached = await _cache.GetStringAsync(key, cancellationToken);
        if (cached is not null)
        {
            return JsonSerializer.Deserialize<CatalogPrice>(cached);
        }

        var price = await _catalog.GetPriceAsync(tenantId, sku, cancellationToken);
        if (price is not null)
        {
            await _cache.SetStringAsync(key, JsonSerializer.Serialize(price), s_entryOptions, cancellationToken);
        }

        return price;
    }

    // Not flagged: order ids are Guids, which no two tenants share.
    public Task RemoveOrderQuoteAsync(Guid orderId, CancellationToken cancellationToken)
        => _cache.RemoveAsync($"order-quote:{orderId}", cancellationToken);

    // Not flagged: a constant key is global data, the same for every tenant.
    public Task<string?> GetSupportedCurrenciesAsync(CancellationToken cancellationToken)
        => _cache.GetStringAsync("catalog:currencies", cancellationToken);
}
