namespace OrdersService.Infrastructure;

/// <summary>Base addresses of the services the orders API talks to (section "ExternalServices").</summary>
public sealed class ExternalServicesOptions
{
    public const string SectionName = "ExternalServices";

    public Uri Payments { get; set; } = new("https://payments.internal.example/");
    public Uri Warehouse { get; set; } = new("https://warehouse.internal.example/");
    public Uri Carrier { get; set; } = new("https://api.carrier.example/");
    public Uri Crm { get; set; } = new("https://crm.internal.example/");
    public Uri Loyalty { get; set; } = new("https://loyalty.internal.example/");
    public Uri FraudCheck { get; set; } = new("https://fraud.internal.example/");
    public Uri Recommendations { get; set; } = new("https://recommendations.internal.example/");
    public Uri AddressValidation { get; set; } = new("https://address.carrier.example/");
    public Uri Catalog { get; set; } = new("https://catalog.internal.example/");

    /// <summary>StackExchange.Redis configuration string of the cache that holds stock reservations.</summary>
    public string Redis { get; set; } = "redis.internal.example:6379";
}
