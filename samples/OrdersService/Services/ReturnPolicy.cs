using System.Text.Json;

namespace OrdersService.Services;

/// <summary>Which return reasons are accepted, and for how many days. Read from a JSON file next to the app.</summary>
public sealed class ReturnPolicy(string path)
{
    public bool Accepts(string reason, DateTimeOffset orderedAt)
    {
        var rule = FindRule(reason);
        return rule is not null && orderedAt.AddDays(rule.Days) >= DateTimeOffset.UtcNow;
    }

    private ReturnRule? FindRule(string reason)
        => LoadRules().FirstOrDefault(rule => string.Equals(rule.Reason, reason, StringComparison.OrdinalIgnoreCase));

    // The synchronous read two calls below an async controller action.
    private ReturnRule[] LoadRules()
        => JsonSerializer.Deserialize<ReturnRule[]>(File.ReadAllText(path)) ?? [];

    // Not flagged: the async version of the same read.
    public async Task<ReturnRule[]> LoadRulesAsync(CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ReturnRule[]>(stream, cancellationToken: cancellationToken) ?? [];
    }
}

public sealed record ReturnRule(string Reason, int Days);
