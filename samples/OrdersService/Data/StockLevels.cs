namespace OrdersService.Data;

public sealed record StockLevel(string Sku, int Available);

/// <summary>The latest stock snapshot pulled from the warehouse; replaced as a whole on every sync.</summary>
public sealed class StockLevels
{
    private volatile IReadOnlyDictionary<string, int> _levels = new Dictionary<string, int>();

    public int Available(string sku) => _levels.TryGetValue(sku, out var available) ? available : 0;

    public void Replace(IEnumerable<StockLevel> levels)
        => _levels = levels.ToDictionary(level => level.Sku, level => level.Available, StringComparer.OrdinalIgnoreCase);
}
