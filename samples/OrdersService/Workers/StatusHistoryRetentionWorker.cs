using Microsoft.EntityFrameworkCore;
using OrdersService.Data;

namespace OrdersService.Workers;

/// <summary>Deletes order status history older than two years, a bounded batch per hour.</summary>
public sealed class StatusHistoryRetentionWorker(
    IDbContextFactory<OrdersDbContext> contexts,
    ILogger<StatusHistoryRetentionWorker> logger) : BackgroundService
{
    private const int BatchSize = 1_000;
    private static readonly TimeSpan s_interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_retention = TimeSpan.FromDays(730);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Not flagged: the worker keeps the factory and creates a context, with an empty change tracker, per cycle.
            await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
            {
                var cutoff = DateTimeOffset.UtcNow - s_retention;
                var expired = await db.OrderStatusChanges
                    .Where(change => change.ChangedAt < cutoff)
                    .OrderBy(change => change.Id)
                    .Take(BatchSize)
                    .ToListAsync(stoppingToken);
                db.OrderStatusChanges.RemoveRange(expired);
                await db.SaveChangesAsync(stoppingToken);
                if (expired.Count > 0)
                {
                    logger.LogInformation("Deleted {Count} status changes older than {Cutoff}", expired.Count, cutoff);
                }
            }

            await Task.Delay(s_interval, stoppingToken);
        }
    }
}
