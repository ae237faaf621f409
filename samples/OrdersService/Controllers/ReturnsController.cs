using Microsoft.AspNetCore.Mvc;
using OrdersService.Data;
using OrdersService.Infrastructure;
using OrdersService.Services;

namespace OrdersService.Controllers;

public sealed record ReturnRequest(Guid OrderId, string Sku, int Quantity, string Reason);

public sealed record ReturnLabel(string ReturnId, Uri LabelUrl);

[ApiController]
[Route("api/returns")]
public sealed class ReturnsController : ControllerBase
{
    private static readonly ReturnPolicy s_policy = new("return-policy.json");

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

        // PM0001: Accepts() reads the policy file synchronously (ReturnPolicy.LoadRules, two calls down),
        // holding a thread-pool thread for the whole read on every return request.
        if (!s_policy.Accepts(request.Reason, order.CreatedAt))
        {
            return UnprocessableEntity();
        }

        // PM0001: a synchronous wait in the request; 'await Task.Delay(...)' releases the thread.
        Thread.Sleep(TimeSpan.FromMilliseconds(50));

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
