using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>Clients that own a connection pool (or a connection) and are meant to live as long as the application.</summary>
internal sealed class PooledClientSymbols
{
    public PooledClientSymbols(Compilation c)
    {
        ConnectionMultiplexer = TypeResolver.Resolve(c, "StackExchange.Redis.ConnectionMultiplexer");
        MongoClient = TypeResolver.Resolve(c, "MongoDB.Driver.MongoClient");
        CosmosClient = TypeResolver.Resolve(c, "Microsoft.Azure.Cosmos.CosmosClient");
        ServiceBusClient = TypeResolver.Resolve(c, "Azure.Messaging.ServiceBus.ServiceBusClient");
        EventHubProducerClient = TypeResolver.Resolve(c, "Azure.Messaging.EventHubs.Producer.EventHubProducerClient");
        AmazonServiceClient = TypeResolver.Resolve(c, "Amazon.Runtime.AmazonServiceClient");
        GrpcChannel = TypeResolver.Resolve(c, "Grpc.Net.Client.GrpcChannel");
        NpgsqlDataSource = TypeResolver.Resolve(c, "Npgsql.NpgsqlDataSource");
        NpgsqlDataSourceBuilder = TypeResolver.Resolve(c, "Npgsql.NpgsqlDataSourceBuilder");
        RabbitConnectionFactory = TypeResolver.Resolve(c, "RabbitMQ.Client.IConnectionFactory");
        ElasticsearchClient = TypeResolver.Resolve(c, "Elastic.Clients.Elasticsearch.ElasticsearchClient");
        RestClient = TypeResolver.Resolve(c, "RestSharp.RestClient");
    }

    /// <summary><c>Connect</c>/<c>ConnectAsync</c>: a multiplexer holds the connections to every Redis node.</summary>
    public INamedTypeSymbol? ConnectionMultiplexer { get; }
    public INamedTypeSymbol? MongoClient { get; }
    public INamedTypeSymbol? CosmosClient { get; }
    public INamedTypeSymbol? ServiceBusClient { get; }
    public INamedTypeSymbol? EventHubProducerClient { get; }

    /// <summary>The base of every AWS SDK service client (AmazonS3Client, AmazonSQSClient...).</summary>
    public INamedTypeSymbol? AmazonServiceClient { get; }

    /// <summary><c>GrpcChannel.ForAddress</c>.</summary>
    public INamedTypeSymbol? GrpcChannel { get; }

    /// <summary><c>NpgsqlDataSource.Create</c>.</summary>
    public INamedTypeSymbol? NpgsqlDataSource { get; }

    /// <summary><c>Build</c>, <c>BuildMultiHost</c>.</summary>
    public INamedTypeSymbol? NpgsqlDataSourceBuilder { get; }

    /// <summary><c>CreateConnection</c>/<c>CreateConnectionAsync</c> (ConnectionFactory implements it).</summary>
    public INamedTypeSymbol? RabbitConnectionFactory { get; }
    public INamedTypeSymbol? ElasticsearchClient { get; }
    public INamedTypeSymbol? RestClient { get; }
}
