using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrdersService.Data;
using OrdersService.Infrastructure;
using OrdersService.Services;

namespace OrdersService.Controllers;

public sealed record CreateOrderLine(string Sku, int Quantity);

public sealed record CreateOrderRequest(string CustomerId, string Currency, IReadOnlyList<CreateOrderLine> Lines, Uri? CallbackUrl);

public sealed record ShippingQuote(string Carrier, decimal Price, string Currency, int TransitDays);

[ApiController]
[Route("api/orders")]
public sealed class OrdersController : ControllerBase
{
    private readonly IOrderRepository _orders;
    private readonly CatalogPricingClient _catalog;
    private readonly FraudCheckClient _fraud;
    private readonly PaymentsClient _payments;
    private readonly WebhookNotifier _notifier;
    private readonly Uri _carrier;

    public OrdersController(
        IOrderRepository orders,
        CatalogPricingClient catalog,
        FraudCheckClient fraud,
        PaymentsClient payments,
        WebhookNotifier notifier,
        IOptions<ExternalServicesOptions> options)
    {
        _orders = orders;
        _catalog = catalog;
        _fraud = fraud;
        _payments = payments;
        _notifier = notifier;
        _carrier = options.Value.Carrier;
    }

    [HttpGet("{id:guid}")]
    public async Task<ActionResult<Order>> Get(Guid id, CancellationToken cancellationToken)
    {
        var order = await _orders.FindAsync(id, cancellationToken);
        return order is null ? NotFound() : order;
    }

    [HttpPost]
    public async Task<ActionResult<Order>> Create(
        [FromHeader(Name = "X-Tenant-Id")] string tenantId,
        CreateOrderRequest request,
        CancellationToken cancellationToken)
    {
        var lines = new List<OrderLine>(request.Lines.Count);
        foreach (var line in request.Lines)
        {
            var price = await _catalog.GetPriceAsync(tenantId, line.Sku, cancellationToken);
            if (price is null)
            {
                return UnprocessableEntity($"Unknown SKU '{line.Sku}'.");
            }

            lines.Add(new OrderLine(line.Sku, line.Quantity, price.UnitPrice));
        }

        var order = new Order(Guid.NewGuid(), request.CustomerId, lines, request.Currency, OrderStatus.Pending, DateTimeOffset.UtcNow);
        if (!await _fraud.IsAllowedAsync(new FraudCheckRequest(order.CustomerId, order.Total, order.Currency), cancellationToken))
        {
            return UnprocessableEntity("The order was declined.");
        }

        var payment = await _payments.ChargeAsync(new PaymentRequest(order.Id, order.Total, order.Currency), cancellationToken);
        order = order with { Status = payment.Approved ? OrderStatus.Paid : OrderStatus.Pending };
        await _orders.AddAsync(order, cancellationToken);

        if (request.CallbackUrl is not null)
        {
            await _notifier.NotifyAsync(request.CallbackUrl, new OrderEvent("order.created", order.Id, order.Status, DateTimeOffset.UtcNow), cancellationToken);
        }

        return CreatedAtAction(nameof(Get), new { id = order.Id }, order);
    }

    [HttpGet("{id:guid}/shipping-quote")]
    public async Task<ActionResult<ShippingQuote>> GetShippingQuote(Guid id, [FromQuery] string postalCode, CancellationToken cancellationToken)
    {
        var order = await _orders.FindAsync(id, cancellationToken);
        if (order is null)
        {
            return NotFound();
        }

        // PM0003: one client per request; under load the carrier calls leave thousands of sockets in TIME_WAIT.
        using var client = new HttpClient();
        var items = order.Lines.Sum(line => line.Quantity);
        var quote = await client.GetFromJsonAsync<ShippingQuote>(
            new Uri(_carrier, $"v1/quotes?postalCode={Uri.EscapeDataString(postalCode)}&items={items}"),
            cancellationToken);
        if (quote is null)
        {
            return StatusCode(StatusCodes.Status502BadGateway);
        }

        return quote;
    }
}
