using Microsoft.Extensions.Options;
using OrdersService.Infrastructure;

namespace OrdersService.Services;

public sealed record CatalogPrice(string Sku, decimal UnitPrice, string Currency);

/// <summary>Reads tenant-specific prices from the catalog service.</summary>
public sealed class CatalogPricingClient
{
    // One handler, so one connection pool, behind every client this class builds.
    private static readonly SocketsHttpHandler s_handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

    private readonly Uri _baseAddress;

    public CatalogPricingClient(IOptions<ExternalServicesOptions> options) => _baseAddress = options.Value.Catalog;

    public async Task<CatalogPrice?> GetPriceAsync(string tenantId, string sku, CancellationToken cancellationToken)
    {
        // Not flagged: the client does not own the shared handler (disposeHandler: false), so each
        // short-lived client can carry its own tenant header while the pool stays shared.
        using var client = new HttpClient(s_handler, disposeHandler: false) { BaseAddress = _baseAddress };
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenantId);
        return await client.GetFromJsonAsync<CatalogPrice>($"v1/prices/{Uri.EscapeDataString(sku)}", cancellationToken);
    }
}
