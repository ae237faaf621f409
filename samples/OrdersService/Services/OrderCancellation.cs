using System.Transactions;
using OrdersService.Data;
using OrdersService.Infrastructure;

namespace OrdersService.Services;

/// <summary>
/// Cancels an order: the status change and the refund are meant to succeed or fail together, so they run in one
/// ambient transaction. The order store enlists in it; the payment service and the customer's webhook do not.
/// </summary>
public sealed class OrderCancellation
{
    private readonly IOrderRepository _orders;
    private readonly PaymentsClient _payments;
    private readonly WebhookNotifier _notifier;
    private readonly IHttpClientFactory _httpClientFactory;

    public OrderCancellation(IOrderRepository orders, PaymentsClient payments, WebhookNotifier notifier, IHttpClientFactory httpClientFactory)
    {
        _orders = orders;
        _payments = payments;
        _notifier = notifier;
        _httpClientFactory = httpClientFactory;
    }

    public async Task CancelAsync(Order order, Uri? callbackUrl, CancellationToken cancellationToken)
    {
        using var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled);

        // Not flagged: work on the store that enlists in the transaction.
        await _orders.UpdateStatusAsync(order.Id, OrderStatus.Cancelled, cancellationToken);

        // PM0005 (buried): the refund is an HTTP call made in PaymentsClient while the transaction is open; every
        // slow answer from the payment service keeps a database connection and the order's locks busy.
        await _payments.RefundAsync(order.Id, order.Total, order.Currency, cancellationToken);

        // PM0005: the warehouse is told before the commit; if the commit fails, it has already released the stock.
        var warehouse = _httpClientFactory.CreateClient(HttpClientNames.Warehouse);
        await warehouse.PostAsJsonAsync("v1/releases", new { order.Id }, cancellationToken);

        scope.Complete();

        // Not flagged: after Complete() the transaction no longer waits for anyone.
        if (callbackUrl is not null)
        {
            await _notifier.NotifyAsync(callbackUrl, new OrderEvent("order.cancelled", order.Id, OrderStatus.Cancelled, DateTimeOffset.UtcNow), cancellationToken);
        }
    }
}
