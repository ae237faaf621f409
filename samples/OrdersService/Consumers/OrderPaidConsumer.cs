using MassTransit;
using Microsoft.EntityFrameworkCore;
using OrdersService.Data;

namespace OrdersService.Consumers;

/// <summary>Credits the customer's loyalty points when an order is paid.</summary>
public sealed class OrderPaidConsumer(LoyaltyDbContext db, ILogger<OrderPaidConsumer> logger) : IConsumer<OrderPaid>
{
    // PM0006: the broker delivers at least once. When the consumer saves and then loses its connection before the
    // acknowledgement reaches the broker, the message comes back and the same order credits the points a second time.
    public async Task Consume(ConsumeContext<OrderPaid> context)
    {
        var message = context.Message;
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.CustomerId == message.CustomerId, context.CancellationToken);
        if (account is null)
        {
            account = new LoyaltyAccount { CustomerId = message.CustomerId };
            db.Accounts.Add(account);
        }

        account.Points += message.Points;
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Credited {Points} points for order {OrderId}", message.Points, message.OrderId);
    }
}
