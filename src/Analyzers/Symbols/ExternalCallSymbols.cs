using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>The library types whose calls leave the process: HTTP, gRPC, email, message brokers, LLM services.</summary>
internal sealed class ExternalCallSymbols
{
    private readonly BlockingSymbols _blocking;
    private readonly MessagingSymbols _messaging;
    private readonly TaskSymbols _tasks;
    private readonly LazyTypes _types;

    public ExternalCallSymbols(Compilation c, BlockingSymbols blocking, TaskSymbols tasks, MessagingSymbols messaging)
    {
        _blocking = blocking;
        _messaging = messaging;
        _tasks = tasks;
        _types = new LazyTypes(c, 23);
    }

    /// <summary>The base of HttpClient: Send and SendAsync; HttpClient adds GetAsync, PostAsync...</summary>
    public INamedTypeSymbol? HttpMessageInvoker => _types.Get(0, "System.Net.Http.HttpMessageInvoker");

    /// <summary>GetFromJsonAsync, PostAsJsonAsync... over an HttpClient.</summary>
    public INamedTypeSymbol? HttpClientJsonExtensions => _types.Get(1, "System.Net.Http.Json.HttpClientJsonExtensions");

    /// <summary>What <c>Send</c>/<c>SendAsync</c> take: the HTTP method of the call is its <c>Method</c>.</summary>
    public INamedTypeSymbol? HttpRequestMessage => _types.Get(2, "System.Net.Http.HttpRequestMessage");

    /// <summary><c>HttpMethod.Post</c>, <c>new HttpMethod("PATCH")</c>...</summary>
    public INamedTypeSymbol? HttpMethod => _types.Get(3, "System.Net.Http.HttpMethod");

    /// <summary>The base of every generated gRPC client (through <c>ClientBase&lt;T&gt;</c>).</summary>
    public INamedTypeSymbol? GrpcClientBase => _types.Get(4, "Grpc.Core.ClientBase");
    public INamedTypeSymbol? SmtpClient => _blocking.SmtpClient;
    public INamedTypeSymbol? MailKitTransport => _types.Get(5, "MailKit.IMailTransport");
    public INamedTypeSymbol? MailKitService => _types.Get(6, "MailKit.IMailService");
    public INamedTypeSymbol? IdentityEmailSender => _types.Get(7, "Microsoft.AspNetCore.Identity.UI.Services.IEmailSender");
    public INamedTypeSymbol? IdentityUserEmailSender => _types.Get(8, "Microsoft.AspNetCore.Identity.IEmailSender`1");
    public INamedTypeSymbol? SendGridClient => _types.Get(9, "SendGrid.ISendGridClient");
    public INamedTypeSymbol? MassTransitPublishEndpoint => _types.Get(10, "MassTransit.IPublishEndpoint");
    public INamedTypeSymbol? MassTransitSendEndpoint => _types.Get(11, "MassTransit.ISendEndpoint");

    /// <summary>IBus and ConsumeContext implement it; the endpoint-convention <c>Send</c> extensions take it.</summary>
    public INamedTypeSymbol? MassTransitSendEndpointProvider => _types.Get(12, "MassTransit.ISendEndpointProvider");
    public INamedTypeSymbol? NServiceBusMessageSession => _types.Get(13, "NServiceBus.IMessageSession");

    /// <summary>The base of IMessageHandlerContext: <c>context.Publish</c>, <c>context.Send</c>.</summary>
    public INamedTypeSymbol? NServiceBusPipelineContext => _types.Get(14, "NServiceBus.IPipelineContext");
    public INamedTypeSymbol? ServiceBusSender => _types.Get(15, "Azure.Messaging.ServiceBus.ServiceBusSender");
    public INamedTypeSymbol? KafkaProducer => _types.Get(16, "Confluent.Kafka.IProducer`2");
    public INamedTypeSymbol? AmazonSqs => _messaging.Sqs;
    public INamedTypeSymbol? AmazonSns => _types.Get(17, "Amazon.SimpleNotificationService.IAmazonSimpleNotificationService");

    /// <summary>RabbitMQ.Client 6 and earlier.</summary>
    public INamedTypeSymbol? RabbitModel => _types.Get(18, "RabbitMQ.Client.IModel");

    /// <summary>RabbitMQ.Client 7.</summary>
    public INamedTypeSymbol? RabbitChannel => _types.Get(19, "RabbitMQ.Client.IChannel");
    public INamedTypeSymbol? Task => _tasks.Task;

    /// <summary>OpenAI 2.x (also what Azure.AI.OpenAI 2.x hands out).</summary>
    public INamedTypeSymbol? OpenAIChatClient => _types.Get(20, "OpenAI.Chat.ChatClient");

    /// <summary>Azure.AI.OpenAI 1.x.</summary>
    public INamedTypeSymbol? AzureOpenAIClient => _types.Get(21, "Azure.AI.OpenAI.OpenAIClient");
    public INamedTypeSymbol? ExtensionsChatClient => _types.Get(22, "Microsoft.Extensions.AI.IChatClient");
}
