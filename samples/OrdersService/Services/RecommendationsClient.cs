namespace OrdersService.Services;

public sealed record Recommendation(string Sku, string Title, double Score);

/// <summary>Product recommendations shown next to a customer's order history.</summary>
public sealed class RecommendationsClient
{
    private readonly HttpClient _http;

    public RecommendationsClient(HttpClient http) => _http = http;

    public async Task<IReadOnlyList<Recommendation>> GetForCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var items = await _http.GetFromJsonAsync<List<Recommendation>>($"v1/customers/{Uri.EscapeDataString(customerId)}/recommendations?limit=5", cancellationToken);
        return items ?? [];
    }
}
