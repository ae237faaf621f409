using Microsoft.EntityFrameworkCore;
using OrdersService.Data;

namespace OrdersService.Workers;

/// <summary>Every few minutes, reports the shipments that have been on the road for more than five days.</summary>
public sealed class ShipmentDelayWorker : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_allowedTransit = TimeSpan.FromDays(5);

    private readonly OrdersDbContext _db;
    private readonly ILogger<ShipmentDelayWorker> _logger;

    // PM0008: the host creates this worker once, so the context lives as long as the process. Every late shipment it
    // loads stays in its change tracker for good: later polls hand back the tracked instance as it was first loaded
    // (a tracking number the carrier sent since is never seen), and the tracker grows with every cycle.
    public ShipmentDelayWorker(OrdersDbContext db, ILogger<ShipmentDelayWorker> logger)
    {
        _db = db;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var cutoff = DateTimeOffset.UtcNow - s_allowedTransit;
            var late = await _db.Shipments
                .Where(shipment => shipment.DeliveredAt == null && shipment.ShippedAt < cutoff)
                .ToListAsync(stoppingToken);
            foreach (var shipment in late)
            {
                _logger.LogWarning(
                    "Shipment {ShipmentId} of order {OrderId} shipped {ShippedAt} with {Carrier} is late (tracking number {TrackingNumber})",
                    shipment.Id,
                    shipment.OrderId,
                    shipment.ShippedAt,
                    shipment.Carrier,
                    shipment.TrackingNumber ?? "not received");
            }

            await Task.Delay(s_interval, stoppingToken);
        }
    }
}
