namespace OrdersService.Services;

public sealed record PaymentRequest(Guid OrderId, decimal Amount, string Currency);

public sealed record PaymentResult(string PaymentId, bool Approved, string? DeclineReason);

/// <summary>
/// Typed client registered with <c>AddHttpClient&lt;PaymentsClient&gt;</c>: the factory hands it an
/// HttpClient over a pooled handler that it recycles on its own schedule.
/// </summary>
public sealed class PaymentsClient
{
    private readonly HttpClient _http;

    public PaymentsClient(HttpClient http) => _http = http;

    public async Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("v1/charges", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PaymentResult>(cancellationToken)
            ?? throw new InvalidOperationException("The payment service returned an empty body.");
    }

    public async Task RefundAsync(Guid orderId, decimal amount, string currency, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("v1/refunds", new PaymentRequest(orderId, amount, currency), cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
