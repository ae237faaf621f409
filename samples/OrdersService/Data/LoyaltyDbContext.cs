using Microsoft.EntityFrameworkCore;

namespace OrdersService.Data;

/// <summary>Loyalty points per customer, and the messages the loyalty consumers have already applied.</summary>
public sealed class LoyaltyDbContext(DbContextOptions<LoyaltyDbContext> options) : DbContext(options)
{
    public DbSet<LoyaltyAccount> Accounts => Set<LoyaltyAccount>();

    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LoyaltyAccount>().HasKey(account => account.CustomerId);
        modelBuilder.Entity<ProcessedMessage>().HasKey(processed => processed.MessageId);
    }
}

public sealed class LoyaltyAccount
{
    public string CustomerId { get; set; } = string.Empty;

    public int Points { get; set; }
}

/// <summary>One row per applied message: the primary key makes a second insert of the same message fail.</summary>
public sealed class ProcessedMessage
{
    public Guid MessageId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
