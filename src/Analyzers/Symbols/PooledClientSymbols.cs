using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>Clients that own a connection pool (or a connection) and are meant to live as long as the application.</summary>
internal sealed class PooledClientSymbols
{
    private readonly LazyTypes _types;

    public PooledClientSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 12);
    }

    /// <summary><c>Connect</c>/<c>ConnectAsync</c>: a multiplexer holds the connections to every Redis node.</summary>
    public INamedTypeSymbol? ConnectionMultiplexer => _types.Get(0, "StackExchange.Redis.ConnectionMultiplexer");
    public INamedTypeSymbol? MongoClient => _types.Get(1, "MongoDB.Driver.MongoClient");
    public INamedTypeSymbol? CosmosClient => _types.Get(2, "Microsoft.Azure.Cosmos.CosmosClient");
    public INamedTypeSymbol? ServiceBusClient => _types.Get(3, "Azure.Messaging.ServiceBus.ServiceBusClient");
    public INamedTypeSymbol? EventHubProducerClient => _types.Get(4, "Azure.Messaging.EventHubs.Producer.EventHubProducerClient");

    /// <summary>The base of every AWS SDK service client (AmazonS3Client, AmazonSQSClient...).</summary>
    public INamedTypeSymbol? AmazonServiceClient => _types.Get(5, "Amazon.Runtime.AmazonServiceClient");

    /// <summary><c>GrpcChannel.ForAddress</c>.</summary>
    public INamedTypeSymbol? GrpcChannel => _types.Get(6, "Grpc.Net.Client.GrpcChannel");

    /// <summary><c>NpgsqlDataSource.Create</c>.</summary>
    public INamedTypeSymbol? NpgsqlDataSource => _types.Get(7, "Npgsql.NpgsqlDataSource");

    /// <summary><c>Build</c>, <c>BuildMultiHost</c>.</summary>
    public INamedTypeSymbol? NpgsqlDataSourceBuilder => _types.Get(8, "Npgsql.NpgsqlDataSourceBuilder");

    /// <summary><c>CreateConnection</c>/<c>CreateConnectionAsync</c> (ConnectionFactory implements it).</summary>
    public INamedTypeSymbol? RabbitConnectionFactory => _types.Get(9, "RabbitMQ.Client.IConnectionFactory");
    public INamedTypeSymbol? ElasticsearchClient => _types.Get(10, "Elastic.Clients.Elasticsearch.ElasticsearchClient");
    public INamedTypeSymbol? RestClient => _types.Get(11, "RestSharp.RestClient");
}
