using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Resources.PM0004PooledClientPerOperationAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Resources.PM0004PooledClientPerOperationAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Resources.PM0004PooledClientPerOperationCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Resources;

/// <summary>
/// PM0004 Pooled client created per operation: the shapes of PM0003 (the same execution-frequency model) for every client
/// family, with the real packages StackExchange.Redis, MongoDB.Driver, Microsoft.Azure.Cosmos, AWSSDK.SQS, Grpc.Net.Client,
/// Npgsql, RabbitMQ.Client and RestSharp. Azure.Messaging.ServiceBus, Azure.Messaging.EventHubs and
/// Elastic.Clients.Elasticsearch are absent from the package source the tests restore from: they are declared as minimal
/// stubs with their real namespaces and signatures. The sources are also the robustness corpus.
/// </summary>
public sealed class PM0004PooledClientPerOperationTests
{
    private const string Key = Postmortem.Analyzers.CodeFixes.EquivalenceKeys.PM0004UseStaticClient;

    private static ReferenceAssemblies References => TestReferences.PooledClients80;

    [Fact]
    public Task Flags_ClientPerCall_MessageNamesTypeAndFrequency() => Verify.VerifyAsync(
        Sources.MongoPerCall,
        References,
        expected: Verify.Diagnostic().WithLocation(0).WithMessage(
            "'new MongoClient(...)' creates a client on every call of 'CustomerStore.FindAsync'; every instance opens its own pool of connections to the server, "
            + "and under load they pile up until the server or the process runs out"));

    [Fact]
    public Task Flags_EveryFamilyAndShape() => Verify.VerifyAsync(
        Sources.EveryShape,
        References,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("ConnectionMultiplexer.Connect(...)", "on every iteration of a loop in 'Warmer.Run'"),
            Verify.Diagnostic().WithLocation(1).WithArguments("new CosmosClient(...)", "for every request handled by 'ProductsController'"),
            Verify.Diagnostic().WithLocation(2).WithArguments("new AmazonSQSClient(...)", "on every call of 'Queue.SendAsync'"),
            Verify.Diagnostic().WithLocation(3).WithArguments("GrpcChannel.ForAddress(...)", "every time a lambda in 'Endpoints.Map' runs"),
            Verify.Diagnostic().WithLocation(4).WithArguments("NpgsqlDataSource.Create(...)", "every time a lambda in 'Registrations.AddData' runs"),
            Verify.Diagnostic().WithLocation(5).WithArguments("NpgsqlDataSourceBuilder.Build(...)", "on every call of 'Queue.Build'"),
            Verify.Diagnostic().WithLocation(6).WithArguments("ConnectionFactory.CreateConnectionAsync(...)", "on every call of 'Queue.PublishAsync'"),
            Verify.Diagnostic().WithLocation(7).WithArguments("new RestClient(...)", "on every call of local function 'Fetch' in 'Queue.FetchAsync'"),
            Verify.Diagnostic().WithLocation(8).WithArguments("ConnectionMultiplexer.ConnectAsync(...)", "on every call of 'Warmer.ConnectAsync'"),
        ]);

    [Fact]
    public Task Flags_StubbedAzureAndElasticClients()
    {
        var test = new Verify.Test(References) { TestState = { Sources = { Sources.StubbedClients, Sources.StubSource } } };
        return test.RunAsync();
    }

    [Fact]
    public Task DoesNotFlag_CreatedOnce() => Verify.VerifyAsync(Sources.CreatedOnce, References);

    [Fact]
    public Task DoesNotFlag_TopLevelStatementsOutsideLoops()
    {
        var test = new Verify.Test(References) { TestCode = Sources.Program };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task DoesNotFlag_TestCode() => Verify.VerifyAsync(Sources.TestCode, References);

    [Fact]
    public Task DoesNotFlag_ExcludedSymbols() => Verify.VerifyAsync(
        Sources.Excluded,
        References,
        editorConfig: "postmortem.PM0004.excluded_symbols = T:MongoDB.Driver.MongoClient");

    [Fact]
    public Task Fix_HoistsToStaticFieldAndLazyForConnectingFactories() => VerifyFix.VerifyFixAsync(Sources.Fix, Sources.FixFixed, Key, References);

    [Fact]
    public Task Fix_NotOfferedForLocalStateAwaitsOrEscapingClients() => VerifyFix.VerifyNoFixAsync(Sources.NoFix, Key, References);

    /// <summary>Test sources; also the robustness corpus.</summary>
    public static class Sources
    {
        public const string MongoPerCall = """
            using System.Threading.Tasks;
            using MongoDB.Bson;
            using MongoDB.Driver;

            public sealed class CustomerStore
            {
                public async Task<BsonDocument?> FindAsync(string id)
                {
                    var client = {|#0:new MongoClient("mongodb://db:27017")|};
                    var customers = client.GetDatabase("shop").GetCollection<BsonDocument>("customers");
                    return await customers.Find(Builders<BsonDocument>.Filter.Eq("_id", id)).FirstOrDefaultAsync();
                }
            }
            """;

        public const string EveryShape = """
            using System;
            using System.Threading.Tasks;
            using Amazon.SQS;
            using Grpc.Net.Client;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Azure.Cosmos;
            using Microsoft.Extensions.DependencyInjection;
            using Npgsql;
            using RabbitMQ.Client;
            using RestSharp;
            using StackExchange.Redis;

            public sealed class Warmer
            {
                public void Run(string[] keys)
                {
                    foreach (var key in keys)
                    {
                        using var redis = {|#0:ConnectionMultiplexer.Connect("localhost")|};
                        redis.GetDatabase().StringGet(key);
                    }
                }

                public async Task<bool> ConnectAsync() => (await {|#8:ConnectionMultiplexer.ConnectAsync("localhost")|}).IsConnected;
            }

            [ApiController]
            public sealed class ProductsController : ControllerBase
            {
                private readonly CosmosClient _cosmos;

                public ProductsController() => _cosmos = {|#1:new CosmosClient("AccountEndpoint=https://x/;AccountKey=eA==;")|};
            }

            public sealed class Queue
            {
                public async Task SendAsync(string body)
                {
                    using var sqs = {|#2:new AmazonSQSClient()|};
                    await sqs.SendMessageAsync("queue", body);
                }

                public int Build(string connectionString) => {|#5:new NpgsqlDataSourceBuilder(connectionString).Build()|}.GetHashCode();

                public async Task PublishAsync(ConnectionFactory factory)
                {
                    await using var connection = await {|#6:factory.CreateConnectionAsync()|};
                }

                public async Task<RestResponse> FetchAsync()
                {
                    return await Fetch();

                    Task<RestResponse> Fetch() => {|#7:new RestClient("https://api")|}.ExecuteAsync(new RestRequest("items"));
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/price", () => {|#3:GrpcChannel.ForAddress("https://pricing")|}.Target);
                }
            }

            public static class Registrations
            {
                public static void AddData(IServiceCollection services)
                {
                    services.AddScoped(_ => {|#4:NpgsqlDataSource.Create("Host=db")|});
                }
            }
            """;

        public const string StubbedClients = """
            using System.Threading.Tasks;
            using Azure.Messaging.EventHubs.Producer;
            using Azure.Messaging.ServiceBus;
            using Elastic.Clients.Elasticsearch;

            public sealed class Publisher
            {
                public async Task PublishAsync(string connectionString)
                {
                    await using var bus = [|new ServiceBusClient(connectionString)|];
                    await using var hub = [|new EventHubProducerClient(connectionString)|];
                    var search = [|new ElasticsearchClient()|];
                }
            }
            """;

        /// <summary>
        /// Stubs of the packages absent from the package source the tests restore from, with their real namespaces and
        /// signatures. Private, so not part of the robustness corpus: a compilation without references still has them.
        /// </summary>
        public static string StubSource => Stubs;

        private const string Stubs = """
            namespace Azure.Messaging.ServiceBus
            {
                public class ServiceBusClient : System.IAsyncDisposable
                {
                    public ServiceBusClient(string connectionString) { }
                    public System.Threading.Tasks.ValueTask DisposeAsync() => default;
                }
            }

            namespace Azure.Messaging.EventHubs.Producer
            {
                public class EventHubProducerClient : System.IAsyncDisposable
                {
                    public EventHubProducerClient(string connectionString) { }
                    public System.Threading.Tasks.ValueTask DisposeAsync() => default;
                }
            }

            namespace Elastic.Clients.Elasticsearch
            {
                public class ElasticsearchClient
                {
                }
            }
            """;

        public const string CreatedOnce = """
            using System;
            using Amazon.SQS;
            using Microsoft.Extensions.DependencyInjection;
            using MongoDB.Driver;
            using Npgsql;
            using StackExchange.Redis;

            public sealed class Shared
            {
                private static readonly MongoClient s_mongo = new("mongodb://db");
                private static readonly Lazy<ConnectionMultiplexer> s_redis = new(() => ConnectionMultiplexer.Connect("localhost"));
                private static readonly AmazonSQSClient s_sqs;
                private static NpgsqlDataSource? s_dataSource;

                static Shared() => s_sqs = new AmazonSQSClient();

                public static NpgsqlDataSource DataSource => s_dataSource ??= NpgsqlDataSource.Create("Host=db");
            }

            public sealed class OrdersRepository
            {
                // A class the rule cannot tell is created per request: its constructor runs once for a singleton.
                private readonly MongoClient _client;

                public OrdersRepository() => _client = new MongoClient("mongodb://db");
            }

            public sealed class ConnectionPool
            {
                private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PooledConnection> s_pool = new();
                private IMongoClient? _mongo;

                public sealed class PooledConnection
                {
                    public PooledConnection() { }
                    public PooledConnection(IConnectionMultiplexer connection) => Connection = connection;
                    public IConnectionMultiplexer? Connection { get; init; }
                }

                public PooledConnection Wrap(string configuration)
                {
                    var connection = ConnectionMultiplexer.Connect(configuration);
                    return new PooledConnection(connection);
                }

                // A pool, a provider or a cache keeps what it creates: its lifetime is decided there.
                public PooledConnection Get(string configuration)
                {
                    var connection = ConnectionMultiplexer.Connect(configuration);
                    var pooled = new PooledConnection { Connection = connection };
                    s_pool.TryAdd(configuration, pooled);
                    return pooled;
                }

                public IMongoClient Mongo(string connectionString) => _mongo ??= new MongoClient(connectionString);

                public void EnsureClient(bool local) => _mongo ??= local ? new MongoClient("mongodb://localhost") : new MongoClient("mongodb://db");

                public System.Func<ConnectionMultiplexer> Factory(string configuration) => () => ConnectionMultiplexer.Connect(configuration);

                // A factory method: its callers decide how often it runs.
                public static ConnectionMultiplexer Create(string configuration) => ConnectionMultiplexer.Connect(configuration);

                public static MongoClient CreateMongo()
                {
                    var client = new MongoClient("mongodb://db");
                    return client;
                }

                public void Reset(string connectionString) => _mongo = new MongoClient(connectionString);

                // A factory that connects and hands the connection to the object it returns, through a local assigned later.
                public async System.Threading.Tasks.Task<Session> ConnectAsync(RabbitMQ.Client.ConnectionFactory factory)
                {
                    RabbitMQ.Client.IConnection? connection = null;
                    connection = await factory.CreateConnectionAsync();
                    return new Session(connection);
                }

                public sealed class Session
                {
                    public Session(RabbitMQ.Client.IConnection connection) => Connection = connection;
                    public RabbitMQ.Client.IConnection Connection { get; }
                }
            }

            // A factory delegate handed to configuration: whoever keeps it decides how often it runs.
            public sealed class StoreOptions
            {
                private Func<IServiceProvider, IMongoClient>? _clientFactory;

                public void ClientFactory(Func<IServiceProvider, IMongoClient> factory) => _clientFactory = factory;

                public void Connection(string url)
                {
                    var mongoUrl = MongoUrl.Create(url);
                    ClientFactory(_ =>
                    {
                        var client = new MongoClient(mongoUrl);
                        return client;
                    });
                }
            }

            public static class Startup
            {
                public static IServiceCollection AddClients(this IServiceCollection services)
                {
                    services.AddSingleton(new MongoClient("mongodb://db"));
                    services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect("localhost"));
                    services.AddSingleton(NpgsqlDataSource.Create("Host=db"));
                    return services;
                }
            }
            """;

        public const string Program = """
            using MongoDB.Driver;
            using StackExchange.Redis;

            var mongo = new MongoClient("mongodb://db");
            var redis = await ConnectionMultiplexer.ConnectAsync("localhost");
            System.Console.WriteLine(mongo.Settings.Server.Host + redis.ClientName);
            """;

        public const string TestCode = """
            using MongoDB.Driver;
            using Xunit;

            public sealed class RepositoryTests
            {
                [Fact]
                public void ReadsBack()
                {
                    var client = new MongoClient("mongodb://localhost");
                    client.GetDatabase("test");
                }
            }

            // Stub: the attribute test detection keys on (the real xunit package is referenced by other presets).
            namespace Xunit
            {
                public sealed class FactAttribute : System.Attribute { }
            }
            """;

        public const string Excluded = """
            using MongoDB.Driver;

            public sealed class Legacy
            {
                public IMongoDatabase Database() => new MongoClient("mongodb://db").GetDatabase("legacy");
            }
            """;

        public const string Fix = """
            using System.Threading.Tasks;
            using MongoDB.Bson;
            using MongoDB.Driver;
            using StackExchange.Redis;

            public sealed class Cache
            {
                private readonly int _ttl = 60;

                public async Task<long> CountAsync()
                {
                    var client = [|new MongoClient("mongodb://db:27017")|];
                    return await client.GetDatabase("shop").GetCollection<BsonDocument>("orders").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);
                }

                public string? Get(string key)
                {
                    using var redis = [|ConnectionMultiplexer.Connect("localhost:6379")|];
                    return redis.GetDatabase().StringGet(key);
                }

                public void Set(string key, string value)
                {
                    using (var redis = [|ConnectionMultiplexer.Connect("localhost:6379")|])
                    {
                        redis.GetDatabase().StringSet(key, value);
                    }
                }
            }
            """;

        public const string FixFixed = """
            using System.Threading.Tasks;
            using MongoDB.Bson;
            using MongoDB.Driver;
            using StackExchange.Redis;

            public sealed class Cache
            {
                private readonly int _ttl = 60;
                private static readonly MongoClient s_mongoClient = new MongoClient("mongodb://db:27017");
                private static readonly System.Lazy<ConnectionMultiplexer> s_connectionMultiplexer = new System.Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect("localhost:6379"));

                public async Task<long> CountAsync()
                {
                    var client = s_mongoClient;
                    return await client.GetDatabase("shop").GetCollection<BsonDocument>("orders").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);
                }

                public string? Get(string key)
                {
                    var redis = s_connectionMultiplexer.Value;
                    return redis.GetDatabase().StringGet(key);
                }

                public void Set(string key, string value)
                {
                    var redis = s_connectionMultiplexer.Value;
                    redis.GetDatabase().StringSet(key, value);
                }
            }
            """;

        public const string NoFix = """
            using System.Threading.Tasks;
            using MongoDB.Driver;
            using StackExchange.Redis;

            public sealed class NoFixes
            {
                private readonly string _connectionString = "mongodb://db";
                private MongoClient? _kept;

                public IMongoDatabase FromParameter(string connectionString) => [|new MongoClient(connectionString)|].GetDatabase("x");

                public IMongoDatabase FromInstanceState() => [|new MongoClient(_connectionString)|].GetDatabase("x");

                public async Task<string?> AwaitedAsync(string key)
                {
                    var redis = await [|ConnectionMultiplexer.ConnectAsync("localhost")|];
                    return await redis.GetDatabase().StringGetAsync(key);
                }


                // Kept in a field: not reported at all (its lifetime is decided by whoever keeps it).
                public void Stored()
                {
                    var client = new MongoClient("mongodb://db");
                    _kept = client;
                }
            }
            """;
    }
}
