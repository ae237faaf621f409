using Microsoft.Extensions.Options;
using OrdersService.Infrastructure;

namespace OrdersService.Services;

public sealed record ShippingAddress(string Line1, string? Line2, string City, string PostalCode, string CountryCode);

public sealed record AddressVerdict(bool Deliverable, string? Suggestion);

/// <summary>Checks with the carrier that an address can be delivered to before an order is accepted.</summary>
public sealed class AddressValidationService
{
    private readonly Uri _baseAddress;

    public AddressValidationService(IOptions<ExternalServicesOptions> options) => _baseAddress = options.Value.AddressValidation;

    // PM0003: `=>` where `=` was meant: every read of this property builds another client.
    private HttpClient Http => new() { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(5) };

    public async Task<AddressVerdict> ValidateAsync(ShippingAddress address, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("v1/addresses/validate", address, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<AddressVerdict>(cancellationToken)
            ?? new AddressVerdict(Deliverable: false, Suggestion: null);
    }
}
