using Microsoft.AspNetCore.Mvc;
using OrdersService.Data;
using OrdersService.Infrastructure;

namespace OrdersService.Controllers;

public sealed record ReturnRequest(Guid OrderId, string Sku, int Quantity, string Reason);

public sealed record ReturnLabel(string ReturnId, Uri LabelUrl);

[ApiController]
[Route("api/returns")]
public sealed class ReturnsController : ControllerBase
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOrderRepository _orders;

    public ReturnsController(IHttpClientFactory httpClientFactory, IOrderRepository orders)
    {
        _httpClientFactory = httpClientFactory;
        _orders = orders;
    }

    [HttpPost]
    public async Task<ActionResult<ReturnLabel>> Create(ReturnRequest request, CancellationToken cancellationToken)
    {
        var order = await _orders.FindAsync(request.OrderId, cancellationToken);
        if (order is null || order.Lines.All(line => line.Sku != request.Sku))
        {
            return NotFound();
        }

        // Not flagged: the factory hands out clients over pooled handlers it recycles; the client is cheap to ask for.
        var warehouse = _httpClientFactory.CreateClient(HttpClientNames.Warehouse);
        using var response = await warehouse.PostAsJsonAsync("v1/returns", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var label = await response.Content.ReadFromJsonAsync<ReturnLabel>(cancellationToken);
        if (label is null)
        {
            return StatusCode(StatusCodes.Status502BadGateway);
        }

        return label;
    }
}
