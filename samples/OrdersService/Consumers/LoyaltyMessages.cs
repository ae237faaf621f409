namespace OrdersService.Consumers;

/// <summary>Published by the payments service when an order is paid.</summary>
public sealed record OrderPaid(Guid OrderId, string CustomerId, int Points);

/// <summary>Published by the payments service when an order is refunded.</summary>
public sealed record OrderRefunded(Guid OrderId, string CustomerId, int Points);
