using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;
using Postmortem.Analyzers.CodeFixes;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Messaging.PM0006NonIdempotentMessageHandlerAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Messaging.PM0006NonIdempotentMessageHandlerAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Messaging.PM0006NonIdempotentMessageHandlerCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Messaging;

/// <summary>
/// PM0006 Message handler is not idempotent: each handler family, each kind of effect and of evidence, effects two calls
/// deep. MassTransit, Rebus, RabbitMQ.Client, Confluent.Kafka, AWS SQS, Hangfire, EF Core, StackExchange.Redis and Stripe.net
/// are the real packages; NServiceBus, Azure.Messaging.ServiceBus and the Azure Functions worker extensions are not on the
/// package source, so the tests declare minimal stubs of them with their real namespaces and signatures (<see cref="Sources.Stubs"/>).
/// </summary>
public sealed class PM0006NonIdempotentMessageHandlerTests
{
    private static readonly ReferenceAssemblies App = TestReferences.Messaging80;

    // ---------------------------------------------------------------- Flags: handler families

    [Fact]
    public Task Flags_MassTransitConsumerIncrement() => Verify.VerifyAsync(
        Sources.MassTransitIncrement,
        App,
        expected: Diagnostic(0).WithArguments("MassTransit consumer", "PaymentReceivedConsumer.Consume", "'Account.Balance +=' saved with SaveChanges (Test0.cs line 18)"));

    [Fact]
    public Task Flags_RebusHandlerInsert() => Flags(Sources.RebusInsert);

    [Fact]
    public Task Flags_NServiceBusHandlerStripeCharge() => Verify.VerifyAsync(
        Sources.NServiceBusStripe + Sources.Stubs,
        App,
        expected: Diagnostic(0).WithArguments("NServiceBus handler", "ChargeCustomerHandler.Handle", "'ChargeService.CreateAsync' without an idempotency key (Test0.cs line 14)"));

    [Fact]
    public Task Flags_ServiceBusProcessorLambda() => Verify.VerifyAsync(
        Sources.ServiceBusLambda + Sources.Stubs,
        App,
        expected: Diagnostic(0).WithArguments("Service Bus message handler", "lambda in OrderWorker.Start", "'DbSet.Add' saved with SaveChanges (Test0.cs line 16)"));

    [Fact]
    public Task Flags_RabbitMqMethodGroup() => Flags(Sources.RabbitMqMethodGroup);

    [Fact]
    public Task Flags_KafkaConsumeLoop() => Flags(Sources.KafkaLoop);

    [Fact]
    public Task Flags_SqsReceiveLoop() => Flags(Sources.SqsLoop);

    [Fact]
    public Task Flags_AzureFunctionServiceBusTrigger() => Flags(Sources.AzureFunction + Sources.Stubs);

    [Fact]
    public Task Flags_HangfireEnqueuedMethod() => Flags(Sources.HangfireJob);

    // ---------------------------------------------------------------- Flags: interprocedural, and evidence that is not evidence

    [Fact]
    public Task Flags_EffectTwoCallsDeep() => Verify.VerifyAsync(
        Sources.TwoCallsDeep,
        App,
        expected: Diagnostic(0).WithArguments("MassTransit consumer", "LoyaltyConsumer.Consume",
            "'Customer.Points +=' saved with SaveChanges (Test0.cs line 32 via 'LoyaltyService.Award()' → 'LoyaltyService.AddPoints()')"));

    [Fact]
    public Task Flags_MessageIdOnlyLogged() => Flags(Sources.MessageIdOnlyLogged);

    [Fact]
    public Task Flags_IncrementAfterLookupOfTheSameRow() => Flags(Sources.IncrementAfterLookup);

    // ---------------------------------------------------------------- Flags: emails and HTTP POST/PATCH (known by ExternalCalls)

    [Fact]
    public Task Flags_EmailSentDirectly() => Verify.VerifyAsync(
        Sources.EmailSentDirectly,
        TestReferences.ExternalServices80,
        expected: Diagnostic(0).WithArguments("MassTransit consumer", "PaymentCapturedConsumer.Consume", "email 'SmtpClient.SendAsync' (Test0.cs line 21)"));

    [Fact]
    public Task Flags_SmtpEmailAfterLookupOfThePayment() => Flags(Sources.SmtpEmailAfterLookup);

    [Fact]
    public Task Flags_HttpPostTwoCallsDeep() => Verify.VerifyAsync(
        Sources.HttpPostTwoCallsDeep,
        App,
        expected: Diagnostic(0).WithArguments("Rebus handler", "OrderPlacedHandler.Handle",
            "HTTP POST 'HttpClient.PostAsJsonAsync' (Test0.cs line 32 via 'PartnerNotifier.OrderPlacedAsync()' → 'WebhookClient.DeliverAsync()')"));

    [Fact]
    public Task Flags_HttpPatchThroughSendAsync() => Verify.VerifyAsync(
        Sources.HttpPatchThroughSendAsync,
        App,
        expected: Diagnostic(0).WithArguments("MassTransit consumer", "StockReservedConsumer.Consume", "HTTP PATCH 'HttpClient.SendAsync' (Test0.cs line 20)"));

    [Fact]
    public Task Flags_HttpPostMethodSetOnTheRequest() => Flags(Sources.HttpPostMethodSetOnTheRequest);

    // ---------------------------------------------------------------- Flags: effects behind a context interface or a service interface

    [Fact]
    public Task Flags_SaveThroughContextInterface() => Flags(Sources.SaveThroughContextInterface);

    [Fact]
    public Task Flags_EffectThroughInterfaceWithOneImplementation() => Verify.VerifyAsync(
        Sources.InterfaceWithOneImplementation,
        App,
        expected: Diagnostic(0).WithArguments("Rebus handler", "OrderPlacedHandler.Handle",
            "HTTP POST 'HttpClient.PostAsJsonAsync' (Test0.cs line 17 via 'PartnerNotifier.OrderPlacedAsync()')"));

    [Fact]
    public Task Flags_HangfireJobEnqueuedThroughInterface() => Flags(Sources.HangfireJobOnInterface);

    [Fact]
    public Task Flags_GenericMethodThroughInterface() => Flags(Sources.GenericInterfaceMethod);

    [Fact]
    public Task DoesNotFlag_ExistenceCheckThroughContextInterface() => Flags(Sources.ContextInterfaceExistenceCheck);

    [Fact]
    public Task DoesNotFlag_InterfaceWithTwoImplementations() => Flags(Sources.InterfaceWithTwoImplementations);

    // ---------------------------------------------------------------- Does not flag: evidence

    [Fact]
    public Task DoesNotFlag_MessageIdRecorded() => Flags(Sources.MessageIdRecorded);

    [Fact]
    public Task DoesNotFlag_MassTransitInboxOnTheEndpoint() => Flags(Sources.MassTransitInbox);

    [Fact]
    public Task DoesNotFlag_ExistenceCheckOnBusinessKey() => Flags(Sources.ExistenceCheck);

    [Fact]
    public Task DoesNotFlag_LookupBeforeInsert() => Flags(Sources.LookupBeforeInsert);

    [Fact]
    public Task DoesNotFlag_DuplicateKeyCaught() => Flags(Sources.DuplicateKeyCaught);

    [Fact]
    public Task DoesNotFlag_RedisSetWhenNotExists() => Flags(Sources.RedisNotExists);

    [Fact]
    public Task DoesNotFlag_InboxTypeInCallee() => Flags(Sources.InboxInCallee);

    [Fact]
    public Task DoesNotFlag_RebusMessageIdHeaderRead() => Flags(Sources.RebusMessageIdHeader);

    [Fact]
    public Task DoesNotFlag_IdempotencyHeaderRead() => Flags(Sources.IdempotencyHeader);

    [Fact]
    public Task DoesNotFlag_ProcessedSetField() => Flags(Sources.ProcessedSetField);

    [Fact]
    public Task DoesNotFlag_IdempotentAttribute() => Flags(Sources.IdempotentAttribute);

    [Fact]
    public Task DoesNotFlag_MarkerFromOption() => Verify.VerifyAsync(
        Sources.OptionMarker,
        App,
        editorConfig: "postmortem.PM0006.idempotency_markers = AlreadyHandled");

    [Fact]
    public Task Flags_WithoutMarkerOption() => Verify.VerifyAsync(
        Sources.OptionMarker,
        App,
        expected: new DiagnosticResult(DiagnosticIds.NonIdempotentMessageHandler, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithSpan(13, 23, 13, 30).WithArguments("MassTransit consumer", "TopUpConsumer.Consume", "'Wallet.Credit +=' saved with SaveChanges (Test0.cs line 17)"));

    [Fact]
    public Task DoesNotFlag_StripeWithIdempotencyKey() => Flags(Sources.StripeWithKey + Sources.Stubs);

    // ---------------------------------------------------------------- Does not flag: no effect, or not a handler

    [Fact]
    public Task DoesNotFlag_IncrementNeverSaved() => Flags(Sources.IncrementNeverSaved);

    [Fact]
    public Task DoesNotFlag_SameCodeOutsideAHandler() => Flags(Sources.NotAHandler);

    [Fact]
    public Task DoesNotFlag_ReadOnlyHandler() => Flags(Sources.ReadOnlyHandler);

    [Fact]
    public Task DoesNotFlag_HttpGetPutDelete() => Flags(Sources.HttpGetPutDelete);

    [Fact]
    public Task DoesNotFlag_SendAsyncWithRequestBuiltElsewhere() => Flags(Sources.SendAsyncWithRequestBuiltElsewhere);

    [Fact]
    public Task DoesNotFlag_EmailAfterMessageIdCheck() => Verify.VerifyAsync(Sources.EmailAfterMessageIdCheck, TestReferences.ExternalServices80);

    [Fact]
    public Task DoesNotFlag_InboxNamedBaseType() => Verify.VerifyAsync(Sources.InboxNamedBaseType, TestReferences.ExternalServices80);

    [Fact]
    public Task DoesNotFlag_LookupBeforeInsertThenEmail() => Flags(Sources.LookupBeforeInsertThenEmail);

    [Fact]
    public Task DoesNotFlag_MailKitConnectOnly() => Verify.VerifyAsync(Sources.MailKitConnectOnly, TestReferences.ExternalServices80);

    // ---------------------------------------------------------------- Code fix

    [Fact]
    public Task Fix_RedisGuardOnTheMessageId() => Fix(Sources.RedisInScope, Fixed.RedisInScope, EquivalenceKeys.PM0006RedisGuard);

    [Fact]
    public Task Fix_RedisPrimaryConstructorParameter() => Fix(Sources.RedisPrimaryConstructor, Fixed.RedisPrimaryConstructor, EquivalenceKeys.PM0006RedisGuard);

    [Fact]
    public Task Fix_DistributedCacheGuard()
        => Fix(Sources.DistributedCacheInScope + Sources.Stubs, Fixed.DistributedCacheInScope + Sources.Stubs, EquivalenceKeys.PM0006DistributedCacheGuard);

    [Fact]
    public Task Fix_NotOfferedWithoutACacheInScope() => NoFix(Sources.MassTransitIncrement);

    [Fact]
    public Task Fix_NotOfferedForAFamilyWithoutAClearMessageId() => NoFix(Sources.RebusWithRedis);

    [Fact]
    public Task Fix_NotOfferedForAnExpressionBodiedHandler() => NoFix(Sources.ExpressionBodiedWithRedis);

    [Fact]
    public Task FixAll_TwoHandlers() => Fix(Sources.TwoHandlersWithRedis, Fixed.TwoHandlersWithRedis, EquivalenceKeys.PM0006RedisGuard, batchFixedSource: Fixed.TwoHandlersWithRedis);

    /// <summary>
    /// The diagnostic is reported at compilation end, so it is not local to a document: hosts offer the fix from the build's or
    /// the full-solution analysis' results, which the testing library's local-diagnostic check does not model.
    /// </summary>
    private static Task Fix(string source, string fixedSource, string equivalenceKey, string? batchFixedSource = null)
    {
        var test = new VerifyFix.Test(App) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        if (batchFixedSource is not null)
        {
            test.BatchFixedCode = batchFixedSource;
        }

        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync(CancellationToken.None);
    }

    private static Task NoFix(string source)
    {
        source = Regex.Replace(source, @"\{\|#\d+:(\w+)\|\}", "[|$1|]");
        var test = new VerifyFix.Test(App) { TestCode = source, FixedCode = source, NumberOfIncrementalIterations = 0, NumberOfFixAllIterations = 0 };
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck | CodeFixTestBehaviors.SkipFixAllCheck;
        return test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Diagnostic(int location)
        => new DiagnosticResult(DiagnosticIds.NonIdempotentMessageHandler, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(location);

    private static DiagnosticResult[] Markers(string source)
        => Enumerable.Range(0, Regex.Matches(source, @"\{\|#\d+:").Count).Select(Diagnostic).ToArray();

    private static Task Flags(string source) => Verify.VerifyAsync(source, App, expected: Markers(source));

    /// <summary>The code the fixes above produce.</summary>
    private static class Fixed
    {
        public const string RedisInScope = """
            using System;
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public PaymentReceivedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    if (context.MessageId is { } messageId && !await _redis.StringSetAsync($"PaymentReceivedConsumer:processed:{messageId}", 1, TimeSpan.FromDays(1), When.NotExists))
                    {
                        return;
                    }

                    // Credit the account.
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                    await _redis.StringIncrementAsync("payments:credited");
                }
            }
            """ + Sources.ModelText;

        public const string RedisPrimaryConstructor = """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer(IConnectionMultiplexer redis, IDatabase cache, HttpClient ledger) : IConsumer<PaymentReceived>
            {
                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    if (context.MessageId is { } messageId && !await cache.StringSetAsync($"PaymentReceivedConsumer:processed:{messageId}", 1, TimeSpan.FromDays(1), When.NotExists).ConfigureAwait(false))
                    {
                        return;
                    }

                    await ledger.PostAsJsonAsync("entries", context.Message).ConfigureAwait(false);
                }
            }
            """ + Sources.ModelText;

        public const string DistributedCacheInScope = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using NServiceBus;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;

                public OrderPlacedHandler(ShopContext db, IDistributedCache cache) { _db = db; Cache = cache; }

                private IDistributedCache Cache { get; }

                public async Task Handle(OrderPlaced message, IMessageHandlerContext context)
                {
                    var processedKey = $"OrderPlacedHandler:processed:{context.MessageId}";
                    if (await Cache.GetStringAsync(processedKey) is not null)
                    {
                        return;
                    }

                    await Cache.SetStringAsync(processedKey, "1", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) });

                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Sources.ModelText;

        public const string TwoHandlersWithRedis = """
            using System;
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public PaymentReceivedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    if (context.MessageId is { } messageId && !await _redis.StringSetAsync($"PaymentReceivedConsumer:processed:{messageId}", 1, TimeSpan.FromDays(1), When.NotExists))
                    {
                        return;
                    }

                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }

            public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public OrderPlacedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    if (context.MessageId is { } messageId1 && !await _redis.StringSetAsync($"OrderPlacedConsumer:processed:{messageId1}", 1, TimeSpan.FromDays(1), When.NotExists))
                    {
                        return;
                    }

                    var messageId = context.Message.OrderId;
                    _db.Orders.Add(new Order { ExternalId = messageId, Total = context.Message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Sources.ModelText;
    }

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        /// <summary>The entities and context the sources share (the fixed code of the fix tests appends it too).</summary>
        public const string ModelText = Model;

        private const string Model = """

            public sealed class Account { public int Id { get; set; } public decimal Balance { get; set; } }
            public sealed class Customer { public int Id { get; set; } public int Points { get; set; } }
            public sealed class Wallet { public int Id { get; set; } public decimal Credit { get; set; } }
            public sealed class Order { public int Id { get; set; } public string ExternalId { get; set; } = ""; public decimal Total { get; set; } }
            public sealed class InboxMessage { public System.Guid Id { get; set; } }
            public sealed class Payment { public int Id { get; set; } public string Email { get; set; } = ""; public decimal Amount { get; set; } }
            public sealed class SentEmail { public int Id { get; set; } public System.Guid? MessageId { get; set; } }
            public sealed class ShopContext : Microsoft.EntityFrameworkCore.DbContext
            {
                public Microsoft.EntityFrameworkCore.DbSet<Account> Accounts => Set<Account>();
                public Microsoft.EntityFrameworkCore.DbSet<Customer> Customers => Set<Customer>();
                public Microsoft.EntityFrameworkCore.DbSet<Wallet> Wallets => Set<Wallet>();
                public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
                public Microsoft.EntityFrameworkCore.DbSet<InboxMessage> Inbox => Set<InboxMessage>();
                public Microsoft.EntityFrameworkCore.DbSet<Payment> Payments => Set<Payment>();
                public Microsoft.EntityFrameworkCore.DbSet<SentEmail> SentEmails => Set<SentEmail>();
            }
            public sealed record PaymentReceived(int AccountId, decimal Amount);
            public sealed record OrderPlaced(string OrderId, decimal Total);
            """;

        /// <summary>Minimal stubs of NServiceBus, Azure.Messaging.ServiceBus and the Functions worker (not on the package source): real namespaces and signatures.</summary>
        public const string Stubs = """

            namespace System
            {
                public class BinaryData { public static BinaryData FromString(string data) => new(); public T? ToObjectFromJson<T>() => default; }
            }
            namespace NServiceBus
            {
                public interface IMessageHandlerContext { string MessageId { get; } }
                public interface IHandleMessages<T> { System.Threading.Tasks.Task Handle(T message, IMessageHandlerContext context); }
            }
            namespace Azure.Messaging.ServiceBus
            {
                public class ServiceBusReceivedMessage { public string MessageId => ""; public System.BinaryData Body => System.BinaryData.FromString(""); }
                public class ProcessMessageEventArgs { public ServiceBusReceivedMessage Message => new(); }
                public class ProcessErrorEventArgs { }
                public class ServiceBusProcessor
                {
                    public event System.Func<ProcessMessageEventArgs, System.Threading.Tasks.Task> ProcessMessageAsync { add { } remove { } }
                    public event System.Func<ProcessErrorEventArgs, System.Threading.Tasks.Task> ProcessErrorAsync { add { } remove { } }
                }
            }
            namespace Microsoft.Azure.Functions.Worker
            {
                [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class FunctionAttribute : System.Attribute { public FunctionAttribute(string name) { } }
                [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class ServiceBusTriggerAttribute : System.Attribute { public ServiceBusTriggerAttribute(string queueName) { } }
            }
            """;

        public const string MassTransitIncrement = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;

                public PaymentReceivedConsumer(ShopContext db) => _db = db;

                public async Task {|#0:Consume|}(ConsumeContext<PaymentReceived> context)
                {
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    if (account is null)
                    {
                        return;
                    }

                    account.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        /// <summary>
        /// The consumer of <see cref="MassTransitIncrement"/> on an endpoint with MassTransit's EF Core inbox. The
        /// MassTransit.EntityFrameworkCore package is not among the test references: its extension method is declared with
        /// its real namespace and signature.
        /// </summary>
        public const string MassTransitInbox = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;

                public PaymentReceivedConsumer(ShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }

            public static class PaymentsEndpoint
            {
                public static void Configure(IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
                    => endpoint.UseEntityFrameworkOutbox<ShopContext>(context);
            }

            namespace MassTransit
            {
                public static class EntityFrameworkOutboxConfigurationExtensions
                {
                    public static void UseEntityFrameworkOutbox<TDbContext>(this IReceiveEndpointConfigurator configurator, IRegistrationContext context, System.Action<object>? configure = null)
                        where TDbContext : Microsoft.EntityFrameworkCore.DbContext
                    {
                    }
                }
            }
            """ + Model;

        public const string RebusInsert = """
            using System.Threading.Tasks;
            using Rebus.Handlers;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;

                public OrderPlacedHandler(ShopContext db) => _db = db;

                public async Task {|#0:Handle|}(OrderPlaced message)
                {
                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string RebusMessageIdHeader = """
            using System.Threading.Tasks;
            using Rebus.Handlers;
            using Rebus.Messages;
            using Rebus.Pipeline;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;
                private readonly IMessageContext _context;

                public OrderPlacedHandler(ShopContext db, IMessageContext context) => (_db, _context) = (db, context);

                public async Task Handle(OrderPlaced message)
                {
                    var messageId = _context.Headers[Headers.MessageId];
                    _db.Orders.Add(new Order { ExternalId = messageId, Total = message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string IdempotencyHeader = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private readonly ShopContext _db;

                public OrderPlacedConsumer(ShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    var key = context.Headers.Get<string>("Idempotency-Key");
                    _db.Orders.Add(new Order { ExternalId = key ?? context.Message.OrderId, Total = context.Message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string ProcessedSetField = """
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            using MassTransit;

            public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private static readonly ConcurrentDictionary<string, bool> _processedOrders = new();
                private readonly ShopContext _db;

                public OrderPlacedConsumer(ShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    if (!_processedOrders.TryAdd(context.Message.OrderId, true))
                    {
                        return;
                    }

                    _db.Orders.Add(new Order { ExternalId = context.Message.OrderId, Total = context.Message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string NServiceBusStripe = """
            using System.Threading.Tasks;
            using NServiceBus;
            using Stripe;

            public sealed record ChargeCustomer(string CustomerId, long AmountInCents);

            public sealed class ChargeCustomerHandler : IHandleMessages<ChargeCustomer>
            {
                private readonly ChargeService _charges = new();

                public async Task {|#0:Handle|}(ChargeCustomer message, IMessageHandlerContext context)
                {
                    var options = new ChargeCreateOptions { Customer = message.CustomerId, Amount = message.AmountInCents, Currency = "usd" };
                    await _charges.CreateAsync(options);
                }
            }
            """;

        public const string ServiceBusLambda = """
            using System.Threading.Tasks;
            using Azure.Messaging.ServiceBus;

            public sealed class OrderWorker
            {
                private readonly ServiceBusProcessor _processor;
                private readonly ShopContext _db;

                public OrderWorker(ServiceBusProcessor processor, ShopContext db) { _processor = processor; _db = db; }

                public void Start()
                {
                    _processor.ProcessMessageAsync += {|#0:async args =>|}
                    {
                        var order = args.Message.Body.ToObjectFromJson<OrderPlaced>()!;
                        _db.Orders.Add(new Order { ExternalId = order.OrderId, Total = order.Total });
                        await _db.SaveChangesAsync();
                    };
                    _processor.ProcessErrorAsync += _ => Task.CompletedTask;
                }
            }
            """ + Model;

        public const string RabbitMqMethodGroup = """
            using System.Text.Json;
            using System.Threading.Tasks;
            using RabbitMQ.Client;
            using RabbitMQ.Client.Events;

            public sealed class PaymentListener
            {
                private readonly ShopContext _db;

                public PaymentListener(ShopContext db) => _db = db;

                public Task ListenAsync(IChannel channel)
                {
                    var consumer = new AsyncEventingBasicConsumer(channel);
                    consumer.ReceivedAsync += OnReceivedAsync;
                    return channel.BasicConsumeAsync("payments", autoAck: false, consumer);
                }

                private async Task {|#0:OnReceivedAsync|}(object sender, BasicDeliverEventArgs delivery)
                {
                    var payment = JsonSerializer.Deserialize<PaymentReceived>(delivery.Body.Span)!;
                    var account = await _db.Accounts.FindAsync(payment.AccountId);
                    account!.Balance += payment.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string KafkaLoop = """
            using System.Text.Json;
            using System.Threading;
            using Confluent.Kafka;

            public sealed class PaymentStream
            {
                private readonly ShopContext _db;

                public PaymentStream(ShopContext db) => _db = db;

                public void {|#0:Run|}(IConsumer<string, string> consumer, CancellationToken cancellationToken)
                {
                    consumer.Subscribe("payments");
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var result = consumer.Consume(cancellationToken);
                        var payment = JsonSerializer.Deserialize<PaymentReceived>(result.Message.Value)!;
                        var account = _db.Accounts.Find(payment.AccountId)!;
                        account.Balance += payment.Amount;
                        _db.SaveChanges();
                        consumer.Commit(result);
                    }
                }
            }
            """ + Model;

        public const string SqsLoop = """
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.SQS;
            using Amazon.SQS.Model;

            public sealed class OrderQueueWorker
            {
                private readonly IAmazonSQS _sqs;
                private readonly ShopContext _db;

                public OrderQueueWorker(IAmazonSQS sqs, ShopContext db) { _sqs = sqs; _db = db; }

                public async Task {|#0:PollAsync|}(string queueUrl, CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl }, cancellationToken);
                        foreach (var message in response.Messages)
                        {
                            var order = JsonSerializer.Deserialize<OrderPlaced>(message.Body)!;
                            _db.Orders.Add(new Order { ExternalId = order.OrderId, Total = order.Total });
                            await _db.SaveChangesAsync(cancellationToken);
                            await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken);
                        }
                    }
                }
            }
            """ + Model;

        public const string AzureFunction = """
            using System.Threading.Tasks;
            using Microsoft.Azure.Functions.Worker;

            public sealed class OrderFunctions
            {
                private readonly ShopContext _db;

                public OrderFunctions(ShopContext db) => _db = db;

                [Function("RecordOrder")]
                public async Task {|#0:RecordOrder|}([ServiceBusTrigger("orders")] OrderPlaced order)
                {
                    _db.Orders.Add(new Order { ExternalId = order.OrderId, Total = order.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string HangfireJob = """
            using System.Threading.Tasks;
            using Hangfire;

            public sealed class PayoutJobs
            {
                private readonly ShopContext _db;

                public PayoutJobs(ShopContext db) => _db = db;

                public async Task {|#0:CreditAsync|}(int accountId, decimal amount)
                {
                    var account = await _db.Accounts.FindAsync(accountId);
                    account!.Balance += amount;
                    await _db.SaveChangesAsync();
                }
            }

            public static class Payouts
            {
                public static void Schedule(int accountId, decimal amount)
                    => BackgroundJob.Enqueue<PayoutJobs>(jobs => jobs.CreditAsync(accountId, amount));
            }
            """ + Model;

        public const string TwoCallsDeep = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed record OrderShipped(int CustomerId, decimal Total);

            public sealed class LoyaltyConsumer : IConsumer<OrderShipped>
            {
                private readonly LoyaltyService _loyalty;

                public LoyaltyConsumer(LoyaltyService loyalty) => _loyalty = loyalty;

                public Task {|#0:Consume|}(ConsumeContext<OrderShipped> context) => _loyalty.Award(context.Message.CustomerId, context.Message.Total);
            }

            public sealed class LoyaltyService
            {
                private readonly ShopContext _db;

                public LoyaltyService(ShopContext db) => _db = db;

                public async Task Award(int customerId, decimal total)
                {
                    AddPoints(customerId, (int)total);
                    await _db.SaveChangesAsync();
                }

                private void AddPoints(int customerId, int points)
                {
                    var customer = _db.Customers.Find(customerId);
                    if (customer is not null)
                    {
                        customer.Points += points;
                        _db.SaveChanges();
                    }
                }
            }
            """ + Model;

        public const string MessageIdOnlyLogged = """
            using System.Threading.Tasks;
            using MassTransit;
            using Microsoft.Extensions.Logging;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly ILogger<PaymentReceivedConsumer> _logger;

                public PaymentReceivedConsumer(ShopContext db, ILogger<PaymentReceivedConsumer> logger) { _db = db; _logger = logger; }

                public async Task {|#0:Consume|}(ConsumeContext<PaymentReceived> context)
                {
                    _logger.LogInformation("Handling {MessageId}", context.MessageId);
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string IncrementAfterLookup = """
            using System.Threading.Tasks;
            using MassTransit;
            using Microsoft.EntityFrameworkCore;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;

                public PaymentReceivedConsumer(ShopContext db) => _db = db;

                public async Task {|#0:Consume|}(ConsumeContext<PaymentReceived> context)
                {
                    var account = await _db.Accounts.FirstOrDefaultAsync(a => a.Id == context.Message.AccountId);
                    if (account is null)
                    {
                        return;
                    }

                    account.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string MessageIdRecorded = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;

                public PaymentReceivedConsumer(ShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    _db.Inbox.Add(new InboxMessage { Id = context.MessageId!.Value });
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string ExistenceCheck = """
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Rebus.Handlers;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;

                public OrderPlacedHandler(ShopContext db) => _db = db;

                public async Task Handle(OrderPlaced message)
                {
                    if (await _db.Orders.AnyAsync(o => o.ExternalId == message.OrderId))
                    {
                        return;
                    }

                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string LookupBeforeInsert = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Rebus.Handlers;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;

                public OrderPlacedHandler(ShopContext db) => _db = db;

                public async Task Handle(OrderPlaced message)
                {
                    var existing = await _db.Orders.Where(o => o.ExternalId == message.OrderId).FirstOrDefaultAsync();
                    if (existing is not null)
                    {
                        return;
                    }

                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string DuplicateKeyCaught = """
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Rebus.Handlers;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;

                public OrderPlacedHandler(ShopContext db) => _db = db;

                public async Task Handle(OrderPlaced message)
                {
                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    try
                    {
                        await _db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                        // The unique index on ExternalId says this order was recorded by an earlier delivery.
                    }
                }
            }
            """ + Model;

        public const string RedisNotExists = """
            using System;
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public PaymentReceivedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    if (!await _redis.StringSetAsync("payment:" + context.Message.AccountId, 1, TimeSpan.FromDays(1), When.NotExists))
                    {
                        return;
                    }

                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string InboxInCallee = """
            using System;
            using System.Threading.Tasks;
            using MassTransit;

            public interface IInboxStore { Task<bool> TryRecordAsync(Guid messageId); }

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly Guard _guard;

                public PaymentReceivedConsumer(ShopContext db, Guard guard) { _db = db; _guard = guard; }

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    if (!await _guard.FirstTime(context))
                    {
                        return;
                    }

                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }

            public sealed class Guard
            {
                private readonly IInboxStore _store;

                public Guard(IInboxStore store) => _store = store;

                public Task<bool> FirstTime(ConsumeContext context) => _store.TryRecordAsync(context.RequestId ?? Guid.Empty);
            }
            """ + Model;

        public const string IdempotentAttribute = """
            using System;
            using System.Threading.Tasks;
            using MassTransit;

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class IdempotentConsumerAttribute : Attribute { }

            [IdempotentConsumer]
            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;

                public PaymentReceivedConsumer(ShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string OptionMarker = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed record TopUp(int WalletId, decimal Amount);

            public sealed class TopUpConsumer : IConsumer<TopUp>
            {
                private readonly ShopContext _db;
                private readonly Ledger _ledger;

                public TopUpConsumer(ShopContext db, Ledger ledger) { _db = db; _ledger = ledger; }

                public async Task Consume(ConsumeContext<TopUp> context)
                {
                    if (_ledger.AlreadyHandled(context.Message)) return;
                    var wallet = (await _db.Wallets.FindAsync(context.Message.WalletId))!;
                    wallet.Credit += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }

            public sealed class Ledger { public bool AlreadyHandled(TopUp topUp) => false; }
            """ + Model;

        public const string StripeWithKey = """
            using System.Threading.Tasks;
            using NServiceBus;
            using Stripe;

            public sealed record ChargeCustomer(string CustomerId, long AmountInCents, string PaymentId);

            public sealed class ChargeCustomerHandler : IHandleMessages<ChargeCustomer>
            {
                private readonly ChargeService _charges = new();

                public async Task Handle(ChargeCustomer message, IMessageHandlerContext context)
                {
                    var options = new ChargeCreateOptions { Customer = message.CustomerId, Amount = message.AmountInCents, Currency = "usd" };
                    await _charges.CreateAsync(options, new RequestOptions { IdempotencyKey = "charge-" + message.PaymentId });
                }
            }
            """;

        public const string IncrementNeverSaved = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;

                public PaymentReceivedConsumer(ShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<PaymentReceived> context)
                {
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    var preview = account!.Balance;
                    preview += context.Message.Amount;
                    await context.RespondAsync(new PaymentReceived(account.Id, preview));
                }
            }
            """ + Model;

        public const string SaveThroughContextInterface = """
            using System.Threading.Tasks;
            using MassTransit;
            using Microsoft.EntityFrameworkCore;

            public interface IShopContext
            {
                DbSet<Order> Orders { get; }

                Task<int> SaveChangesAsync(System.Threading.CancellationToken cancellationToken = default);
            }

            public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private readonly IShopContext _db;

                public OrderPlacedConsumer(IShopContext db) => _db = db;

                public async Task {|#0:Consume|}(ConsumeContext<OrderPlaced> context)
                {
                    await _db.Orders.AddAsync(new Order { ExternalId = context.Message.OrderId, Total = context.Message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string ContextInterfaceExistenceCheck = """
            using System.Threading.Tasks;
            using MassTransit;
            using Microsoft.EntityFrameworkCore;

            public interface IShopContext
            {
                DbSet<Order> Orders { get; }

                Task<int> SaveChangesAsync(System.Threading.CancellationToken cancellationToken = default);
            }

            public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private readonly IShopContext _db;

                public OrderPlacedConsumer(IShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    if (await _db.Orders.AnyAsync(o => o.ExternalId == context.Message.OrderId))
                    {
                        return;
                    }

                    _db.Orders.Add(new Order { ExternalId = context.Message.OrderId, Total = context.Message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string InterfaceWithOneImplementation = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Rebus.Handlers;

            public interface IPartnerNotifier
            {
                Task OrderPlacedAsync(OrderPlaced order);
            }

            public sealed class PartnerNotifier : IPartnerNotifier
            {
                private readonly HttpClient _http;

                public PartnerNotifier(HttpClient http) => _http = http;

                public async Task OrderPlacedAsync(OrderPlaced order) => await _http.PostAsJsonAsync("hooks/orders", order);
            }

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly IPartnerNotifier _notifier;

                public OrderPlacedHandler(IPartnerNotifier notifier) => _notifier = notifier;

                public Task {|#0:Handle|}(OrderPlaced message) => _notifier.OrderPlacedAsync(message);
            }
            """ + Model;

        public const string InterfaceWithTwoImplementations = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Rebus.Handlers;

            public interface IPartnerNotifier
            {
                Task OrderPlacedAsync(OrderPlaced order);
            }

            public sealed class PartnerNotifier : IPartnerNotifier
            {
                private readonly HttpClient _http;

                public PartnerNotifier(HttpClient http) => _http = http;

                public async Task OrderPlacedAsync(OrderPlaced order) => await _http.PostAsJsonAsync("hooks/orders", order);
            }

            public sealed class NoPartnerNotifier : IPartnerNotifier
            {
                public Task OrderPlacedAsync(OrderPlaced order) => Task.CompletedTask;
            }

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly IPartnerNotifier _notifier;

                public OrderPlacedHandler(IPartnerNotifier notifier) => _notifier = notifier;

                public Task Handle(OrderPlaced message) => _notifier.OrderPlacedAsync(message);
            }
            """ + Model;

        public const string HangfireJobOnInterface = """
            using System.Threading.Tasks;
            using Hangfire;

            public interface IPayoutJobs
            {
                Task CreditAsync(int accountId, decimal amount);
            }

            public sealed class PayoutJobs : IPayoutJobs
            {
                private readonly ShopContext _db;

                public PayoutJobs(ShopContext db) => _db = db;

                public async Task {|#0:CreditAsync|}(int accountId, decimal amount)
                {
                    var account = await _db.Accounts.FindAsync(accountId);
                    account!.Balance += amount;
                    await _db.SaveChangesAsync();
                }
            }

            public sealed class Payouts
            {
                private readonly IPayoutJobs _jobs;

                public Payouts(IPayoutJobs jobs) => _jobs = jobs;

                public void Schedule(int accountId, decimal amount) => BackgroundJob.Enqueue(() => _jobs.CreditAsync(accountId, amount));

                public void ScheduleByType(int accountId, decimal amount) => BackgroundJob.Enqueue<IPayoutJobs>(jobs => jobs.CreditAsync(accountId, amount));
            }
            """ + Model;

        public const string GenericInterfaceMethod = """
            using System.Threading.Tasks;
            using MassTransit;

            public interface IStore
            {
                Task SaveAsync<T>(T item) where T : class;
            }

            public sealed class Store : IStore
            {
                private readonly ShopContext _db;

                public Store(ShopContext db) => _db = db;

                public async Task SaveAsync<T>(T item) where T : class
                {
                    _db.Add(item);
                    await _db.SaveChangesAsync();
                }
            }

            public sealed class PrefixedEntityNames : IEntityNameFormatter
            {
                private readonly IEntityNameFormatter _inner;

                public PrefixedEntityNames(IEntityNameFormatter inner) => _inner = inner;

                public string FormatEntityName<T>() => "shop-" + _inner.FormatEntityName<T>();
            }

            public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private readonly IStore _store;

                public OrderPlacedConsumer(IStore store) => _store = store;

                public Task {|#0:Consume|}(ConsumeContext<OrderPlaced> context)
                    => _store.SaveAsync(new Order { ExternalId = context.Message.OrderId, Total = context.Message.Total });
            }
            """ + Model;

        public const string NotAHandler = """
            using System.Threading.Tasks;
            using MassTransit;

            public sealed class AccountService
            {
                private readonly ShopContext _db;

                public AccountService(ShopContext db) => _db = db;

                public async Task Credit(int accountId, decimal amount)
                {
                    var account = await _db.Accounts.FindAsync(accountId);
                    account!.Balance += amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string ReadOnlyHandler = """
            using System.Threading.Tasks;
            using MassTransit;
            using Microsoft.EntityFrameworkCore;

            public sealed record GetBalance(int AccountId);

            public sealed class BalanceConsumer : IConsumer<GetBalance>
            {
                private readonly ShopContext _db;

                public BalanceConsumer(ShopContext db) => _db = db;

                public async Task Consume(ConsumeContext<GetBalance> context)
                {
                    var account = await _db.Accounts.AsNoTracking().FirstAsync(a => a.Id == context.Message.AccountId);
                    await context.RespondAsync(new PaymentReceived(account.Id, account.Balance));
                }
            }
            """ + Model;
        public const string EmailSentDirectly = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MassTransit;
            using MimeKit;

            public sealed record PaymentCaptured(string Email, decimal Amount);

            public sealed class PaymentCapturedConsumer : IConsumer<PaymentCaptured>
            {
                public async Task {|#0:Consume|}(ConsumeContext<PaymentCaptured> context)
                {
                    var receipt = new MimeMessage();
                    receipt.From.Add(MailboxAddress.Parse("billing@example.com"));
                    receipt.To.Add(MailboxAddress.Parse(context.Message.Email));
                    receipt.Subject = "Payment received";
                    receipt.Body = new TextPart("plain") { Text = $"We received {context.Message.Amount:C}." };

                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync("smtp.example.com", 587);
                    await smtp.AuthenticateAsync("billing", "secret");
                    await smtp.SendAsync(receipt);
                    await smtp.DisconnectAsync(true);
                }
            }
            """;

        public const string SmtpEmailAfterLookup = """
            using System.Net.Mail;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Rebus.Handlers;

            public sealed record PaymentSettled(int PaymentId);

            public sealed class PaymentSettledHandler : IHandleMessages<PaymentSettled>
            {
                private readonly ShopContext _db;
                private readonly SmtpClient _smtp;

                public PaymentSettledHandler(ShopContext db, SmtpClient smtp) { _db = db; _smtp = smtp; }

                public async Task {|#0:Handle|}(PaymentSettled message)
                {
                    var payment = await _db.Payments.FirstAsync(p => p.Id == message.PaymentId);
                    await _smtp.SendMailAsync("billing@example.com", payment.Email, "Receipt", $"Paid: {payment.Amount}");
                }
            }
            """ + Model;

        public const string HttpPostTwoCallsDeep = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Rebus.Handlers;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly PartnerNotifier _partners;

                public OrderPlacedHandler(PartnerNotifier partners) => _partners = partners;

                public Task {|#0:Handle|}(OrderPlaced message) => _partners.OrderPlacedAsync(message);
            }

            public sealed class PartnerNotifier
            {
                private readonly WebhookClient _webhooks;

                public PartnerNotifier(WebhookClient webhooks) => _webhooks = webhooks;

                public Task OrderPlacedAsync(OrderPlaced order) => _webhooks.DeliverAsync("orders/placed", order);
            }

            public sealed class WebhookClient
            {
                private readonly HttpClient _http;

                public WebhookClient(HttpClient http) => _http = http;

                public async Task DeliverAsync(string path, object payload)
                {
                    using var response = await _http.PostAsJsonAsync(path, payload);
                    response.EnsureSuccessStatusCode();
                }
            }
            """ + Model;

        public const string HttpPatchThroughSendAsync = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using MassTransit;

            public sealed record StockReserved(string Sku, int Quantity);

            public sealed class StockReservedConsumer : IConsumer<StockReserved>
            {
                private readonly HttpClient _warehouse;

                public StockReservedConsumer(HttpClient warehouse) => _warehouse = warehouse;

                public async Task {|#0:Consume|}(ConsumeContext<StockReserved> context)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Patch, "stock/" + context.Message.Sku)
                    {
                        Content = JsonContent.Create(new { reserved = context.Message.Quantity }),
                    };
                    using var response = await _warehouse.SendAsync(request, context.CancellationToken);
                    response.EnsureSuccessStatusCode();
                }
            }
            """;

        public const string HttpPostMethodSetOnTheRequest = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using MassTransit;

            public sealed record InvoiceIssued(string InvoiceId);

            public sealed class InvoiceIssuedConsumer : IConsumer<InvoiceIssued>
            {
                private readonly HttpClient _ledger;

                public InvoiceIssuedConsumer(HttpClient ledger) => _ledger = ledger;

                public async Task {|#0:Consume|}(ConsumeContext<InvoiceIssued> context)
                {
                    var request = new HttpRequestMessage();
                    request.RequestUri = new System.Uri("invoices/" + context.Message.InvoiceId, System.UriKind.Relative);
                    request.Method = HttpMethod.Post;
                    using var response = await _ledger.SendAsync(request);
                }
            }
            """;

        public const string HttpGetPutDelete = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using MassTransit;

            public sealed record ProfileChanged(string UserId, string DisplayName);

            public sealed class ProfileChangedConsumer : IConsumer<ProfileChanged>
            {
                private readonly HttpClient _directory;

                public ProfileChangedConsumer(HttpClient directory) => _directory = directory;

                public async Task Consume(ConsumeContext<ProfileChanged> context)
                {
                    var current = await _directory.GetFromJsonAsync<ProfileChanged>("users/" + context.Message.UserId);
                    await _directory.PutAsJsonAsync("users/" + context.Message.UserId, context.Message);
                    await _directory.DeleteAsync("users/" + context.Message.UserId + "/cache");
                    using var head = new HttpRequestMessage(HttpMethod.Get, "users/" + context.Message.UserId);
                    using var response = await _directory.SendAsync(head);
                }
            }
            """;

        public const string SendAsyncWithRequestBuiltElsewhere = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using MassTransit;

            public sealed record Forward(string Url);

            public sealed class ForwardConsumer : IConsumer<Forward>
            {
                private readonly HttpClient _http;
                private readonly RequestFactory _requests;

                public ForwardConsumer(HttpClient http, RequestFactory requests) { _http = http; _requests = requests; }

                public async Task Consume(ConsumeContext<Forward> context)
                {
                    using var response = await _http.SendAsync(_requests.For(context.Message.Url));
                }
            }

            public sealed class RequestFactory
            {
                public HttpRequestMessage For(string url) => new(HttpMethod.Head, url);
            }
            """;

        public const string EmailAfterMessageIdCheck = """
            using System.Threading.Tasks;
            using MailKit;
            using MassTransit;
            using Microsoft.EntityFrameworkCore;
            using MimeKit;

            public sealed record AccountOpened(string Email);

            public sealed class WelcomeEmailConsumer : IConsumer<AccountOpened>
            {
                private readonly ShopContext _db;
                private readonly IMailTransport _mail;

                public WelcomeEmailConsumer(ShopContext db, IMailTransport mail) { _db = db; _mail = mail; }

                public async Task Consume(ConsumeContext<AccountOpened> context)
                {
                    if (await _db.SentEmails.AnyAsync(e => e.MessageId == context.MessageId))
                    {
                        return;
                    }

                    _db.SentEmails.Add(new SentEmail { MessageId = context.MessageId });
                    await _db.SaveChangesAsync();
                    var welcome = new MimeMessage();
                    welcome.To.Add(MailboxAddress.Parse(context.Message.Email));
                    welcome.Subject = "Welcome";
                    await _mail.SendAsync(welcome);
                }
            }
            """ + Model;

        public const string InboxNamedBaseType = """
            using System.Threading.Tasks;
            using MailKit;
            using MassTransit;
            using MimeKit;

            public sealed record AccountOpened(string Email);

            /// <summary>The team's own inbox: a filter records each message id before consumers of this base type run.</summary>
            public abstract class InboxConsumer
            {
            }

            public sealed class WelcomeEmailConsumer : InboxConsumer, IConsumer<AccountOpened>
            {
                private readonly IMailTransport _mail;

                public WelcomeEmailConsumer(IMailTransport mail) => _mail = mail;

                public async Task Consume(ConsumeContext<AccountOpened> context)
                {
                    var welcome = new MimeMessage();
                    welcome.To.Add(MailboxAddress.Parse(context.Message.Email));
                    await _mail.SendAsync(welcome);
                }
            }
            """;

        public const string LookupBeforeInsertThenEmail = """
            using System.Net.Mail;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Rebus.Handlers;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;
                private readonly SmtpClient _smtp;

                public OrderPlacedHandler(ShopContext db, SmtpClient smtp) { _db = db; _smtp = smtp; }

                public async Task Handle(OrderPlaced message)
                {
                    var existing = await _db.Orders.FirstOrDefaultAsync(o => o.ExternalId == message.OrderId);
                    if (existing is not null)
                    {
                        return;
                    }

                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    await _db.SaveChangesAsync();
                    await _smtp.SendMailAsync("shop@example.com", "sales@example.com", "New order", message.OrderId);
                }
            }
            """ + Model;

        public const string MailKitConnectOnly = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MassTransit;

            public sealed record CheckMailServer(string Host);

            public sealed class MailServerProbe : IConsumer<CheckMailServer>
            {
                public async Task Consume(ConsumeContext<CheckMailServer> context)
                {
                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync(context.Message.Host, 587);
                    await smtp.DisconnectAsync(true);
                }
            }
            """;
        public const string RedisInScope = """
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public PaymentReceivedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task [|Consume|](ConsumeContext<PaymentReceived> context)
                {
                    // Credit the account.
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                    await _redis.StringIncrementAsync("payments:credited");
                }
            }
            """ + Model;

        public const string RedisPrimaryConstructor = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer(IConnectionMultiplexer redis, IDatabase cache, HttpClient ledger) : IConsumer<PaymentReceived>
            {
                public async Task [|Consume|](ConsumeContext<PaymentReceived> context)
                {
                    await ledger.PostAsJsonAsync("entries", context.Message).ConfigureAwait(false);
                }
            }
            """ + Model;

        public const string DistributedCacheInScope = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using NServiceBus;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;

                public OrderPlacedHandler(ShopContext db, IDistributedCache cache) { _db = db; Cache = cache; }

                private IDistributedCache Cache { get; }

                public async Task [|Handle|](OrderPlaced message, IMessageHandlerContext context)
                {
                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string RebusWithRedis = """
            using System.Threading.Tasks;
            using Rebus.Handlers;
            using StackExchange.Redis;

            public sealed class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public OrderPlacedHandler(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task [|Handle|](OrderPlaced message)
                {
                    _db.Orders.Add(new Order { ExternalId = message.OrderId, Total = message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string ExpressionBodiedWithRedis = """
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public PaymentReceivedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public Task [|Consume|](ConsumeContext<PaymentReceived> context) => Credit(context.Message);

                private async Task Credit(PaymentReceived payment)
                {
                    var account = await _db.Accounts.FindAsync(payment.AccountId);
                    account!.Balance += payment.Amount;
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string TwoHandlersWithRedis = """
            using System.Threading.Tasks;
            using MassTransit;
            using StackExchange.Redis;

            public sealed class PaymentReceivedConsumer : IConsumer<PaymentReceived>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public PaymentReceivedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task [|Consume|](ConsumeContext<PaymentReceived> context)
                {
                    var account = await _db.Accounts.FindAsync(context.Message.AccountId);
                    account!.Balance += context.Message.Amount;
                    await _db.SaveChangesAsync();
                }
            }

            public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
            {
                private readonly ShopContext _db;
                private readonly IDatabase _redis;

                public OrderPlacedConsumer(ShopContext db, IDatabase redis) { _db = db; _redis = redis; }

                public async Task [|Consume|](ConsumeContext<OrderPlaced> context)
                {
                    var messageId = context.Message.OrderId;
                    _db.Orders.Add(new Order { ExternalId = messageId, Total = context.Message.Total });
                    await _db.SaveChangesAsync();
                }
            }
            """ + Model;
    }
}
