using Microsoft.EntityFrameworkCore;

namespace OrdersService.Data;

/// <summary>
/// The orders database (PostgreSQL): the shipments of each order and the history of its status changes. The schema
/// is changed through the migrations in Migrations/.
/// </summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<Shipment> Shipments => Set<Shipment>();

    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Shipment>(shipment =>
        {
            shipment.HasIndex(s => s.OrderId);
            shipment.HasIndex(s => s.TrackingNumber).IsCreatedConcurrently();
        });

        // The order timeline reads the history of one order in date order.
        modelBuilder.Entity<OrderStatusChange>().HasIndex(change => new { change.OrderId, change.ChangedAt });
    }
}

/// <summary>One parcel of an order, from the moment it leaves the warehouse.</summary>
public sealed class Shipment
{
    // Not flagged: a 64-bit identity does not run out.
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public string Carrier { get; set; } = string.Empty;

    public string? TrackingNumber { get; set; }

    public DateTimeOffset ShippedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One row per status an order goes through; append-only, pruned after two years.</summary>
public sealed class OrderStatusChange
{
    // PM0012: an INTEGER identity on the busiest append-only table; at 2,147,483,647 every insert fails. Pruning old
    // rows gives no values back: the sequence keeps counting.
    public int Id { get; set; }

    public Guid OrderId { get; set; }

    public OrderStatus Status { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
