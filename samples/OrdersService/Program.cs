using OrdersService.Endpoints;
using OrdersService.Infrastructure;
using OrdersService.Workers;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.AddOrdersInfrastructure(builder.Configuration);
builder.Services.AddHostedService<InventorySyncWorker>();
builder.Services.AddHostedService<ShipmentDelayWorker>();
builder.Services.AddHostedService<StatusHistoryRetentionWorker>();

var app = builder.Build();

app.MapControllers();
app.MapTrackingEndpoints();

app.Run();
