namespace OrdersService.Services;

public sealed record LoyaltyBalance(string CustomerId, int Points, string Tier);

/// <summary>Reads loyalty balances through the process-wide HttpClient registered as a singleton.</summary>
public sealed class LoyaltyClient
{
    private readonly HttpClient _http;

    public LoyaltyClient(HttpClient http) => _http = http;

    public Task<LoyaltyBalance?> GetBalanceAsync(string customerId, CancellationToken cancellationToken)
        => _http.GetFromJsonAsync<LoyaltyBalance>($"v1/members/{Uri.EscapeDataString(customerId)}/balance", cancellationToken);
}
