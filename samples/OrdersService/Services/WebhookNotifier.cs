using OrdersService.Data;

namespace OrdersService.Services;

public sealed record OrderEvent(string Type, Guid OrderId, OrderStatus Status, DateTimeOffset OccurredAt);

/// <summary>Tells a customer's system that one of its orders changed.</summary>
public sealed class WebhookNotifier
{
    private readonly ILogger<WebhookNotifier> _logger;

    public WebhookNotifier(ILogger<WebhookNotifier> logger) => _logger = logger;

    public async Task NotifyAsync(Uri callbackUrl, OrderEvent orderEvent, CancellationToken cancellationToken)
    {
        // PM0003: a new client, and so a new connection pool, for every webhook sent.
        using var client = new HttpClient();
        using var response = await client.PostAsJsonAsync(callbackUrl, orderEvent, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            _logger.LogWarning("Webhook {Callback} answered {StatusCode} for order {OrderId}", callbackUrl, (int)response.StatusCode, orderEvent.OrderId);
        }
    }
}
