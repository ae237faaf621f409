using Microsoft.Extensions.Options;
using OrdersService.Infrastructure;

namespace OrdersService.Endpoints;

public sealed record TrackingStatus(string TrackingNumber, string State, DateTimeOffset? EstimatedDelivery);

public sealed record TrackingEvent(DateTimeOffset At, string Location, string Description);

public static class TrackingEndpoints
{
    public static IEndpointRouteBuilder MapTrackingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tracking");

        group.MapGet("/{trackingNumber}", async (string trackingNumber, IOptions<ExternalServicesOptions> options, CancellationToken cancellationToken) =>
        {
            // PM0003: the handler runs for every request and builds a client each time.
            using var carrier = new HttpClient { BaseAddress = options.Value.Carrier };
            var status = await carrier.GetFromJsonAsync<TrackingStatus>($"v1/tracking/{Uri.EscapeDataString(trackingNumber)}", cancellationToken);
            return status is null ? Results.NotFound() : Results.Ok(status);
        });

        group.MapGet("/{trackingNumber}/events", async (string trackingNumber, IHttpClientFactory httpClientFactory, CancellationToken cancellationToken) =>
        {
            // Not flagged: a named client from IHttpClientFactory.
            var carrier = httpClientFactory.CreateClient(HttpClientNames.Carrier);
            var events = await carrier.GetFromJsonAsync<List<TrackingEvent>>($"v1/tracking/{Uri.EscapeDataString(trackingNumber)}/events", cancellationToken);
            return events is null ? Results.NotFound() : Results.Ok(events);
        });

        return endpoints;
    }
}
