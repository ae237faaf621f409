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

        var loyalty = await _loyalty.GetBalanceAsync(customerId, cancellationToken);
        var orders = await _orders.ListByCustomerAsync(customerId, cancellationToken);
        var recommendations = await _recommendations.GetForCustomerAsync(customerId, cancellationToken);
        return new CustomerOverview(profile, loyalty, orders.Take(10).ToList(), recommendations);
    }
}
