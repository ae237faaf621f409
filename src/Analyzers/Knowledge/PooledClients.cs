using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Postmortem.Analyzers.Shared;
using Postmortem.Analyzers.Symbols;

namespace Postmortem.Analyzers.Knowledge;

/// <summary>A creation of a client that owns a connection pool.</summary>
internal readonly struct PooledClient
{
    public PooledClient(string name, bool connects)
    {
        Name = name;
        Connects = connects;
    }

    /// <summary>"new MongoClient(...)", "ConnectionMultiplexer.Connect(...)" as a message names it.</summary>
    public string Name { get; }

    /// <summary>True for factories that open connections before they return (a static field needs a <c>Lazy&lt;T&gt;</c>).</summary>
    public bool Connects { get; }
}

/// <summary>
/// The one place that knows which creations build a client with its own connection pool, meant to be created once
/// and shared: <c>new</c> of MongoClient, CosmosClient, ServiceBusClient, EventHubProducerClient, any AWS SDK service
/// client (derived from Amazon.Runtime.AmazonServiceClient), ElasticsearchClient and RestSharp's RestClient (or types
/// derived from them); and the factories StackExchange.Redis <c>ConnectionMultiplexer.Connect(Async)</c>,
/// <c>GrpcChannel.ForAddress</c>, <c>NpgsqlDataSource.Create</c>, <c>NpgsqlDataSourceBuilder.Build(MultiHost)</c> and
/// RabbitMQ <c>IConnectionFactory.CreateConnection(Async)</c>. A family is active only when its library is referenced.
/// </summary>
internal sealed class PooledClients
{
    private readonly PooledClientSymbols _s;
    private readonly INamedTypeSymbol[] _created;

    public PooledClients(PooledClientSymbols symbols)
    {
        _s = symbols;
        _created = Present(symbols.MongoClient, symbols.CosmosClient, symbols.ServiceBusClient, symbols.EventHubProducerClient,
            symbols.AmazonServiceClient, symbols.ElasticsearchClient, symbols.RestClient);
        HasFactories = symbols.ConnectionMultiplexer is not null || symbols.GrpcChannel is not null || symbols.NpgsqlDataSource is not null
            || symbols.NpgsqlDataSourceBuilder is not null || symbols.RabbitConnectionFactory is not null;
    }

    /// <summary>True when no family is referenced.</summary>
    public bool IsEmpty => _created.Length == 0 && !HasFactories;

    /// <summary>True when a factory family is referenced (the rule then looks at invocations).</summary>
    public bool HasFactories { get; }

    /// <summary>True when a family created with <c>new</c> is referenced.</summary>
    public bool HasCreations => _created.Length > 0;

    public PooledClient? Find(IObjectCreationOperation creation)
    {
        if (creation.Type is not { } type)
        {
            return null;
        }

        foreach (var created in _created)
        {
            if (type.InheritsFromOrEquals(created))
            {
                return new PooledClient("new " + type.Name + "(...)", connects: false);
            }
        }

        return null;
    }

    public PooledClient? Find(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        switch (method.Name)
        {
            case "Connect" or "ConnectAsync" when method.IsStatic && SymbolEqualityComparer.Default.Equals(type, _s.ConnectionMultiplexer):
                return new PooledClient(type.Name + "." + method.Name + "(...)", connects: true);
            case "ForAddress" when method.IsStatic && SymbolEqualityComparer.Default.Equals(type, _s.GrpcChannel):
            case "Create" when method.IsStatic && SymbolEqualityComparer.Default.Equals(type, _s.NpgsqlDataSource):
                return new PooledClient(type.Name + "." + method.Name + "(...)", connects: false);
            case "Build" or "BuildMultiHost" when !method.IsStatic && type.InheritsFromOrEquals(_s.NpgsqlDataSourceBuilder):
                return new PooledClient(type.Name + "." + method.Name + "(...)", connects: false);
            case "CreateConnection" or "CreateConnectionAsync" when !method.IsStatic && type.Implements(_s.RabbitConnectionFactory):
                return new PooledClient(type.Name + "." + method.Name + "(...)", connects: true);
            default:
                return null;
        }
    }

    private static INamedTypeSymbol[] Present(params INamedTypeSymbol?[] types)
    {
        var count = 0;
        foreach (var type in types)
        {
            count += type is null ? 0 : 1;
        }

        var present = new INamedTypeSymbol[count];
        var i = 0;
        foreach (var type in types)
        {
            if (type is not null)
            {
                present[i++] = type;
            }
        }

        return present;
    }
}
