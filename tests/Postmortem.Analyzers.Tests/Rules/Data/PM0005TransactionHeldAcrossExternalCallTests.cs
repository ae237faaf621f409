using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Data.PM0005TransactionHeldAcrossExternalCallAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Data.PM0005TransactionHeldAcrossExternalCallAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Data.PM0005TransactionHeldAcrossExternalCallCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Data;

/// <summary>
/// PM0005 Transaction or connection held across external I/O, with the real libraries: EF Core (relational),
/// Microsoft.Data.SqlClient, Npgsql, Dapper, System.Transactions, MassTransit, Confluent.Kafka, MailKit, RabbitMQ,
/// the AWS SQS client, OpenAI, Microsoft.Extensions.AI and gRPC. NServiceBus, Azure.Messaging.ServiceBus and
/// DotNetCore.CAP are declared as minimal stubs with their real namespaces and signatures: the first two are absent
/// from the package source the tests restore from, and CAP's current version needs a newer framework than the .NET 8
/// test compilations. The sources are also the robustness corpus.
/// </summary>
public sealed class PM0005TransactionHeldAcrossExternalCallTests
{
    private const string Key = Postmortem.Analyzers.CodeFixes.EquivalenceKeys.PM0005MoveAfterCommit;

    private static ReferenceAssemblies References => TestReferences.ExternalServices80;

    private static DiagnosticResult Buried(int location) => new DiagnosticResult(Descriptors.PM0005HelperHeldAcrossExternalCall).WithLocation(location);

    // ---------------------------------------------------------------- Flags: the shapes

    [Fact]
    public Task Flags_HttpCallInEfCoreTransaction_MessageNamesCallAndTransaction() => Verify.VerifyAsync(
        Sources.EfCoreHttp,
        References,
        expected: Verify.Diagnostic().WithLocation(0).WithMessage(
            "HTTP call 'HttpClient.PostAsJsonAsync' while transaction 'tx' (opened line 21) is open; "
            + "the database connection is held for the whole round trip, and under load the pool runs dry"));

    [Fact]
    public Task Flags_PublishInAdoNetTransaction() => Verify.VerifyAsync(
        Sources.SqlClientMassTransit,
        References,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("message publish 'IPublishEndpoint.Publish'", "transaction 'tx'", 16));

    [Fact]
    public Task Flags_KafkaProduceInNpgsqlTransaction() => Verify.VerifyAsync(Sources.NpgsqlKafka, References);

    [Fact]
    public Task Flags_EmailInTransactionScope() => Verify.VerifyAsync(
        Sources.TransactionScopeEmail,
        References,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("email 'SmtpClient.ConnectAsync'", "transaction scope 'scope'", 14),
            Verify.Diagnostic().WithLocation(1).WithArguments("email 'SmtpClient.SendAsync'", "transaction scope 'scope'", 14),
            Verify.Diagnostic().WithLocation(2).WithArguments("email 'SmtpClient.SendMailAsync'", "transaction scope 'scope'", 25),
        ]);

    [Fact]
    public Task Flags_EveryKindOfExternalCall() => Verify.VerifyAsync(Sources.EveryKind, References);

    [Fact]
    public Task Flags_StubbedBrokers() => Verify.VerifyAsync(Sources.StubbedBrokers, References);

    [Fact]
    public Task Flags_ExplicitlyOpenedConnection_EvenAfterTheCommit() => Verify.VerifyAsync(
        Sources.OpenConnection,
        References,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("HTTP call 'HttpClient.GetStringAsync'", "connection 'connection'", 15),
            Verify.Diagnostic().WithLocation(1).WithArguments("HTTP call 'HttpClient.PostAsync'", "connection 'connection'", 15),
            Verify.Diagnostic().WithLocation(2).WithArguments("delay 'Task.Delay'", "connection 'connection'", 30),
            Verify.Diagnostic().WithLocation(3).WithArguments("HTTP call 'HttpClient.Send'", "connection 'connection'", 37),
        ]);

    [Fact]
    public Task Flags_UsingStatementsNestedAndSequentialTransactions() => Verify.VerifyAsync(
        Sources.NestedAndSequential,
        References,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("HTTP call 'HttpClient.GetAsync'", "transaction 'tx'", 11),
            Verify.Diagnostic().WithLocation(1).WithArguments("HTTP call 'HttpClient.GetAsync'", "transaction 'inner'", 14),
            Verify.Diagnostic().WithLocation(2).WithArguments("HTTP call 'HttpClient.PutAsync'", "transaction 'second'", 29),
        ]);

    [Fact]
    public Task Flags_CommitInFinallyEarlyReturnAndLoops() => Verify.VerifyAsync(Sources.ControlFlow, References);

    // ---------------------------------------------------------------- Flags: buried in helpers

    [Fact]
    public Task Flags_HelperThatCallsOut_MessageNamesTheBuriedCall() => Verify.VerifyAsync(
        Sources.BuriedTypedClient,
        References,
        expected: Buried(0).WithMessage(
            "'ShippingClient.BookAsync()' makes HTTP call 'HttpClient.PostAsync' in Test0.cs line 12 while transaction 'tx' (opened line 24) is open; "
            + "the database connection is held for the whole round trip, and under load the pool runs dry"));

    [Fact]
    public Task Flags_HelperChainAndTransactionPassedToAHelper() => Verify.VerifyAsync(
        Sources.BuriedChain,
        References,
        expected:
        [
            Buried(0).WithArguments("OrderWorkflow.ProcessAsync()", "message publish 'IPublishEndpoint.Publish'", "Test0.cs line 28", " (via 'OrderWorkflow.NotifyAsync()' → 'OrderWorkflow.PublishAsync()')", "transaction 'tx'", 17),
            Buried(1).WithArguments("OrderWorkflow.FinishAsync()", "HTTP call 'HttpClient.PostAsync'", "Test0.cs line 33", "", "transaction 'tx'", 17),
        ]);

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_DatabaseWorkOnTheSameConnectionOrContext() => Verify.VerifyAsync(Sources.DatabaseOnly, References);

    [Fact]
    public Task DoesNotFlag_CallsAfterCommitOrClose() => Verify.VerifyAsync(Sources.AfterCommit, References);

    [Fact]
    public Task DoesNotFlag_ConnectionHoldingAnAdvisoryLockOrListening() => Verify.VerifyAsync(Sources.AdvisoryLock, References);

    [Fact]
    public Task DoesNotFlag_SignalRAndWebSocketPushes() => Verify.VerifyAsync(Sources.Pushes, References);

    [Fact]
    public Task DoesNotFlag_CapPublisherInsideTransaction() => Verify.VerifyAsync(Sources.CapPublisher, References);

    [Fact]
    public Task DoesNotFlag_WhenUnsureTheRegionIsOpen() => Verify.VerifyAsync(Sources.Unsure, References);

    [Fact]
    public Task DoesNotFlag_UnitOfWorkAndRepositories() => Verify.VerifyAsync(Sources.UnitOfWork, References);

    [Fact]
    public Task DoesNotFlag_HelpersThatStayInTheDatabaseOrAreCalledAfterCommit() => Verify.VerifyAsync(Sources.HelpersNotBuried, References);

    [Fact]
    public Task DoesNotFlag_ExcludedSymbols() => Verify.VerifyAsync(
        Sources.Excluded,
        References,
        editorConfig: "postmortem.PM0005.excluded_symbols = T:Shop.AuditClient, M:System.Threading.Tasks.Task.Delay(System.Int32)");

    // ---------------------------------------------------------------- Code fix

    [Fact]
    public Task Fix_MovesTheCallAfterTheCommit() => VerifyFix.VerifyFixAsync(Sources.FixMove, Sources.FixMoveFixed, Key, References);

    /// <summary>One at a time, each call lands right after the commit (so two calls end up in reverse order); Fix All keeps their order.</summary>
    [Fact]
    public Task Fix_FixAllMovesEveryStandaloneCallInOrder() => VerifyFix.VerifyFixAsync(Sources.FixAll, Sources.FixAllOneByOne, Key, References, batchFixedSource: Sources.FixAllFixed);

    [Fact]
    public Task Fix_NotOfferedWhenTheResultIsUsedOrNoCommitFollows() => VerifyFix.VerifyNoFixAsync(Sources.NoFix, Key, References);

    /// <summary>Test sources; also the robustness corpus.</summary>
    public static class Sources
    {
        private const string Model = """


            namespace Shop
            {
                public sealed class Order
                {
                    public int Id { get; set; }
                    public decimal Total { get; set; }
                }

                public sealed record OrderPlaced(int OrderId);

                public class ShopContext : Microsoft.EntityFrameworkCore.DbContext
                {
                    public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
                }
            }
            """;

        public const string EfCoreHttp = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Shop;

            public sealed class CheckoutService
            {
                private readonly ShopContext _db;
                private readonly HttpClient _payments;

                public CheckoutService(ShopContext db, HttpClient payments)
                {
                    _db = db;
                    _payments = payments;
                }

                public async Task CheckoutAsync(Order order, CancellationToken ct)
                {
                    await using var tx =
                        await _db.Database.BeginTransactionAsync(ct);
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync(ct);
                    var response = await {|#0:_payments.PostAsJsonAsync("/charge", order, ct)|};
                    response.EnsureSuccessStatusCode();
                    await tx.CommitAsync(ct);
                }
            }
            """ + Model;

        public const string SqlClientMassTransit = """
            using System.Threading.Tasks;
            using Dapper;
            using MassTransit;
            using Microsoft.Data.SqlClient;
            using Shop;

            public sealed class OrderWriter
            {
                private readonly IPublishEndpoint _publish;

                public OrderWriter(IPublishEndpoint publish) => _publish = publish;

                public async Task SaveAsync(string connectionString, Order order)
                {
                    using var connection = new SqlConnection(connectionString);
                    using var tx = connection.BeginTransaction();
                    await connection.ExecuteAsync("insert into orders values (@Id, @Total)", order, tx);
                    await {|#0:_publish.Publish(new OrderPlaced(order.Id))|};
                    tx.Commit();
                }
            }
            """ + Model;

        public const string NpgsqlKafka = """
            using System.Threading.Tasks;
            using Confluent.Kafka;
            using Npgsql;

            public sealed class Ledger
            {
                private readonly NpgsqlDataSource _dataSource;
                private readonly IProducer<string, string> _producer;

                public Ledger(NpgsqlDataSource dataSource, IProducer<string, string> producer)
                {
                    _dataSource = dataSource;
                    _producer = producer;
                }

                public async Task PostAsync(string account, decimal amount)
                {
                    await using var connection = new NpgsqlConnection("Host=db");
                    await using var tx = await connection.BeginTransactionAsync();
                    await using (var command = new NpgsqlCommand("update accounts set balance = balance + @a", connection, tx))
                    {
                        command.Parameters.AddWithValue("a", amount);
                        await command.ExecuteNonQueryAsync();
                    }

                    await [|_producer.ProduceAsync("ledger", new Message<string, string> { Key = account, Value = amount.ToString() })|];
                    [|_producer.Flush(System.TimeSpan.FromSeconds(5))|];
                    await tx.CommitAsync();
                }
            }
            """;

        public const string TransactionScopeEmail = """
            using System.Threading.Tasks;
            using System.Transactions;
            using MimeKit;

            public sealed class Registration
            {
                private readonly MailKit.Net.Smtp.SmtpClient _smtp = new();
                private readonly System.Net.Mail.SmtpClient _legacySmtp = new("mail");

                public Registration() { }

                public async Task RegisterAsync(MimeMessage welcome)
                {
                    using var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled);
                    await {|#0:_smtp.ConnectAsync("smtp.example.com", 587)|};
                    await {|#1:_smtp.SendAsync(welcome)|};
                    scope.Complete();
                }

                public async Task RegisterLegacyAsync(System.Net.Mail.MailMessage welcome)
                {
                    using (new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
                    {
                    }
                    using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
                    {
                        await {|#2:_legacySmtp.SendMailAsync(welcome)|};
                        scope.Complete();
                    }
                }
            }
            """;

        public const string EveryKind = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.SQS;
            using Grpc.Core;
            using MassTransit;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            using RabbitMQ.Client;
            using SendGrid;
            using Shop;

            public sealed class PricingClient : ClientBase<PricingClient>
            {
                public PricingClient(CallInvoker invoker) : base(invoker) { }
                private PricingClient(ClientBaseConfiguration configuration) : base(configuration) { }
                protected override PricingClient NewInstance(ClientBaseConfiguration configuration) => new(configuration);
                public Task<decimal> QuoteAsync(string sku) => Task.FromResult(1m);
            }

            public sealed class Everything
            {
                private readonly ShopContext _db;
                private readonly HttpMessageInvoker _invoker;
                private readonly PricingClient _pricing;
                private readonly IBus _bus;
                private readonly ISendEndpoint _endpoint;
                private readonly IAmazonSQS _sqs;
                private readonly IChannel _channel;
                private readonly ChatClient _openAi;
                private readonly IChatClient _chat;
                private readonly ISendGridClient _sendGrid;
                private readonly Microsoft.AspNetCore.Identity.IEmailSender<Order> _identityMail;

                public Everything(ShopContext db, HttpMessageInvoker invoker, PricingClient pricing, IBus bus, ISendEndpoint endpoint, IAmazonSQS sqs,
                    IChannel channel, ChatClient openAi, IChatClient chat, ISendGridClient sendGrid, Microsoft.AspNetCore.Identity.IEmailSender<Order> identityMail)
                {
                    (_db, _invoker, _pricing, _bus, _endpoint, _sqs, _channel, _openAi, _chat, _sendGrid, _identityMail) = (db, invoker, pricing, bus, endpoint, sqs, channel, openAi, chat, sendGrid, identityMail);
                }

                public async Task RunAsync(Order order)
                {
                    using var tx = _db.Database.BeginTransaction();
                    await [|_invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x"), default)|];
                    await [|_pricing.QuoteAsync("sku")|];
                    await [|_bus.Publish(new OrderPlaced(order.Id))|];
                    await [|_endpoint.Send(new OrderPlaced(order.Id))|];
                    await [|_sqs.SendMessageAsync("queue", "body")|];
                    await [|_channel.BasicPublishAsync("orders", "placed", new ReadOnlyMemory<byte>(new byte[1]))|];
                    await [|_openAi.CompleteChatAsync(new UserChatMessage("summarize"))|];
                    await [|_chat.GetResponseAsync("summarize")|];
                    await [|_sendGrid.SendEmailAsync(new SendGrid.Helpers.Mail.SendGridMessage())|];
                    await [|_identityMail.SendConfirmationLinkAsync(order, "a@b.c", "http://x")|];
                    await [|Task.Delay(100)|];
                    tx.Commit();
                }
            }
            """ + Model;

        public const string StubbedBrokers = """
            using System.Threading.Tasks;
            using Azure.Messaging.ServiceBus;
            using NServiceBus;
            using Shop;

            public sealed class Handler
            {
                private readonly ShopContext _db;
                private readonly IMessageSession _session;
                private readonly ServiceBusSender _sender;

                public Handler(ShopContext db, IMessageSession session, ServiceBusSender sender) => (_db, _session, _sender) = (db, session, sender);

                public async Task Handle(OrderPlaced message, IPipelineContext context)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    await [|_session.Send(message)|];
                    await [|context.Publish(message)|];
                    await [|_sender.SendMessageAsync(new ServiceBusMessage("body"))|];
                    await _db.Database.CommitTransactionAsync();
                }
            }

            // Stubs: NServiceBus and Azure.Messaging.ServiceBus are absent from the package source the tests restore from.
            namespace NServiceBus
            {
                public sealed class SendOptions { }
                public sealed class PublishOptions { }

                public interface IMessageSession
                {
                    Task Send(object message, SendOptions sendOptions, System.Threading.CancellationToken cancellationToken = default);
                    Task Publish(object message, PublishOptions publishOptions, System.Threading.CancellationToken cancellationToken = default);
                }

                public interface IPipelineContext
                {
                    Task Send(object message, SendOptions options);
                    Task Publish(object message, PublishOptions options);
                }

                public static class IMessageSessionExtensions
                {
                    public static Task Send(this IMessageSession session, object message, System.Threading.CancellationToken cancellationToken = default)
                        => session.Send(message, new SendOptions(), cancellationToken);
                }

                public static class IPipelineContextExtensions
                {
                    public static Task Publish(this IPipelineContext context, object message) => context.Publish(message, new PublishOptions());
                }
            }

            namespace Azure.Messaging.ServiceBus
            {
                public class ServiceBusMessage
                {
                    public ServiceBusMessage(string body) { }
                }

                public class ServiceBusSender
                {
                    public virtual Task SendMessageAsync(ServiceBusMessage message, System.Threading.CancellationToken cancellationToken = default) => Task.CompletedTask;
                }
            }
            """ + Model;

        public const string OpenConnection = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.Data.SqlClient;
            using Npgsql;

            public sealed class Reports
            {
                private readonly HttpClient _http = new();
                private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create("Host=db");

                public async Task<int> ExportAsync(string connectionString)
                {
                    using var connection = new SqlConnection(connectionString);
                    await connection.OpenAsync();
                    var rows = await connection.QueryAsync<int>("select id from reports");
                    var template = await {|#0:_http.GetStringAsync("http://templates/report")|};
                    using (var tx = connection.BeginTransaction())
                    {
                        await connection.ExecuteAsync("update reports set sent = 1", transaction: tx);
                        tx.Commit();
                    }

                    await {|#1:_http.PostAsync("http://mail/send", new StringContent(template))|};
                    return 0;
                }

                public async Task PollAsync()
                {
                    await using var connection = await _dataSource.OpenConnectionAsync();
                    await {|#2:Task.Delay(1000)|};
                }

                public void Sync(string connectionString)
                {
                    var connection = new SqlConnection(connectionString);
                    connection.Open();
                    {|#3:_http.Send(new HttpRequestMessage(HttpMethod.Get, "http://x"))|};
                    connection.Close();
                    _http.Send(new HttpRequestMessage(HttpMethod.Get, "http://after-close"));
                }
            }
            """;

        public const string NestedAndSequential = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;

            public sealed class Batches
            {
                private readonly HttpClient _http = new();

                public async Task RunAsync(SqlConnection outer, SqlConnection other)
                {
                    using (var tx = outer.BeginTransaction())
                    {
                        await {|#0:_http.GetAsync("http://a")|};
                        using (var inner = other.BeginTransaction())
                        {
                            await {|#1:_http.GetAsync("http://b")|};
                            inner.Commit();
                        }

                        tx.Commit();
                    }

                    using (var first = outer.BeginTransaction())
                    {
                        first.Commit();
                    }

                    await _http.GetAsync("http://between");
                    using var second = outer.BeginTransaction();
                    await {|#2:_http.PutAsync("http://c", null)|};
                    second.Commit();
                    await _http.GetAsync("http://after");
                }
            }
            """;

        public const string ControlFlow = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            using Shop;

            public sealed class Flows
            {
                private readonly HttpClient _http = new();
                private readonly ShopContext _db = new();

                public async Task CommitInFinallyAsync(SqlConnection connection)
                {
                    var tx = connection.BeginTransaction();
                    try
                    {
                        await [|_http.GetAsync("http://a")|];
                        tx.Commit();
                    }
                    finally
                    {
                        tx.Dispose();
                    }
                }

                public async Task EarlyReturnAsync(Order order)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    if (order.Total <= 0)
                    {
                        await tx.RollbackAsync();
                        return;
                    }

                    await [|_http.PostAsync("http://charge", null)|];
                    await tx.CommitAsync();
                }

                public async Task LoopsAsync(IReadOnlyList<Order> orders)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    foreach (var order in orders)
                    {
                        _db.Orders.Add(order);
                        await [|_http.PostAsync("http://notify/" + order.Id, null)|];
                    }

                    await _db.SaveChangesAsync();
                    await tx.CommitAsync();
                }

                public async Task TransactionPerIterationAsync(IReadOnlyList<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        await _http.GetAsync("http://before");
                        using var tx = _db.Database.BeginTransaction();
                        await _db.SaveChangesAsync();
                        await [|_http.GetAsync("http://inside")|];
                        tx.Commit();
                    }
                }

                public async Task CommitAfterTheCallInALoopAsync(IReadOnlyList<Order> orders, SqlConnection connection)
                {
                    var tx = connection.BeginTransaction();
                    for (var i = 0; i < orders.Count; i++)
                    {
                        await [|_http.GetAsync("http://x")|];
                    }

                    tx.Commit();
                    await _http.GetAsync("http://after");
                }

                public async Task ExecutionStrategyAsync()
                {
                    var strategy = _db.Database.CreateExecutionStrategy();
                    await strategy.ExecuteAsync(async () =>
                    {
                        await using var tx = await _db.Database.BeginTransactionAsync();
                        await _db.SaveChangesAsync();
                        await [|_http.GetAsync("http://inside-strategy")|];
                        await tx.CommitAsync();
                    });
                }
            }
            """ + Model;

        public const string BuriedTypedClient = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Shop;

            public sealed class ShippingClient
            {
                private readonly HttpClient _http;

                public ShippingClient(HttpClient http) => _http = http;

                public async Task BookAsync(int orderId)
                    => await _http.PostAsync("/book/" + orderId, null);
            }

            public sealed class OrderService
            {
                private readonly ShopContext _db;
                private readonly ShippingClient _shipping;

                public OrderService(ShopContext db, ShippingClient shipping) => (_db, _shipping) = (db, shipping);

                public async Task PlaceAsync(Order order)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync();
                    await {|#0:_shipping.BookAsync(order.Id)|};
                    await tx.CommitAsync();
                    await _shipping.BookAsync(order.Id);
                }
            }
            """ + Model;

        public const string BuriedChain = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using MassTransit;
            using Microsoft.EntityFrameworkCore.Storage;
            using Shop;

            public sealed class OrderWorkflow
            {
                private readonly ShopContext _db = new();
                private readonly IPublishEndpoint _publish;
                private readonly HttpClient _http = new();

                public OrderWorkflow(IPublishEndpoint publish) => _publish = publish;

                public async Task RunAsync(Order order)
                {
                    var tx = await _db.Database.BeginTransactionAsync();
                    await {|#0:ProcessAsync(order)|};
                    await {|#1:FinishAsync(tx)|};
                }

                private Task ProcessAsync(Order order) => NotifyAsync(order.Id);

                private async Task NotifyAsync(int id) => await PublishAsync(id);

                private async Task PublishAsync(int id)
                {
                    await _publish.Publish(new OrderPlaced(id));
                }

                private async Task FinishAsync(IDbContextTransaction tx)
                {
                    await _http.PostAsync("http://audit", null);
                    await tx.CommitAsync();
                }
            }
            """ + Model;

        public const string DatabaseOnly = """
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            using Shop;

            public sealed class Repository
            {
                private readonly ShopContext _db = new();

                public async Task SaveAsync(Order order)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync();
                    var count = await _db.Orders.CountAsync();
                    await _db.Database.ExecuteSqlRawAsync("update stats set orders = {0}", count);
                    await tx.CommitAsync();
                }

                public async Task BulkAsync(string connectionString)
                {
                    await using var connection = new SqlConnection(connectionString);
                    await connection.OpenAsync();
                    await using var tx = (SqlTransaction)await connection.BeginTransactionAsync();
                    await connection.ExecuteAsync("delete from carts where expired = 1", transaction: tx);
                    var rows = await connection.QueryAsync<int>("select id from carts", transaction: tx);
                    await tx.CommitAsync();
                }
            }
            """ + Model;

        public const string AfterCommit = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using System.Transactions;
            using MassTransit;
            using Microsoft.Data.SqlClient;
            using Shop;

            public sealed class AfterCommitService
            {
                private readonly ShopContext _db = new();
                private readonly HttpClient _http = new();
                private readonly IPublishEndpoint _publish;

                public AfterCommitService(IPublishEndpoint publish) => _publish = publish;

                public async Task EfAsync(Order order)
                {
                    await _http.GetAsync("http://before");
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    await _db.SaveChangesAsync();
                    await tx.CommitAsync();
                    await _publish.Publish(new OrderPlaced(order.Id));
                }

                public async Task CommitOrRollbackAsync(Order order, bool ok)
                {
                    using var tx = _db.Database.BeginTransaction();
                    if (ok)
                    {
                        tx.Commit();
                    }
                    else
                    {
                        tx.Rollback();
                    }

                    await _http.GetAsync("http://after-either");
                }

                public async Task TryCommitCatchRollbackAsync(Order order)
                {
                    var tx = await _db.Database.BeginTransactionAsync();
                    try
                    {
                        await _db.SaveChangesAsync();
                        await tx.CommitAsync();
                    }
                    catch (Exception)
                    {
                        await tx.RollbackAsync();
                        throw;
                    }

                    await _http.GetAsync("http://after-try");
                }

                public async Task ScopeAsync()
                {
                    using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
                    {
                        await _db.SaveChangesAsync();
                        scope.Complete();
                    }

                    await _http.GetAsync("http://after-scope");
                }

                public async Task ContextTransactionAsync()
                {
                    await _db.Database.BeginTransactionAsync();
                    await _db.SaveChangesAsync();
                    await _db.Database.CommitTransactionAsync();
                    await _http.GetAsync("http://after-commit-transaction");
                }

                public async Task ClosedConnectionAsync(string connectionString)
                {
                    using (var connection = new SqlConnection(connectionString))
                    {
                        await connection.OpenAsync();
                    }

                    var other = new SqlConnection(connectionString);
                    await other.OpenAsync();
                    await other.CloseAsync();
                    await _http.GetAsync("http://after-close");
                }
            }
            """ + Model;

        public const string AdvisoryLock = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Dapper;
            using Npgsql;

            public sealed class LeaderElection
            {
                private const string TryLock = "SELECT pg_try_advisory_lock(@key)";
                private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create("Host=db");

                public async Task LeadAsync(CancellationToken ct)
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(ct);
                    await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(42)", connection))
                    {
                        await command.ExecuteNonQueryAsync(ct);
                    }

                    while (!ct.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), ct);
                    }
                }

                public async Task TryLeadAsync(CancellationToken ct)
                {
                    await using var connection = new NpgsqlConnection("Host=db");
                    await connection.OpenAsync(ct);
                    while (!await connection.ExecuteScalarAsync<bool>(TryLock, new { key = 7 }))
                    {
                        await Task.Delay(1000, ct);
                    }
                }

                public async Task ListenAsync(CancellationToken ct)
                {
                    await using var connection = new NpgsqlConnection("Host=db");
                    await connection.OpenAsync(ct);
                    await using (var listen = new NpgsqlCommand("LISTEN order_events", connection))
                    {
                        await listen.ExecuteNonQueryAsync(ct);
                    }

                    while (!ct.IsCancellationRequested)
                    {
                        await connection.WaitAsync(TimeSpan.FromSeconds(30), ct);
                        await Task.Delay(100, ct);
                    }
                }
            }
            """;

        public const string Pushes = """
            using System;
            using System.Net.WebSockets;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;
            using Shop;

            public sealed class OrdersHub : Hub { }

            public sealed class Broadcaster
            {
                private readonly ShopContext _db = new();
                private readonly IHubContext<OrdersHub> _hub;

                public Broadcaster(IHubContext<OrdersHub> hub) => _hub = hub;

                public async Task SaveAndPushAsync(Order order, WebSocket socket)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    await _db.SaveChangesAsync();
                    await _hub.Clients.All.SendAsync("orderPlaced", order.Id);
                    await socket.SendAsync(new ArraySegment<byte>(new byte[1]), WebSocketMessageType.Text, true, default);
                    await tx.CommitAsync();
                }
            }
            """ + Model;

        public const string CapPublisher = """
            using System.Threading.Tasks;
            using DotNetCore.CAP;
            using Shop;

            public sealed class OutboxWriter
            {
                private readonly ShopContext _db = new();
                private readonly ICapPublisher _cap;

                public OutboxWriter(ICapPublisher cap) => _cap = cap;

                public async Task SaveAsync(Order order)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync();
                    await _cap.PublishAsync("orders.placed", new OrderPlaced(order.Id));
                    await tx.CommitAsync();
                }
            }

            // Stub: DotNetCore.CAP's current version needs a newer framework than the .NET 8 test compilations.
            namespace DotNetCore.CAP
            {
                public interface ICapPublisher
                {
                    Task PublishAsync<T>(string name, T? contentObj, string? callbackName = null, System.Threading.CancellationToken cancellationToken = default);
                }
            }
            """ + Model;

        public const string Unsure = """
            using System;
            using System.Linq.Expressions;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore.Storage;
            using Shop;

            public sealed class Unsure
            {
                private readonly ShopContext _db = new();
                private readonly HttpClient _http = new();
                private IDbContextTransaction? _current;

                public async Task OpenedInABranchAsync(bool transactional)
                {
                    IDbContextTransaction? tx = null;
                    if (transactional)
                    {
                        tx = await _db.Database.BeginTransactionAsync();
                    }

                    await _http.GetAsync("http://x");
                    tx?.Commit();
                }

                public async Task DeferredWorkAsync()
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    Func<Task> later = () => _http.GetAsync("http://later");
                    _ = Task.Run(() => _http.GetAsync("http://background"));
                    Expression<Func<HttpClient, Task>> expression = h => h.GetAsync("http://never");
                    await tx.CommitAsync();
                    await later();
                }

                public async Task CommitThroughALambdaAsync(SqlConnection connection)
                {
                    var tx = connection.BeginTransaction();
                    Action commit = () => tx.Commit();
                    commit();
                    await _http.GetAsync("http://after-lambda-commit");
                }

                public async Task StoredInAFieldAndCommittedInABranchAsync(bool ok)
                {
                    _current = await _db.Database.BeginTransactionAsync();
                    if (ok)
                    {
                        await _current.CommitAsync();
                    }

                    await _http.GetAsync("http://maybe-after");
                }

                public async Task CallBeforeBeginAsync(SqlConnection connection)
                {
                    await _http.GetAsync("http://first");
                    using var tx = connection.BeginTransaction();
                    tx.Commit();
                }
            }
            """ + Model;

        public const string UnitOfWork = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore.Storage;
            using Shop;

            public interface IUnitOfWork
            {
                Task BeginAsync();
                Task CommitAsync();
            }

            public sealed class UnitOfWork : IUnitOfWork, IDisposable
            {
                private readonly ShopContext _db = new();
                private IDbContextTransaction? _tx;

                public async Task BeginAsync() => _tx = await _db.Database.BeginTransactionAsync();

                public async Task CommitAsync()
                {
                    await _db.SaveChangesAsync();
                    await _tx!.CommitAsync();
                }

                public void Dispose() => _tx?.Dispose();
            }

            public sealed class PlaceOrder
            {
                private readonly IUnitOfWork _unitOfWork;
                private readonly HttpClient _http = new();

                public PlaceOrder(IUnitOfWork unitOfWork) => _unitOfWork = unitOfWork;

                public async Task HandleAsync()
                {
                    await _unitOfWork.BeginAsync();
                    await _unitOfWork.CommitAsync();
                    await _http.PostAsync("http://notify", null);
                }
            }

            public sealed class OrderingContext : ShopContext
            {
                private IDbContextTransaction? _current;
                private readonly HttpClient _http = new();

                public async Task CommitTransactionAsync(IDbContextTransaction transaction)
                {
                    await SaveChangesAsync();
                    await transaction.CommitAsync();
                    _current = null;
                }

                public async Task HandleAsync()
                {
                    await using var transaction = await Database.BeginTransactionAsync();
                    await SaveChangesAsync();
                    await CommitTransactionAsync(transaction);
                    await _http.PostAsync("http://after-own-commit", null);
                }
            }
            """ + Model;

        public const string HelpersNotBuried = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Shop;

            public interface INotifier
            {
                Task NotifyAsync(int id);
            }

            public sealed class Service
            {
                private readonly ShopContext _db = new();
                private readonly HttpClient _http = new();
                private readonly INotifier _notifier;

                public Service(INotifier notifier) => _notifier = notifier;

                public async Task RunAsync(Order order)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    await SaveAsync(order);
                    await _notifier.NotifyAsync(order.Id);
                    await tx.CommitAsync();
                    await NotifyAsync(order.Id);
                }

                private async Task SaveAsync(Order order)
                {
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync();
                }

                private async Task NotifyAsync(int id) => await _http.PostAsync("http://notify/" + id, null);
            }
            """ + Model;

        public const string Excluded = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Shop;

            public sealed class AuditClient : HttpClient { }

            public sealed class Audited
            {
                private readonly ShopContext _db = new();
                private readonly AuditClient _audit = new();

                public async Task RunAsync()
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    await Task.Delay(10);
                    await tx.CommitAsync();
                }
            }
            """ + Model;

        public const string FixMove = """
            using System.Threading.Tasks;
            using MassTransit;
            using Shop;

            public sealed class Placer
            {
                private readonly ShopContext _db = new();
                private readonly IPublishEndpoint _publish;

                public Placer(IPublishEndpoint publish) => _publish = publish;

                public async Task PlaceAsync(Order order)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    _db.Orders.Add(order);
                    // Tell the warehouse.
                    await [|_publish.Publish(new OrderPlaced(order.Id))|];
                    await _db.SaveChangesAsync();
                    await tx.CommitAsync();
                    order.Total = 0;
                }
            }
            """ + Model;

        public const string FixMoveFixed = """
            using System.Threading.Tasks;
            using MassTransit;
            using Shop;

            public sealed class Placer
            {
                private readonly ShopContext _db = new();
                private readonly IPublishEndpoint _publish;

                public Placer(IPublishEndpoint publish) => _publish = publish;

                public async Task PlaceAsync(Order order)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync();
                    await tx.CommitAsync();
                    // Tell the warehouse.
                    await _publish.Publish(new OrderPlaced(order.Id));
                    order.Total = 0;
                }
            }
            """ + Model;

        public const string FixAll = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using System.Transactions;
            using MassTransit;
            using Microsoft.Data.SqlClient;
            using Shop;

            public sealed class Many
            {
                private readonly HttpClient _http = new();
                private readonly IPublishEndpoint _publish;

                public Many(IPublishEndpoint publish) => _publish = publish;

                public async Task OneAsync(SqlConnection connection, Order order)
                {
                    using var tx = connection.BeginTransaction();
                    await [|_http.PostAsync("http://a", null)|].ConfigureAwait(false);
                    await [|_publish.Publish(new OrderPlaced(order.Id))|];
                    tx.Commit();
                }

                public void Two()
                {
                    using (var scope = new TransactionScope())
                    {
                        [|_http.Send(new HttpRequestMessage(HttpMethod.Get, "http://b"))|];
                        scope.Complete();
                    }
                }
            }
            """ + Model;

        public const string FixAllFixed = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using System.Transactions;
            using MassTransit;
            using Microsoft.Data.SqlClient;
            using Shop;

            public sealed class Many
            {
                private readonly HttpClient _http = new();
                private readonly IPublishEndpoint _publish;

                public Many(IPublishEndpoint publish) => _publish = publish;

                public async Task OneAsync(SqlConnection connection, Order order)
                {
                    using var tx = connection.BeginTransaction();
                    tx.Commit();
                    await _http.PostAsync("http://a", null).ConfigureAwait(false);
                    await _publish.Publish(new OrderPlaced(order.Id));
                }

                public void Two()
                {
                    using (var scope = new TransactionScope())
                    {
                        scope.Complete();
                        _http.Send(new HttpRequestMessage(HttpMethod.Get, "http://b"));
                    }
                }
            }
            """ + Model;

        public const string FixAllOneByOne = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using System.Transactions;
            using MassTransit;
            using Microsoft.Data.SqlClient;
            using Shop;

            public sealed class Many
            {
                private readonly HttpClient _http = new();
                private readonly IPublishEndpoint _publish;

                public Many(IPublishEndpoint publish) => _publish = publish;

                public async Task OneAsync(SqlConnection connection, Order order)
                {
                    using var tx = connection.BeginTransaction();
                    tx.Commit();
                    await _publish.Publish(new OrderPlaced(order.Id));
                    await _http.PostAsync("http://a", null).ConfigureAwait(false);
                }

                public void Two()
                {
                    using (var scope = new TransactionScope())
                    {
                        scope.Complete();
                        _http.Send(new HttpRequestMessage(HttpMethod.Get, "http://b"));
                    }
                }
            }
            """ + Model;

        public const string NoFix = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Shop;

            public sealed class NoFixes
            {
                private readonly ShopContext _db = new();
                private readonly HttpClient _http = new();

                public async Task ResultUsedAsync()
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    var response = await [|_http.GetAsync("http://x")|];
                    await tx.CommitAsync();
                }

                public async Task ConnectionOnlyAsync(SqlConnection connection)
                {
                    await connection.OpenAsync();
                    await [|_http.GetAsync("http://x")|];
                }

                public async Task CommitInAnotherBlockAsync(bool ok)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    await [|_http.GetAsync("http://x")|];
                    if (ok)
                    {
                        await tx.CommitAsync();
                    }
                }

                public async Task ReturnBetweenAsync(bool ok)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    await [|_http.GetAsync("http://x")|];
                    if (!ok)
                    {
                        return;
                    }

                    await tx.CommitAsync();
                }
            }
            """ + Model;
    }
}
