using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>
/// Message brokers and job runners whose handlers receive a message at least once: MassTransit, NServiceBus, Rebus,
/// Azure Service Bus, RabbitMQ, Confluent.Kafka, Amazon SQS, Azure Functions triggers and Hangfire.
/// </summary>
internal sealed class MessagingSymbols
{
    public MessagingSymbols(Compilation c)
    {
        MassTransitConsumer = TypeResolver.Resolve(c, "MassTransit.IConsumer`1");
        NServiceBusHandler = TypeResolver.Resolve(c, "NServiceBus.IHandleMessages`1");
        RebusHandler = TypeResolver.Resolve(c, "Rebus.Handlers.IHandleMessages`1");
        ServiceBusProcessor = TypeResolver.Resolve(c, "Azure.Messaging.ServiceBus.ServiceBusProcessor");
        ServiceBusSessionProcessor = TypeResolver.Resolve(c, "Azure.Messaging.ServiceBus.ServiceBusSessionProcessor");
        RabbitMqConsumers = TypeResolver.ResolveAll(c,
            "RabbitMQ.Client.Events.EventingBasicConsumer",
            "RabbitMQ.Client.Events.AsyncEventingBasicConsumer");
        KafkaConsumer = TypeResolver.Resolve(c, "Confluent.Kafka.IConsumer`2");
        KafkaConsumeResult = TypeResolver.Resolve(c, "Confluent.Kafka.ConsumeResult`2");
        Sqs = TypeResolver.Resolve(c, "Amazon.SQS.IAmazonSQS");
        FunctionTriggerAttributes = TypeResolver.ResolveAll(c,
            "Microsoft.Azure.Functions.Worker.ServiceBusTriggerAttribute",
            "Microsoft.Azure.Functions.Worker.QueueTriggerAttribute",
            "Microsoft.Azure.Functions.Worker.KafkaTriggerAttribute",
            "Microsoft.Azure.Functions.Worker.EventHubTriggerAttribute",
            "Microsoft.Azure.WebJobs.ServiceBusTriggerAttribute",
            "Microsoft.Azure.WebJobs.QueueTriggerAttribute",
            "Microsoft.Azure.WebJobs.KafkaTriggerAttribute",
            "Microsoft.Azure.WebJobs.EventHubTriggerAttribute");
        HangfireJobApis = TypeResolver.ResolveAll(c,
            "Hangfire.BackgroundJob",
            "Hangfire.BackgroundJobClientExtensions",
            "Hangfire.IBackgroundJobClient");
        StripeRequestOptions = TypeResolver.Resolve(c, "Stripe.RequestOptions");
        DbUpdateException = TypeResolver.Resolve(c, "Microsoft.EntityFrameworkCore.DbUpdateException");
        RedisWhen = TypeResolver.Resolve(c, "StackExchange.Redis.When");
        Logger = TypeResolver.Resolve(c, "Microsoft.Extensions.Logging.ILogger");
        LoggerExtensions = TypeResolver.Resolve(c, "Microsoft.Extensions.Logging.LoggerExtensions");
        HasAny = MassTransitConsumer is not null || NServiceBusHandler is not null || RebusHandler is not null
            || ServiceBusProcessor is not null || RabbitMqConsumers.Length > 0 || KafkaConsumer is not null || Sqs is not null
            || FunctionTriggerAttributes.Length > 0 || HangfireJobApis.Length > 0;
    }

    /// <summary>MassTransit's <c>IConsumer&lt;T&gt;</c>: <c>Consume(ConsumeContext&lt;T&gt;)</c>.</summary>
    public INamedTypeSymbol? MassTransitConsumer { get; }

    /// <summary>NServiceBus's <c>IHandleMessages&lt;T&gt;</c>: <c>Handle(T, IMessageHandlerContext)</c>.</summary>
    public INamedTypeSymbol? NServiceBusHandler { get; }

    /// <summary>Rebus's <c>IHandleMessages&lt;T&gt;</c>: <c>Handle(T)</c>.</summary>
    public INamedTypeSymbol? RebusHandler { get; }

    /// <summary>Azure Service Bus: handlers are attached to its <c>ProcessMessageAsync</c> event.</summary>
    public INamedTypeSymbol? ServiceBusProcessor { get; }
    public INamedTypeSymbol? ServiceBusSessionProcessor { get; }

    /// <summary>RabbitMQ.Client's event consumers: handlers are attached to <c>Received</c> (6.x) or <c>ReceivedAsync</c> (7.x).</summary>
    public INamedTypeSymbol[] RabbitMqConsumers { get; }

    /// <summary>Confluent.Kafka's <c>IConsumer&lt;TKey, TValue&gt;</c>: a loop around <c>Consume</c> is the handler.</summary>
    public INamedTypeSymbol? KafkaConsumer { get; }
    public INamedTypeSymbol? KafkaConsumeResult { get; }

    /// <summary>AWS SDK's <c>IAmazonSQS</c>: a loop around <c>ReceiveMessageAsync</c> is the handler.</summary>
    public INamedTypeSymbol? Sqs { get; }

    /// <summary>Azure Functions (isolated worker and in-process) triggers that deliver queue, topic and stream messages.</summary>
    public INamedTypeSymbol[] FunctionTriggerAttributes { get; }

    /// <summary>Hangfire's <c>BackgroundJob</c>, <c>IBackgroundJobClient</c> and its extensions: <c>Enqueue</c>/<c>Schedule</c>.</summary>
    public INamedTypeSymbol[] HangfireJobApis { get; }

    /// <summary>Stripe.net's per-request options: their IdempotencyKey makes a create or capture safe to repeat.</summary>
    public INamedTypeSymbol? StripeRequestOptions { get; }

    /// <summary>EF Core's save failure: catching it around an insert is how a unique key turns a duplicate into a no-op.</summary>
    public INamedTypeSymbol? DbUpdateException { get; }

    /// <summary>StackExchange.Redis's <c>When</c>: <c>When.NotExists</c> sets a key only once.</summary>
    public INamedTypeSymbol? RedisWhen { get; }

    /// <summary>Logging: a message id that is only logged is not an idempotency check.</summary>
    public INamedTypeSymbol? Logger { get; }
    public INamedTypeSymbol? LoggerExtensions { get; }

    /// <summary>True when any of the libraries above is referenced.</summary>
    public bool HasAny { get; }
}
