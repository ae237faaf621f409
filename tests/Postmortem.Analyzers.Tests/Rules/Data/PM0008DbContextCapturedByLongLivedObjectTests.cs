using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Data.PM0008DbContextCapturedByLongLivedObjectAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Data.PM0008DbContextCapturedByLongLivedObjectAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Data.PM0008DbContextCapturedByLongLivedObjectCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Data;

/// <summary>
/// PM0008 DbContext captured by a long-lived object. One test per shape of RULES.md, the messages, the option, and
/// the fixes. The sources are also the robustness corpus.
/// </summary>
public sealed class PM0008DbContextCapturedByLongLivedObjectTests
{
    private static readonly ReferenceAssemblies App = TestReferences.EfAspNetCore80;

    // ---------------------------------------------------------------- Flags: hosted services

    [Fact]
    public Task Flags_BackgroundServiceConstructorParameter() => Verify.VerifyAsync(
        Sources.BackgroundServiceConstructor,
        App,
        expected: Diagnostic(0).WithArguments("Hosted service 'OrderSyncWorker'", "ShopContext"));

    [Fact]
    public Task Flags_HostedServicePrimaryConstructorParameter() => Flags(Sources.HostedServicePrimaryConstructor, App);

    // ---------------------------------------------------------------- Flags: classes registered as singletons

    [Fact]
    public Task Flags_SingletonRegisteredInAnotherFile()
    {
        var test = new Verify.Test(App);
        test.TestState.Sources.Add(("/Program.cs", Sources.SingletonRegistrationProgram));
        test.TestState.Sources.Add(("/PriceCache.cs", Sources.SingletonRegisteredClass));
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Diagnostic(0).WithArguments("Singleton 'PriceCache'", "ShopContext"));
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_SingletonRegistrationForms() => Flags(Sources.SingletonRegistrationForms, App);

    [Fact]
    public Task Flags_AddHostedServiceImplementation() => Flags(Sources.AddHostedServiceImplementation, App);

    // ---------------------------------------------------------------- Flags: statics

    [Fact]
    public Task Flags_StaticFieldAndProperty() => Verify.VerifyAsync(
        Sources.StaticFieldAndProperty,
        TestReferences.EfCore80,
        expected: [Diagnostic(0).WithArguments("Static field 'Db.s_context'", "ShopContext"),
        Diagnostic(1).WithArguments("Static property 'Db.Current'", "ShopContext")]);

    [Fact]
    public Task Flags_StaticLazyAndThreadLocal() => Flags(Sources.StaticLazyAndThreadLocal, TestReferences.EfCore80);

    // ---------------------------------------------------------------- Flags: the context registered for the application's lifetime

    [Fact]
    public Task Flags_AddSingletonOfContext() => Verify.VerifyAsync(
        Sources.AddSingletonOfContext,
        App,
        expected: Diagnostic(0).WithArguments("Singleton registration 'AddSingleton'", "ShopContext"));

    [Fact]
    public Task Flags_AddDbContextWithSingletonContextLifetime() => Verify.VerifyAsync(
        Sources.AddDbContextSingletonLifetime,
        App,
        expected: Diagnostic(0).WithArguments("Registration 'AddDbContext' with a singleton context lifetime", "ShopContext"));

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_OptionsLifetimeSingleton() => Flags(Sources.OptionsLifetimeSingleton, App);

    [Fact]
    public Task DoesNotFlag_DbContextFactoryInBackgroundService() => Flags(Sources.DbContextFactoryInBackgroundService, App);

    [Fact]
    public Task DoesNotFlag_ScopeFactoryInHostedService() => Flags(Sources.ScopeFactoryInHostedService, App);

    [Fact]
    public Task DoesNotFlag_ScopedAndTransientServices() => Flags(Sources.ScopedAndTransientServices, App);

    [Fact]
    public Task DoesNotFlag_Controller() => Flags(Sources.Controller, App);

    [Fact]
    public Task DoesNotFlag_DefaultAddDbContext() => Flags(Sources.DefaultAddDbContext, App);

    [Fact]
    public Task DoesNotFlag_StaticPropertyThatCreatesAContext() => Flags(Sources.StaticPropertyThatCreatesAContext, TestReferences.EfCore80);

    [Fact]
    public Task DoesNotFlag_WithoutEntityFrameworkCore() => Verify.VerifyAsync(Sources.OwnDbContextType, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_ExcludedSymbols() => Verify.VerifyAsync(
        Sources.ExcludedSymbols,
        App,
        editorConfig: "postmortem.PM0008.excluded_symbols = T:Shop.LegacyWorker, T:Shop.ReportingContext");

    // ---------------------------------------------------------------- Fixes

    [Fact]
    public Task Fix_AddSingletonBecomesAddScoped() => Fix(
        Sources.AddSingletonOfContext,
        """
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class ShopContext : DbContext
        {
        }

        public static class Registrations
        {
            public static IServiceCollection AddShop(this IServiceCollection services)
            {
                services.AddScoped<ShopContext>();
                return services;
            }
        }
        """,
        EquivalenceKeys.PM0008UseScoped);

    [Fact]
    public Task Fix_AddDbContextLifetimeBecomesScoped() => Fix(
        Sources.AddDbContextSingletonLifetime,
        """
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class ShopContext : DbContext
        {
            public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }
        }

        public static class Registrations
        {
            public static void AddShop(IServiceCollection services)
                => services.AddDbContext<ShopContext>(options => { }, ServiceLifetime.Scoped);
        }
        """,
        EquivalenceKeys.PM0008UseScoped);

    [Fact]
    public Task NoScopedFix_ForAnInstanceRegistration() => NoFix(Sources.InstanceRegistration, EquivalenceKeys.PM0008UseScoped);

    [Fact]
    public Task Fix_UseDbContextFactory_InBackgroundService() => Fix(
        """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Hosting;

        public sealed class Order { public int Id { get; set; } public bool Synced { get; set; } }

        public sealed class ShopContext : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public sealed class OrderSyncWorker : BackgroundService
        {
            private readonly ShopContext _db;

            public OrderSyncWorker({|#0:ShopContext db|})
            {
                _db = db ?? throw new ArgumentNullException(nameof(db));
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var pending = await _db.Orders.Where(o => !o.Synced).ToListAsync(stoppingToken);
                    foreach (var order in pending)
                    {
                        order.Synced = true;
                    }

                    await _db.SaveChangesAsync(stoppingToken);
                    await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
                }
            }

            public int CountPending()
            {
                return _db.Orders.Count(o => !o.Synced);
            }
        }
        """,
        """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Hosting;

        public sealed class Order { public int Id { get; set; } public bool Synced { get; set; } }

        public sealed class ShopContext : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public sealed class OrderSyncWorker : BackgroundService
        {
            private readonly IDbContextFactory<ShopContext> _dbFactory;

            public OrderSyncWorker(IDbContextFactory<ShopContext> dbFactory)
            {
                _dbFactory = dbFactory ?? throw new ArgumentNullException(nameof(dbFactory));
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await using var db = await _dbFactory.CreateDbContextAsync(stoppingToken);
                    var pending = await db.Orders.Where(o => !o.Synced).ToListAsync(stoppingToken);
                    foreach (var order in pending)
                    {
                        order.Synced = true;
                    }

                    await db.SaveChangesAsync(stoppingToken);
                    await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
                }
            }

            public int CountPending()
            {
                using var db = _dbFactory.CreateDbContext();
                return db.Orders.Count(o => !o.Synced);
            }
        }
        """,
        EquivalenceKeys.PM0008UseFactory);

    [Fact]
    public Task FixAll_UseDbContextFactory_EveryWorker() => Fix(
        Sources.TwoWorkers,
        Sources.TwoWorkersFixed,
        EquivalenceKeys.PM0008UseFactory,
        batchFixedSource: Sources.TwoWorkersFixed);

    [Fact]
    public Task NoFactoryFix_WhenTheContextIsReturned() => NoFix(Sources.ContextHandedOut, EquivalenceKeys.PM0008UseFactory);

    [Fact]
    public Task NoFactoryFix_WhenUsedInALambda() => NoFix(Sources.ContextUsedInLambda, EquivalenceKeys.PM0008UseFactory);

    [Fact]
    public Task NoFactoryFix_ForNonAsyncTaskMethod() => NoFix(Sources.ContextInNonAsyncTaskMethod, EquivalenceKeys.PM0008UseFactory);

    // ---------------------------------------------------------------- Helpers

    /// <summary>
    /// The rule has two descriptors with the same ID (the second is reported at compilation end), so the expected
    /// diagnostics are written with numbered markup and created from the descriptor.
    /// </summary>
    private static DiagnosticResult Diagnostic(int location)
        => new DiagnosticResult(DiagnosticIds.DbContextCapturedByLongLivedObject, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(location);

    private static DiagnosticResult[] Markers(string source)
        => Enumerable.Range(0, Regex.Matches(source, @"\{\|#\d+:").Count).Select(Diagnostic).ToArray();

    private static Task Flags(string source, ReferenceAssemblies references) => Verify.VerifyAsync(source, references, expected: Markers(source));

    private static Task Fix(string source, string fixedSource, string equivalenceKey, string? batchFixedSource = null)
    {
        var test = new VerifyFix.Test(App)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        test.ExpectedDiagnostics.AddRange(Markers(source));
        if (batchFixedSource is not null)
        {
            test.BatchFixedCode = batchFixedSource;
        }

        return test.RunAsync(CancellationToken.None);
    }

    private static Task NoFix(string source, string equivalenceKey)
    {
        var test = new VerifyFix.Test(App)
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = equivalenceKey,
            NumberOfIncrementalIterations = 0,
            NumberOfFixAllIterations = 0,
        };
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
        test.ExpectedDiagnostics.AddRange(Markers(source));
        test.FixedState.ExpectedDiagnostics.AddRange(Markers(source));
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        public const string BackgroundServiceConstructor = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class OrderSyncWorker : BackgroundService
            {
                private readonly ShopContext _db;

                public OrderSyncWorker({|#0:ShopContext db|})
                {
                    _db = db;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await _db.SaveChangesAsync(stoppingToken);
                        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
                    }
                }
            }
            """;

        public const string HostedServicePrimaryConstructor = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class CatalogWarmup({|#0:ShopContext db|}) : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => db.Database.EnsureCreatedAsync(cancellationToken);

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        public const string SingletonRegistrationProgram = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<ShopContext>();
            builder.Services.AddSingleton<IPriceCache, PriceCache>();
            builder.Services.AddScoped<OrderService>();

            var app = builder.Build();
            app.Run();
            """;

        public const string SingletonRegisteredClass = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public sealed class Price
            {
                public int Id { get; set; }
                public decimal Amount { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Price> Prices => Set<Price>();
            }

            public interface IPriceCache
            {
                decimal Get(int id);
            }

            public sealed class PriceCache : IPriceCache
            {
                private readonly ShopContext _db;

                public PriceCache({|#0:ShopContext db|}) => _db = db;

                public decimal Get(int id) => _db.Prices.Single(p => p.Id == id).Amount;
            }

            public sealed class OrderService
            {
                private readonly ShopContext _db;

                public OrderService(ShopContext db) => _db = db;
            }
            """;

        public const string SingletonRegistrationForms = """
            using System;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.DependencyInjection.Extensions;

            public sealed class ShopContext : DbContext
            {
            }

            public interface IRepository<T> { }

            public sealed class Repository<T>({|#0:ShopContext db|}) : IRepository<T> { }

            public sealed class Exporter({|#1:ShopContext db|}) { }

            public sealed class Auditor({|#2:ShopContext db|}) { }

            public sealed class Mailer({|#3:ShopContext db|}) { }

            public sealed class KeyedStore({|#4:ShopContext db|}) { }

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton(typeof(IRepository<>), typeof(Repository<>));
                    services.TryAddSingleton<Exporter>();
                    services.AddSingleton(sp => new Auditor(sp.GetRequiredService<ShopContext>()));
                    services.TryAdd(ServiceDescriptor.Singleton(typeof(Mailer), typeof(Mailer)));
                    services.AddKeyedSingleton<KeyedStore>("main");
                }
            }
            """;

        public const string AddHostedServiceImplementation = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ShopContext : DbContext
            {
            }

            public abstract class Job
            {
                public abstract Task RunAsync(CancellationToken cancellationToken);
            }

            public sealed class Nightly({|#0:ShopContext db|}) : Job
            {
                public override Task RunAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
            }

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton<Job, Nightly>();
                }
            }
            """;

        public const string StaticFieldAndProperty = """
            using Microsoft.EntityFrameworkCore;

            public sealed class ShopContext : DbContext
            {
            }

            public static class Db
            {
                private static readonly ShopContext {|#0:s_context|} = new();

                public static ShopContext {|#1:Current|} { get; set; } = s_context;
            }
            """;

        public const string StaticLazyAndThreadLocal = """
            using System;
            using System.Threading;
            using Microsoft.EntityFrameworkCore;

            public sealed class ShopContext : DbContext
            {
            }

            public static class Db
            {
                private static readonly Lazy<ShopContext> {|#0:s_lazy|} = new(() => new ShopContext());
                [ThreadStatic] private static ShopContext? {|#1:t_perThread|};
                private static readonly ThreadLocal<ShopContext> {|#2:s_perThread|} = new(() => new ShopContext());
            }
            """;

        public const string AddSingletonOfContext = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ShopContext : DbContext
            {
            }

            public static class Registrations
            {
                public static IServiceCollection AddShop(this IServiceCollection services)
                {
                    {|#0:services.AddSingleton<ShopContext>()|};
                    return services;
                }
            }
            """;

        public const string InstanceRegistration = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ShopContext : DbContext
            {
            }

            public static class Registrations
            {
                public static void AddShop(IServiceCollection services)
                    => {|#0:services.AddSingleton(new ShopContext())|};
            }
            """;

        public const string AddDbContextSingletonLifetime = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ShopContext : DbContext
            {
                public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }
            }

            public static class Registrations
            {
                public static void AddShop(IServiceCollection services)
                    => {|#0:services.AddDbContext<ShopContext>(options => { }, ServiceLifetime.Singleton)|};
            }
            """;

        public const string OptionsLifetimeSingleton = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ShopContext : DbContext
            {
                public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }
            }

            public static class Registrations
            {
                public static void AddShop(IServiceCollection services)
                {
                    services.AddDbContext<ShopContext>(options => { }, optionsLifetime: ServiceLifetime.Singleton);
                    services.AddDbContext<ShopContext>(options => { }, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
                    services.AddDbContextFactory<ShopContext>(options => { }, ServiceLifetime.Singleton);
                }
            }
            """;

        public const string DbContextFactoryInBackgroundService = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class OrderSyncWorker(IDbContextFactory<ShopContext> contexts) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                        await db.SaveChangesAsync(stoppingToken);
                        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
                    }
                }
            }
            """;

        public const string ScopeFactoryInHostedService = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class Migrator(IServiceScopeFactory scopes) : IHostedService
            {
                public async Task StartAsync(CancellationToken cancellationToken)
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<ShopContext>();
                    await db.Database.MigrateAsync(cancellationToken);
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        public const string ScopedAndTransientServices = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class OrderService(ShopContext db) { }

            public sealed class InvoiceService(ShopContext db) { }

            public sealed class Unregistered(ShopContext db) { }

            public static class Registrations
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddDbContext<ShopContext>();
                    services.AddScoped<OrderService>();
                    services.AddTransient(typeof(InvoiceService));
                }
            }
            """;

        public const string Controller = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public sealed class ShopContext : DbContext
            {
            }

            [ApiController]
            [Route("orders")]
            public sealed class OrdersController(ShopContext db) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Save()
                {
                    await db.SaveChangesAsync();
                    return NoContent();
                }
            }
            """;

        public const string DefaultAddDbContext = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ShopContext : DbContext
            {
                public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }
            }

            public static class Registrations
            {
                public static void Add(WebApplicationBuilder builder)
                {
                    builder.Services.AddDbContext<ShopContext>(options => { });
                    builder.Services.AddDbContextPool<ShopContext>(options => { });
                    builder.Services.AddScoped<ShopContext>();
                }
            }
            """;

        public const string StaticPropertyThatCreatesAContext = """
            using Microsoft.EntityFrameworkCore;

            public sealed class ShopContext : DbContext
            {
            }

            public static class Db
            {
                public static ShopContext Create => new();

                public static ShopContext Fresh
                {
                    get { return new ShopContext(); }
                }

                public static ShopContext Make() => new();
            }
            """;

        public const string OwnDbContextType = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            namespace Legacy
            {
                public class DbContext { }

                public sealed class Worker(DbContext db) : BackgroundService
                {
                    private static readonly DbContext s_db = new();

                    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
                }
            }
            """;

        public const string ExcludedSymbols = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            namespace Shop
            {
                public sealed class ShopContext : DbContext
                {
                }

                public sealed class ReportingContext : DbContext
                {
                }

                public sealed class LegacyWorker(ShopContext db) : BackgroundService
                {
                    protected override Task ExecuteAsync(CancellationToken stoppingToken) => db.SaveChangesAsync(stoppingToken);
                }

                public sealed class ReportWorker(ReportingContext db) : BackgroundService
                {
                    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
                }

                public static class Reports
                {
                    public static ReportingContext Shared { get; } = new();
                }
            }
            """;

        public const string TwoWorkers = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class CleanupWorker : BackgroundService
            {
                private readonly ShopContext _context;

                public CleanupWorker({|#0:ShopContext context|})
                {
                    _context = context;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await _context.Database.ExecuteSqlRawAsync("DELETE FROM Sessions WHERE Expired = 1", stoppingToken);
                }
            }

            public sealed class StatsWorker : BackgroundService
            {
                private readonly ShopContext _context;

                public StatsWorker({|#1:ShopContext context|})
                {
                    _context = context;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await this._context.SaveChangesAsync(stoppingToken);
                }
            }
            """;

        public const string TwoWorkersFixed = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class CleanupWorker : BackgroundService
            {
                private readonly IDbContextFactory<ShopContext> _contextFactory;

                public CleanupWorker(IDbContextFactory<ShopContext> contextFactory)
                {
                    _contextFactory = contextFactory;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await using var db = await _contextFactory.CreateDbContextAsync(stoppingToken);
                    await db.Database.ExecuteSqlRawAsync("DELETE FROM Sessions WHERE Expired = 1", stoppingToken);
                }
            }

            public sealed class StatsWorker : BackgroundService
            {
                private readonly IDbContextFactory<ShopContext> _contextFactory;

                public StatsWorker(IDbContextFactory<ShopContext> contextFactory)
                {
                    _contextFactory = contextFactory;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await using var db = await _contextFactory.CreateDbContextAsync(stoppingToken);
                    await db.SaveChangesAsync(stoppingToken);
                }
            }
            """;

        public const string ContextHandedOut = """
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class Order { public int Id { get; set; } }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
            }

            public sealed class OrderFeed : BackgroundService
            {
                private readonly ShopContext _db;

                public OrderFeed({|#0:ShopContext db|})
                {
                    _db = db;
                }

                public IQueryable<Order> Orders() => _db.Orders;

                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }
            """;

        public const string ContextUsedInLambda = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class Flusher : BackgroundService
            {
                private readonly ShopContext _db;

                public Flusher({|#0:ShopContext db|})
                {
                    _db = db;
                }

                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    using var timer = new Timer(_ => _db.SaveChanges(), null, TimeSpan.Zero, TimeSpan.FromMinutes(1));
                    return Task.Delay(Timeout.Infinite, stoppingToken);
                }
            }
            """;

        public const string ContextInNonAsyncTaskMethod = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;

            public sealed class ShopContext : DbContext
            {
            }

            public sealed class Saver : BackgroundService
            {
                private readonly ShopContext _db;

                public Saver({|#0:ShopContext db|})
                {
                    _db = db;
                }

                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    return _db.SaveChangesAsync(stoppingToken);
                }
            }
            """;
    }
}
