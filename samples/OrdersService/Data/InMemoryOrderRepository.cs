using System.Collections.Concurrent;

namespace OrdersService.Data;

/// <summary>Keeps orders in memory so the sample runs without a database.</summary>
public sealed class InMemoryOrderRepository : IOrderRepository
{
    private readonly ConcurrentDictionary<Guid, Order> _orders = new();

    public Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken)
        => Task.FromResult(_orders.TryGetValue(id, out var order) ? order : null);

    public Task<IReadOnlyList<Order>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Order> orders = _orders.Values
            .Where(order => order.CustomerId == customerId)
            .OrderByDescending(order => order.CreatedAt)
            .ToList();
        return Task.FromResult(orders);
    }

    public Task AddAsync(Order order, CancellationToken cancellationToken)
    {
        _orders[order.Id] = order;
        return Task.CompletedTask;
    }

    public Task UpdateStatusAsync(Guid id, OrderStatus status, CancellationToken cancellationToken)
    {
        if (_orders.TryGetValue(id, out var order))
        {
            _orders[id] = order with { Status = status };
        }

        return Task.CompletedTask;
    }
}
