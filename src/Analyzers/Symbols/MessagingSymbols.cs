using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>
/// Message brokers and job runners whose handlers receive a message at least once: MassTransit, NServiceBus, Rebus,
/// Azure Service Bus, RabbitMQ, Confluent.Kafka, Amazon SQS, Azure Functions triggers and Hangfire.
/// </summary>
internal sealed class MessagingSymbols
{
    private static readonly string[] s_rabbitMqConsumers =
    [
        "RabbitMQ.Client.Events.EventingBasicConsumer",
        "RabbitMQ.Client.Events.AsyncEventingBasicConsumer"
    ];

    private static readonly string[] s_functionTriggerAttributes =
    [
        "Microsoft.Azure.Functions.Worker.ServiceBusTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.QueueTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.KafkaTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.EventHubTriggerAttribute",
        "Microsoft.Azure.WebJobs.ServiceBusTriggerAttribute",
        "Microsoft.Azure.WebJobs.QueueTriggerAttribute",
        "Microsoft.Azure.WebJobs.KafkaTriggerAttribute",
        "Microsoft.Azure.WebJobs.EventHubTriggerAttribute"
    ];

    private static readonly string[] s_hangfireJobApis =
    [
        "Hangfire.BackgroundJob",
        "Hangfire.BackgroundJobClientExtensions",
        "Hangfire.IBackgroundJobClient"
    ];

    private readonly LazyTypes _types;

    public MessagingSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 16);
    }

    /// <summary>MassTransit's <c>IConsumer&lt;T&gt;</c>: <c>Consume(ConsumeContext&lt;T&gt;)</c>.</summary>
    public INamedTypeSymbol? MassTransitConsumer => _types.Get(0, "MassTransit.IConsumer`1");

    /// <summary>NServiceBus's <c>IHandleMessages&lt;T&gt;</c>: <c>Handle(T, IMessageHandlerContext)</c>.</summary>
    public INamedTypeSymbol? NServiceBusHandler => _types.Get(1, "NServiceBus.IHandleMessages`1");

    /// <summary>Rebus's <c>IHandleMessages&lt;T&gt;</c>: <c>Handle(T)</c>.</summary>
    public INamedTypeSymbol? RebusHandler => _types.Get(2, "Rebus.Handlers.IHandleMessages`1");

    /// <summary>Azure Service Bus: handlers are attached to its <c>ProcessMessageAsync</c> event.</summary>
    public INamedTypeSymbol? ServiceBusProcessor => _types.Get(3, "Azure.Messaging.ServiceBus.ServiceBusProcessor");
    public INamedTypeSymbol? ServiceBusSessionProcessor => _types.Get(4, "Azure.Messaging.ServiceBus.ServiceBusSessionProcessor");

    /// <summary>RabbitMQ.Client's event consumers: handlers are attached to <c>Received</c> (6.x) or <c>ReceivedAsync</c> (7.x).</summary>
    public INamedTypeSymbol[] RabbitMqConsumers => _types.GetAll(13, s_rabbitMqConsumers);

    /// <summary>Confluent.Kafka's <c>IConsumer&lt;TKey, TValue&gt;</c>: a loop around <c>Consume</c> is the handler.</summary>
    public INamedTypeSymbol? KafkaConsumer => _types.Get(5, "Confluent.Kafka.IConsumer`2");
    public INamedTypeSymbol? KafkaConsumeResult => _types.Get(6, "Confluent.Kafka.ConsumeResult`2");

    /// <summary>AWS SDK's <c>IAmazonSQS</c>: a loop around <c>ReceiveMessageAsync</c> is the handler.</summary>
    public INamedTypeSymbol? Sqs => _types.Get(7, "Amazon.SQS.IAmazonSQS");

    /// <summary>Azure Functions (isolated worker and in-process) triggers that deliver queue, topic and stream messages.</summary>
    public INamedTypeSymbol[] FunctionTriggerAttributes => _types.GetAll(14, s_functionTriggerAttributes);

    /// <summary>Hangfire's <c>BackgroundJob</c>, <c>IBackgroundJobClient</c> and its extensions: <c>Enqueue</c>/<c>Schedule</c>.</summary>
    public INamedTypeSymbol[] HangfireJobApis => _types.GetAll(15, s_hangfireJobApis);

    /// <summary>Stripe.net's per-request options: their IdempotencyKey makes a create or capture safe to repeat.</summary>
    public INamedTypeSymbol? StripeRequestOptions => _types.Get(8, "Stripe.RequestOptions");

    /// <summary>EF Core's save failure: catching it around an insert is how a unique key turns a duplicate into a no-op.</summary>
    public INamedTypeSymbol? DbUpdateException => _types.Get(9, "Microsoft.EntityFrameworkCore.DbUpdateException");

    /// <summary>StackExchange.Redis's <c>When</c>: <c>When.NotExists</c> sets a key only once.</summary>
    public INamedTypeSymbol? RedisWhen => _types.Get(10, "StackExchange.Redis.When");

    /// <summary>Logging: a message id that is only logged is not an idempotency check.</summary>
    public INamedTypeSymbol? Logger => _types.Get(11, "Microsoft.Extensions.Logging.ILogger");
    public INamedTypeSymbol? LoggerExtensions => _types.Get(12, "Microsoft.Extensions.Logging.LoggerExtensions");

    /// <summary>True when any of the libraries above is referenced.</summary>
    public bool HasAny => MassTransitConsumer is not null || NServiceBusHandler is not null || RebusHandler is not null
        || ServiceBusProcessor is not null || RabbitMqConsumers.Length > 0 || KafkaConsumer is not null || Sqs is not null
        || FunctionTriggerAttributes.Length > 0 || HangfireJobApis.Length > 0;
}
