using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>The library types whose calls leave the process: HTTP, gRPC, email, message brokers, LLM services.</summary>
internal sealed class ExternalCallSymbols
{
    public ExternalCallSymbols(Compilation c, BlockingSymbols blocking, TaskSymbols tasks, MessagingSymbols messaging)
    {
        HttpMessageInvoker = TypeResolver.Resolve(c, "System.Net.Http.HttpMessageInvoker");
        HttpClientJsonExtensions = TypeResolver.Resolve(c, "System.Net.Http.Json.HttpClientJsonExtensions");
        HttpRequestMessage = TypeResolver.Resolve(c, "System.Net.Http.HttpRequestMessage");
        HttpMethod = TypeResolver.Resolve(c, "System.Net.Http.HttpMethod");
        GrpcClientBase = TypeResolver.Resolve(c, "Grpc.Core.ClientBase");
        SmtpClient = blocking.SmtpClient;
        MailKitTransport = TypeResolver.Resolve(c, "MailKit.IMailTransport");
        MailKitService = TypeResolver.Resolve(c, "MailKit.IMailService");
        IdentityEmailSender = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Identity.UI.Services.IEmailSender");
        IdentityUserEmailSender = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Identity.IEmailSender`1");
        SendGridClient = TypeResolver.Resolve(c, "SendGrid.ISendGridClient");
        MassTransitPublishEndpoint = TypeResolver.Resolve(c, "MassTransit.IPublishEndpoint");
        MassTransitSendEndpoint = TypeResolver.Resolve(c, "MassTransit.ISendEndpoint");
        MassTransitSendEndpointProvider = TypeResolver.Resolve(c, "MassTransit.ISendEndpointProvider");
        NServiceBusMessageSession = TypeResolver.Resolve(c, "NServiceBus.IMessageSession");
        NServiceBusPipelineContext = TypeResolver.Resolve(c, "NServiceBus.IPipelineContext");
        ServiceBusSender = TypeResolver.Resolve(c, "Azure.Messaging.ServiceBus.ServiceBusSender");
        KafkaProducer = TypeResolver.Resolve(c, "Confluent.Kafka.IProducer`2");
        AmazonSqs = messaging.Sqs;
        AmazonSns = TypeResolver.Resolve(c, "Amazon.SimpleNotificationService.IAmazonSimpleNotificationService");
        RabbitModel = TypeResolver.Resolve(c, "RabbitMQ.Client.IModel");
        RabbitChannel = TypeResolver.Resolve(c, "RabbitMQ.Client.IChannel");
        Task = tasks.Task;
        OpenAIChatClient = TypeResolver.Resolve(c, "OpenAI.Chat.ChatClient");
        AzureOpenAIClient = TypeResolver.Resolve(c, "Azure.AI.OpenAI.OpenAIClient");
        ExtensionsChatClient = TypeResolver.Resolve(c, "Microsoft.Extensions.AI.IChatClient");
    }

    /// <summary>The base of HttpClient: Send and SendAsync; HttpClient adds GetAsync, PostAsync...</summary>
    public INamedTypeSymbol? HttpMessageInvoker { get; }

    /// <summary>GetFromJsonAsync, PostAsJsonAsync... over an HttpClient.</summary>
    public INamedTypeSymbol? HttpClientJsonExtensions { get; }

    /// <summary>What <c>Send</c>/<c>SendAsync</c> take: the HTTP method of the call is its <c>Method</c>.</summary>
    public INamedTypeSymbol? HttpRequestMessage { get; }

    /// <summary><c>HttpMethod.Post</c>, <c>new HttpMethod("PATCH")</c>...</summary>
    public INamedTypeSymbol? HttpMethod { get; }

    /// <summary>The base of every generated gRPC client (through <c>ClientBase&lt;T&gt;</c>).</summary>
    public INamedTypeSymbol? GrpcClientBase { get; }
    public INamedTypeSymbol? SmtpClient { get; }
    public INamedTypeSymbol? MailKitTransport { get; }
    public INamedTypeSymbol? MailKitService { get; }
    public INamedTypeSymbol? IdentityEmailSender { get; }
    public INamedTypeSymbol? IdentityUserEmailSender { get; }
    public INamedTypeSymbol? SendGridClient { get; }
    public INamedTypeSymbol? MassTransitPublishEndpoint { get; }
    public INamedTypeSymbol? MassTransitSendEndpoint { get; }

    /// <summary>IBus and ConsumeContext implement it; the endpoint-convention <c>Send</c> extensions take it.</summary>
    public INamedTypeSymbol? MassTransitSendEndpointProvider { get; }
    public INamedTypeSymbol? NServiceBusMessageSession { get; }

    /// <summary>The base of IMessageHandlerContext: <c>context.Publish</c>, <c>context.Send</c>.</summary>
    public INamedTypeSymbol? NServiceBusPipelineContext { get; }
    public INamedTypeSymbol? ServiceBusSender { get; }
    public INamedTypeSymbol? KafkaProducer { get; }
    public INamedTypeSymbol? AmazonSqs { get; }
    public INamedTypeSymbol? AmazonSns { get; }

    /// <summary>RabbitMQ.Client 6 and earlier.</summary>
    public INamedTypeSymbol? RabbitModel { get; }

    /// <summary>RabbitMQ.Client 7.</summary>
    public INamedTypeSymbol? RabbitChannel { get; }
    public INamedTypeSymbol? Task { get; }

    /// <summary>OpenAI 2.x (also what Azure.AI.OpenAI 2.x hands out).</summary>
    public INamedTypeSymbol? OpenAIChatClient { get; }

    /// <summary>Azure.AI.OpenAI 1.x.</summary>
    public INamedTypeSymbol? AzureOpenAIClient { get; }
    public INamedTypeSymbol? ExtensionsChatClient { get; }
}
