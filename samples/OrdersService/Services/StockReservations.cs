using Microsoft.Extensions.Options;
using OrdersService.Infrastructure;
using StackExchange.Redis;

namespace OrdersService.Services;

/// <summary>Holds stock for an order in Redis for fifteen minutes while the customer pays.</summary>
public sealed class StockReservations
{
    private static readonly TimeSpan s_holdFor = TimeSpan.FromMinutes(15);

    private readonly IConnectionMultiplexer _redis;
    private readonly string _configuration;

    public StockReservations(IConnectionMultiplexer redis, IOptions<ExternalServicesOptions> options)
    {
        _redis = redis;
        _configuration = options.Value.Redis;
    }

    public async Task<bool> ReserveAsync(Guid orderId, string sku, int quantity)
    {
        // Not flagged: the shared multiplexer registered as a singleton.
        var database = _redis.GetDatabase();
        return await database.StringSetAsync($"reservation:{orderId}:{sku}", quantity, s_holdFor, When.NotExists);
    }

    public async Task ReleaseAsync(Guid orderId, string sku)
    {
        // PM0004: a new multiplexer, with its own connections to every Redis node, for every release; under load
        // they pile up faster than they close until Redis refuses clients or the process runs out of memory.
        using var redis = await ConnectionMultiplexer.ConnectAsync(_configuration);
        await redis.GetDatabase().KeyDeleteAsync($"reservation:{orderId}:{sku}");
    }
}
