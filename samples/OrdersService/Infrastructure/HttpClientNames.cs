namespace OrdersService.Infrastructure;

/// <summary>Names of the clients registered with <c>AddHttpClient(name, ...)</c>.</summary>
public static class HttpClientNames
{
    public const string Warehouse = "warehouse";
    public const string Carrier = "carrier";
}
