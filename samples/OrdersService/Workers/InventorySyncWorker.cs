using Microsoft.Extensions.Options;
using OrdersService.Data;
using OrdersService.Infrastructure;

namespace OrdersService.Workers;

/// <summary>Pulls the warehouse's stock levels on a fixed interval so order creation can check availability.</summary>
public sealed class InventorySyncWorker : BackgroundService
{
    private readonly StockLevels _stock;
    private readonly Uri _warehouse;
    private readonly TimeSpan _interval;
    private readonly ILogger<InventorySyncWorker> _logger;

    public InventorySyncWorker(
        StockLevels stock,
        IOptions<ExternalServicesOptions> options,
        IConfiguration configuration,
        ILogger<InventorySyncWorker> logger)
    {
        _stock = stock;
        _warehouse = options.Value.Warehouse;
        _interval = TimeSpan.FromSeconds(configuration.GetValue("InventorySync:IntervalSeconds", 30));
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // PM0003: a client per iteration; a worker that runs for weeks leaves a trail of sockets in TIME_WAIT.
                using var client = new HttpClient { BaseAddress = _warehouse };
                var levels = await client.GetFromJsonAsync<List<StockLevel>>("v1/stock", stoppingToken);
                _stock.Replace(levels ?? []);
            }
            catch (HttpRequestException ex)
            {
                _logger.LogWarning(ex, "Stock sync failed; keeping the previous snapshot");
            }

            await Task.Delay(_interval, stoppingToken);
        }
    }
}
