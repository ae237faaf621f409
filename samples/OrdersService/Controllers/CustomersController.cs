using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrdersService.Data;
using OrdersService.Infrastructure;
using OrdersService.Services;

namespace OrdersService.Controllers;

public sealed record CrmProfile(string CustomerId, string DisplayName, string Email, string Segment);

public sealed record CustomerOverview(
    CrmProfile Profile,
    LoyaltyBalance? Loyalty,
    IReadOnlyList<Order> RecentOrders,
    IReadOnlyList<Recommendation> Recommendations);

[ApiController]
[Route("api/customers")]
public sealed class CustomersController : ControllerBase
{
    private readonly HttpClient _crm;
    private readonly LoyaltyClient _loyalty;
    private readonly RecommendationsClient _recommendations;
    private readonly IOrderRepository _orders;

    public CustomersController(
        LoyaltyClient loyalty,
        RecommendationsClient recommendations,
        IOrderRepository orders,
        IOptions<ExternalServicesOptions> options)
    {
        // PM0003: MVC creates a controller for every request, so this client too.
        _crm = new HttpClient { BaseAddress = options.Value.Crm };
        _loyalty = loyalty;
        _recommendations = recommendations;
        _orders = orders;
    }

    [HttpGet("{customerId}")]
    public async Task<ActionResult<CustomerOverview>> GetOverview(string customerId, CancellationToken cancellationToken)
    {
        var profile = await _crm.GetFromJsonAsync<CrmProfile>($"v3/customers/{Uri.EscapeDataString(customerId)}", cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }

        var loyalty = _loyalty.GetBalanceAsync(customerId, cancellationToken);
        var orders = _orders.ListByCustomerAsync(customerId, cancellationToken);
        var recommendations = _recommendations.GetForCustomerAsync(customerId, cancellationToken);
        await Task.WhenAll(loyalty, orders, recommendations);

        // Not flagged: the three calls ran side by side and the awaited WhenAll has completed them all.
        return new CustomerOverview(profile, loyalty.Result, orders.Result.Take(10).ToList(), recommendations.Result);
    }

    [HttpGet("{customerId}/tier")]
    public async Task<ActionResult<string>> GetTier(string customerId, CancellationToken cancellationToken)
    {
        // PM0002: the request's thread sits blocked until the loyalty service answers. At peak every request
        // holds a thread-pool thread this way, the pool grows by a thread or two per second, and the API stalls.
        var balance = _loyalty.GetBalanceAsync(customerId, cancellationToken).Result;
        if (balance is null)
        {
            return NotFound();
        }

        var orders = await _orders.ListByCustomerAsync(customerId, cancellationToken);
        return $"{balance.Tier} ({orders.Count} orders)";
    }
}
