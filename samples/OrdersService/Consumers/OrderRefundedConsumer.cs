using MassTransit;
using Microsoft.EntityFrameworkCore;
using OrdersService.Data;

namespace OrdersService.Consumers;

/// <summary>Takes back the loyalty points of a refunded order.</summary>
public sealed class OrderRefundedConsumer(LoyaltyDbContext db) : IConsumer<OrderRefunded>
{
    // Not flagged: the consumer records the message id in the same transaction as the change and skips a message it
    // has already applied, so a redelivery leaves the balance alone.
    public async Task Consume(ConsumeContext<OrderRefunded> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("The message has no id.");
        if (await db.ProcessedMessages.AnyAsync(processed => processed.MessageId == messageId, context.CancellationToken))
        {
            return;
        }

        var account = await db.Accounts.FirstAsync(a => a.CustomerId == context.Message.CustomerId, context.CancellationToken);
        account.Points -= context.Message.Points;
        db.ProcessedMessages.Add(new ProcessedMessage { MessageId = messageId, ProcessedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
