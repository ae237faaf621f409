namespace OrdersService.Services;

public sealed record RateQuote(string From, string To, decimal Rate, DateTimeOffset AsOf);

/// <summary>Converts order totals for reporting.</summary>
public sealed class ExchangeRateService
{
    // Not flagged: one client for the whole process. Recycling its pooled connections every few minutes
    // lets it follow DNS changes of the rates provider.
    private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = new Uri("https://rates.example/"),
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<decimal> ConvertAsync(decimal amount, string from, string to, CancellationToken cancellationToken)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return amount;
        }

        var quote = await s_http.GetFromJsonAsync<RateQuote>($"v2/rates/{from}/{to}", cancellationToken)
            ?? throw new InvalidOperationException($"No exchange rate from {from} to {to}.");
        return decimal.Round(amount * quote.Rate, 2, MidpointRounding.ToEven);
    }
}
