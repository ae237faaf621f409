namespace OrdersService.Data;

public enum OrderStatus
{
    Pending,
    Paid,
    Shipped,
    Cancelled,
}

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record Order(
    Guid Id,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    OrderStatus Status,
    DateTimeOffset CreatedAt)
{
    public decimal Total => Lines.Sum(line => line.UnitPrice * line.Quantity);
}
