namespace OrdersService.Services;

public sealed record FraudCheckRequest(string CustomerId, decimal Amount, string Currency);

public sealed record FraudCheckResult(bool Allowed, double Score);

/// <summary>Asks the fraud service whether an order may be charged; fails open when it does not answer.</summary>
public sealed class FraudCheckClient
{
    private readonly HttpClient _http;
    private readonly ILogger<FraudCheckClient> _logger;

    public FraudCheckClient(HttpClient http, ILogger<FraudCheckClient> logger)
    {
        _http = http;
        _logger = logger;
    }

    public async Task<bool> IsAllowedAsync(FraudCheckRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync("v1/checks", request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var result = await response.Content.ReadFromJsonAsync<FraudCheckResult>(cancellationToken);
            return result?.Allowed ?? true;
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning(ex, "Fraud check unavailable for customer {CustomerId}; allowing the order", request.CustomerId);
            return true;
        }
    }
}
