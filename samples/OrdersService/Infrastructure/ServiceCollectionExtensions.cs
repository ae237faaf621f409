using MassTransit;
using Microsoft.EntityFrameworkCore;
using OrdersService.Consumers;
using OrdersService.Data;
using OrdersService.Services;
using StackExchange.Redis;

namespace OrdersService.Infrastructure;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the orders domain and the clients of the services it talks to.</summary>
    public static IServiceCollection AddOrdersInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ExternalServicesOptions.SectionName);
        services.Configure<ExternalServicesOptions>(section);
        var endpoints = section.Get<ExternalServicesOptions>() ?? new ExternalServicesOptions();

        services.AddSingleton<IOrderRepository, InMemoryOrderRepository>();
        services.AddSingleton<StockLevels>();

        // Not flagged: this instance is created once, here, and shared by everything that asks for HttpClient.
        services.AddSingleton(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = endpoints.Loyalty,
        });
        services.AddSingleton<LoyaltyClient>();

        // Not flagged: IHttpClientFactory owns, pools and recycles the handlers of typed and named clients.
        services.AddHttpClient<PaymentsClient>(client => client.BaseAddress = endpoints.Payments);
        services.AddHttpClient(HttpClientNames.Warehouse, client => client.BaseAddress = endpoints.Warehouse);
        services.AddHttpClient(HttpClientNames.Carrier, client => client.BaseAddress = endpoints.Carrier);

        // Not flagged: a singleton factory runs once, on first resolution.
        services.AddSingleton(sp => new FraudCheckClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = endpoints.FraudCheck,
                Timeout = TimeSpan.FromSeconds(2),
            },
            sp.GetRequiredService<ILogger<FraudCheckClient>>()));

        // PM0003: a scoped factory runs for every scope, that is for every request: one client and one
        // connection pool per request.
        services.AddScoped(sp => new RecommendationsClient(new HttpClient { BaseAddress = endpoints.Recommendations }));

        services.AddSingleton<CatalogPricingClient>();
        services.AddDistributedMemoryCache();
        services.AddSingleton<CatalogPriceCache>();
        services.AddSingleton<AddressValidationService>();
        services.AddSingleton<ExchangeRateService>();
        services.AddSingleton<WebhookNotifier>();
        services.AddScoped<OrderCancellation>();

        // Not flagged: one multiplexer for the whole application, connected on first use.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(endpoints.Redis));
        services.AddSingleton<StockReservations>();

        services.AddDbContext<LoyaltyDbContext>(options => options.UseInMemoryDatabase("loyalty"));

        // Not flagged: the factory for the workers (a singleton), and the context itself as scoped for request code.
        // PostgreSQL in production; without a connection string the service runs on an in-memory store.
        var ordersDatabase = configuration.GetConnectionString("Orders");
        services.AddDbContextFactory<OrdersDbContext>(options =>
        {
            if (string.IsNullOrEmpty(ordersDatabase))
            {
                options.UseInMemoryDatabase("orders");
            }
            else
            {
                options.UseNpgsql(ordersDatabase);
            }
        });

        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<OrderPaidConsumer>();
            bus.AddConsumer<OrderRefundedConsumer>();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });

        return services;
    }
}
