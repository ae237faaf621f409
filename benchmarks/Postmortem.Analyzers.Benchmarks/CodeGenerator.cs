using System;
using System.Collections.Generic;
using System.Text;

namespace Postmortem.Analyzers.Benchmarks;

/// <summary>A generated source file, and the lines (1-based) that carry a planted incident, per rule.</summary>
internal sealed record GeneratedFile(string Path, string Text, int LineCount, IReadOnlyList<(int Line, string RuleId)> Planted);

/// <summary>
/// Deterministic synthetic ASP.NET Core service code: per module an entity, an in-memory repository, a cached
/// service with async call chains, a typed HTTP client, an API controller, a background worker and the DI
/// registration. A seeded <see cref="Random"/> decides where incidents are planted; every planted line ends with
/// <c>// planted: PMnnnn</c>, so a folder of generated files can be re-read and checked later.
/// </summary>
internal sealed class CodeGenerator
{
    public const string PlantedMarker = "// planted: ";

    private static readonly string[] s_domains =
    [
        "Order", "Customer", "Invoice", "Shipment", "Product", "Payment", "Refund", "Inventory", "Supplier",
        "Warehouse", "Basket", "Coupon", "Review", "Ticket", "Subscription", "Account", "Report", "Notification",
    ];

    private readonly Random _random;

    public CodeGenerator(int seed) => _random = new Random(seed);

    /// <summary>Generates modules until the total line count reaches <paramref name="targetLines"/>.</summary>
    public List<GeneratedFile> Generate(int targetLines)
    {
        var files = new List<GeneratedFile>();
        var total = 0;
        var module = 0;
        var moduleNames = new List<(string Namespace, string Name)>();
        while (total < targetLines)
        {
            var domain = s_domains[module % s_domains.Length];
            var name = domain + (module / s_domains.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var file = GenerateModule(name, domain, module);
            files.Add(file);
            moduleNames.Add(($"Shop.Modules.{name}", name));
            total += file.LineCount;
            module++;
        }

        files.Add(GenerateProgram(moduleNames));
        return files;
    }

    private GeneratedFile GenerateModule(string name, string domain, int index)
    {
        var w = new Writer();
        w.Line("using System;");
        w.Line("using System.Collections.Concurrent;");
        w.Line("using System.Collections.Generic;");
        w.Line("using System.Linq;");
        w.Line("using System.Net.Http;");
        w.Line("using System.Net.Http.Json;");
        w.Line("using System.Threading;");
        w.Line("using System.Threading.Tasks;");
        w.Line("using Microsoft.AspNetCore.Mvc;");
        w.Line("using Microsoft.Extensions.Caching.Memory;");
        w.Line("using Microsoft.Extensions.DependencyInjection;");
        w.Line("using Microsoft.Extensions.Hosting;");
        w.Line("using Microsoft.Extensions.Logging;");
        w.Line();
        w.Line($"namespace Shop.Modules.{name};");
        w.Line();

        Entity(w, name);
        Repository(w, name);
        Service(w, name);
        TypedClient(w, name);
        Controller(w, name, domain);
        Worker(w, name);
        Registration(w, name);

        return new GeneratedFile($"Modules/{name}.cs", w.ToString(), w.LineCount, w.Planted);
    }

    private void Entity(Writer w, string name)
    {
        w.Line($"public sealed class {name}Entity");
        w.Line("{");
        w.Line("    public Guid Id { get; set; } = Guid.NewGuid();");
        w.Line("    public string Name { get; set; } = string.Empty;");
        w.Line("    public decimal Amount { get; set; }");
        w.Line("    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;");
        var extra = _random.Next(2, 6);
        for (var i = 0; i < extra; i++)
        {
            w.Line($"    public int Field{i} {{ get; set; }}");
        }

        w.Line("    public List<string> Tags { get; } = new();");
        w.Line("}");
        w.Line();
    }

    private void Repository(Writer w, string name)
    {
        w.Line($"public interface I{name}Repository");
        w.Line("{");
        w.Line($"    Task<{name}Entity?> FindAsync(Guid id, CancellationToken cancellationToken);");
        w.Line($"    Task<IReadOnlyList<{name}Entity>> ListAsync(int skip, int take, CancellationToken cancellationToken);");
        w.Line($"    Task AddAsync({name}Entity entity, CancellationToken cancellationToken);");
        w.Line("    Task<int> SaveChangesAsync(CancellationToken cancellationToken);");
        w.Line("}");
        w.Line();
        w.Line($"public sealed class {name}Repository : I{name}Repository");
        w.Line("{");
        w.Line($"    private readonly ConcurrentDictionary<Guid, {name}Entity> _set = new();");
        w.Line($"    private readonly List<{name}Entity> _pending = new();");
        w.Line();
        w.Line($"    public async Task<{name}Entity?> FindAsync(Guid id, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        await Task.Yield();");
        w.Line("        return _set.TryGetValue(id, out var entity) ? entity : null;");
        w.Line("    }");
        w.Line();
        w.Line($"    public Task<IReadOnlyList<{name}Entity>> ListAsync(int skip, int take, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        var page = _set.Values");
        w.Line("            .Where(e => e.Amount >= 0 && e.Tags.Count < 100)");
        w.Line("            .OrderBy(e => e.CreatedAt)");
        w.Line("            .Skip(skip)");
        w.Line("            .Take(take)");
        w.Line("            .ToList();");
        w.Line($"        return Task.FromResult<IReadOnlyList<{name}Entity>>(page);");
        w.Line("    }");
        w.Line();
        w.Line($"    public Task AddAsync({name}Entity entity, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        _pending.Add(entity);");
        w.Line("        return Task.CompletedTask;");
        w.Line("    }");
        w.Line();
        w.Line("    public async Task<int> SaveChangesAsync(CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        var count = 0;");
        w.Line("        foreach (var entity in _pending)");
        w.Line("        {");
        w.Line("            cancellationToken.ThrowIfCancellationRequested();");
        w.Line("            _set[entity.Id] = entity;");
        w.Line("            count++;");
        w.Line("        }");
        w.Line();
        w.Line("        _pending.Clear();");
        w.Line("        await Task.Delay(1, cancellationToken).ConfigureAwait(false);");
        w.Line("        return count;");
        w.Line("    }");
        w.Line("}");
        w.Line();
    }

    private void Service(Writer w, string name)
    {
        w.Line($"public interface I{name}Service");
        w.Line("{");
        w.Line($"    Task<{name}Entity?> GetAsync(Guid id, CancellationToken cancellationToken);");
        w.Line($"    Task<IReadOnlyList<{name}Entity>> PageAsync(int page, CancellationToken cancellationToken);");
        w.Line($"    Task<Guid> CreateAsync(string name, decimal amount, CancellationToken cancellationToken);");
        w.Line("    Task<string> FetchRemoteStatusAsync(Guid id, CancellationToken cancellationToken);");
        w.Line("    Task SyncAsync(CancellationToken cancellationToken);");
        w.Line("}");
        w.Line();
        w.Line($"public sealed class {name}Service : I{name}Service");
        w.Line("{");
        w.Line($"    private readonly I{name}Repository _repository;");
        w.Line("    private readonly IMemoryCache _cache;");
        w.Line("    private readonly IHttpClientFactory _httpClientFactory;");
        w.Line($"    private readonly ILogger<{name}Service> _logger;");
        w.Line();
        w.Line($"    public {name}Service(I{name}Repository repository, IMemoryCache cache, IHttpClientFactory httpClientFactory, ILogger<{name}Service> logger)");
        w.Line("    {");
        w.Line("        _repository = repository;");
        w.Line("        _cache = cache;");
        w.Line("        _httpClientFactory = httpClientFactory;");
        w.Line("        _logger = logger;");
        w.Line("    }");
        w.Line();
        w.Line($"    public async Task<{name}Entity?> GetAsync(Guid id, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line($"        var entity = await _cache.GetOrCreateAsync(\"{name}:\" + id, async entry =>");
        w.Line("        {");
        w.Line("            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);");
        w.Line("            return await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);");
        w.Line("        }).ConfigureAwait(false);");
        w.Line("        if (entity is null)");
        w.Line("        {");
        w.Line($"            _logger.LogInformation(\"{name} {{Id}} not found\", id);");
        w.Line("        }");
        w.Line();
        w.Line("        return entity;");
        w.Line("    }");
        w.Line();
        w.Line($"    public Task<IReadOnlyList<{name}Entity>> PageAsync(int page, CancellationToken cancellationToken)");
        w.Line("        => _repository.ListAsync(page * 50, 50, cancellationToken);");
        w.Line();
        w.Line("    public async Task<Guid> CreateAsync(string name, decimal amount, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line($"        var entity = new {name}Entity {{ Name = name, Amount = amount }};");
        w.Line("        await _repository.AddAsync(entity, cancellationToken).ConfigureAwait(false);");
        w.Line("        await _repository.SaveChangesAsync(cancellationToken).ConfigureAwait(false);");
        w.Line("        _cache.Remove(\"list\");");
        w.Line("        return entity.Id;");
        w.Line("    }");
        w.Line();
        w.Line("    public async Task<string> FetchRemoteStatusAsync(Guid id, CancellationToken cancellationToken)");
        w.Line("    {");
        if (Chance(0.35))
        {
            // Planted: a client per call.
            w.PlantedLine("        using var client = new HttpClient(); ", "PM0003");
        }
        else
        {
            // Idiomatic: a client from the factory.
            w.Line($"        var client = _httpClientFactory.CreateClient(\"{name}\");");
        }

        w.Line($"        var response = await client.GetAsync(\"https://status.example.com/{name.ToLowerInvariant()}/\" + id, cancellationToken).ConfigureAwait(false);");
        w.Line("        response.EnsureSuccessStatusCode();");
        w.Line("        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);");
        w.Line("    }");
        w.Line();
        w.Line("    public async Task SyncAsync(CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        var items = await _repository.ListAsync(0, 100, cancellationToken).ConfigureAwait(false);");
        w.Line("        foreach (var item in items)");
        w.Line("        {");
        if (Chance(0.2))
        {
            // Planted: a client per loop iteration.
            w.PlantedLine("            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) }; ", "PM0003");
        }
        else
        {
            w.Line("            var client = _httpClientFactory.CreateClient();");
        }

        w.Line($"            using var response = await client.PostAsJsonAsync(\"https://sync.example.com/{name.ToLowerInvariant()}\", item, cancellationToken).ConfigureAwait(false);");
        w.Line("            if (!response.IsSuccessStatusCode)");
        w.Line("            {");
        w.Line($"                _logger.LogWarning(\"Sync of {{Id}} failed with {{Status}}\", item.Id, response.StatusCode);");
        w.Line("            }");
        w.Line("        }");
        w.Line("    }");
        w.Line("}");
        w.Line();
    }

    private void TypedClient(Writer w, string name)
    {
        w.Line($"public sealed class {name}Client");
        w.Line("{");
        if (Chance(0.5))
        {
            // Idiomatic: a static client with recycled connections, created once.
            w.Line("    private static readonly HttpClient s_fallback = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });");
        }
        else
        {
            w.Line("    private static readonly HttpClient s_fallback = new();");
        }

        w.Line("    private readonly HttpClient _http;");
        w.Line();
        w.Line($"    public {name}Client(HttpClient http) => _http = http;");
        w.Line();
        w.Line($"    public async Task<{name}Entity?> GetAsync(Guid id, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        var http = _http ?? s_fallback;");
        w.Line($"        return await http.GetFromJsonAsync<{name}Entity>(\"api/{name.ToLowerInvariant()}/\" + id, cancellationToken).ConfigureAwait(false);");
        w.Line("    }");
        w.Line("}");
        w.Line();
    }

    private void Controller(Writer w, string name, string domain)
    {
        var perRequestClient = Chance(0.15);
        w.Line("[ApiController]");
        w.Line($"[Route(\"api/{domain.ToLowerInvariant()}s/{name.ToLowerInvariant()}\")]");
        w.Line($"public sealed class {name}Controller : ControllerBase");
        w.Line("{");
        w.Line($"    private readonly I{name}Service _service;");
        w.Line($"    private readonly {name}Client _client;");
        if (perRequestClient)
        {
            w.Line("    private readonly HttpClient _http;");
        }

        w.Line();
        w.Line($"    public {name}Controller(I{name}Service service, {name}Client client)");
        w.Line("    {");
        w.Line("        _service = service;");
        w.Line("        _client = client;");
        if (perRequestClient)
        {
            // Planted: a controller is created for every request.
            w.PlantedLine("        _http = new HttpClient(); ", "PM0003");
        }

        w.Line("    }");
        w.Line();
        w.Line("    [HttpGet(\"{id:guid}\")]");
        w.Line($"    public async Task<ActionResult<{name}Entity>> Get(Guid id, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        var entity = await _service.GetAsync(id, cancellationToken);");
        w.Line("        if (entity is null)");
        w.Line("        {");
        w.Line("            entity = await _client.GetAsync(id, cancellationToken);");
        w.Line("        }");
        w.Line();
        w.Line("        return entity is null ? NotFound() : Ok(entity);");
        w.Line("    }");
        w.Line();
        w.Line("    [HttpGet]");
        w.Line($"    public async Task<IActionResult> List([FromQuery] int page, CancellationToken cancellationToken)");
        w.Line("        => Ok(await _service.PageAsync(page, cancellationToken));");
        w.Line();
        w.Line("    [HttpPost]");
        w.Line($"    public async Task<IActionResult> Create([FromBody] {name}Entity request, CancellationToken cancellationToken)");
        w.Line("    {");
        w.Line("        if (string.IsNullOrWhiteSpace(request.Name))");
        w.Line("        {");
        w.Line("            return BadRequest();");
        w.Line("        }");
        w.Line();
        w.Line("        var id = await _service.CreateAsync(request.Name, request.Amount, cancellationToken);");
        w.Line("        return CreatedAtAction(nameof(Get), new { id }, null);");
        w.Line("    }");
        w.Line();
        w.Line("    [HttpGet(\"{id:guid}/status\")]");
        w.Line("    public async Task<string> Status(Guid id, CancellationToken cancellationToken)");
        if (perRequestClient)
        {
            w.Line("        => await _http.GetStringAsync(\"https://status.example.com/\" + id, cancellationToken);");
        }
        else
        {
            w.Line("        => await _service.FetchRemoteStatusAsync(id, cancellationToken);");
        }

        w.Line("}");
        w.Line();
    }

    private void Worker(Writer w, string name)
    {
        w.Line($"public sealed class {name}SyncWorker : BackgroundService");
        w.Line("{");
        w.Line("    private readonly IServiceScopeFactory _scopes;");
        w.Line("    private readonly HttpClient _heartbeat;");
        w.Line($"    private readonly ILogger<{name}SyncWorker> _logger;");
        w.Line();
        w.Line($"    public {name}SyncWorker(IServiceScopeFactory scopes, ILogger<{name}SyncWorker> logger)");
        w.Line("    {");
        w.Line("        _scopes = scopes;");
        w.Line("        _logger = logger;");
        w.Line("        // A hosted service lives as long as the application: one client.");
        w.Line("        _heartbeat = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });");
        w.Line("    }");
        w.Line();
        w.Line("    protected override async Task ExecuteAsync(CancellationToken stoppingToken)");
        w.Line("    {");
        w.Line("        while (!stoppingToken.IsCancellationRequested)");
        w.Line("        {");
        w.Line("            using (var scope = _scopes.CreateScope())");
        w.Line("            {");
        w.Line($"                var service = scope.ServiceProvider.GetRequiredService<I{name}Service>();");
        w.Line("                await service.SyncAsync(stoppingToken).ConfigureAwait(false);");
        w.Line("            }");
        w.Line();
        if (Chance(0.25))
        {
            // Planted: a client per loop iteration of a worker.
            w.PlantedLine("            using var ping = new HttpClient(); ", "PM0003");
            w.Line("            await ping.GetAsync(\"https://health.example.com/ping\", stoppingToken).ConfigureAwait(false);");
        }
        else
        {
            w.Line("            await _heartbeat.GetAsync(\"https://health.example.com/ping\", stoppingToken).ConfigureAwait(false);");
        }

        w.Line($"            _logger.LogDebug(\"{name} sync done\");");
        w.Line("            await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);");
        w.Line("        }");
        w.Line("    }");
        w.Line("}");
        w.Line();
    }

    private void Registration(Writer w, string name)
    {
        w.Line($"public static class {name}Registration");
        w.Line("{");
        w.Line($"    public static IServiceCollection Add{name}Module(this IServiceCollection services)");
        w.Line("    {");
        w.Line($"        services.AddSingleton<I{name}Repository, {name}Repository>();");
        w.Line($"        services.AddScoped<I{name}Service, {name}Service>();");
        w.Line($"        services.AddHttpClient<{name}Client>(c => c.BaseAddress = new Uri(\"https://{name.ToLowerInvariant()}.example.com/\"));");
        w.Line($"        services.AddHttpClient(\"{name}\");");
        w.Line($"        services.AddHostedService<{name}SyncWorker>();");
        if (Chance(0.1))
        {
            // Planted: a scoped factory runs for every request.
            w.PlantedLine($"        services.AddScoped(_ => new {name}Client(new HttpClient())); ", "PM0003");
        }
        else if (Chance(0.3))
        {
            // Idiomatic: a singleton factory runs once.
            w.Line($"        services.AddKeyedSingleton(\"{name}-raw\", (_, _) => new HttpClient());");
        }

        w.Line("        return services;");
        w.Line("    }");
        w.Line("}");
    }

    private static GeneratedFile GenerateProgram(List<(string Namespace, string Name)> modules)
    {
        var w = new Writer();
        w.Line("using Microsoft.AspNetCore.Builder;");
        w.Line("using Microsoft.Extensions.DependencyInjection;");
        w.Line();
        w.Line("namespace Shop;");
        w.Line();
        w.Line("public static class Program");
        w.Line("{");
        w.Line("    public static void Main(string[] args)");
        w.Line("    {");
        w.Line("        var builder = WebApplication.CreateBuilder(args);");
        w.Line("        builder.Services.AddControllers();");
        w.Line("        builder.Services.AddMemoryCache();");
        foreach (var (ns, name) in modules)
        {
            w.Line($"        {ns}.{name}Registration.Add{name}Module(builder.Services);");
        }

        w.Line("        var app = builder.Build();");
        w.Line("        app.MapControllers();");
        w.Line("        app.Run();");
        w.Line("    }");
        w.Line("}");
        return new GeneratedFile("Program.cs", w.ToString(), w.LineCount, w.Planted);
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();

        public int LineCount { get; private set; }

        public List<(int Line, string RuleId)> Planted { get; } = new();

        public void Line(string text = "")
        {
            _text.Append(text).Append('\n');
            LineCount++;
        }

        public void PlantedLine(string code, string ruleId)
        {
            Line(code + PlantedMarker + ruleId);
            Planted.Add((LineCount, ruleId));
        }

        public override string ToString() => _text.ToString();
    }
}
