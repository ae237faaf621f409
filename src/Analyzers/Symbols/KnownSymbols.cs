using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Postmortem.Analyzers.Shared;

namespace Postmortem.Analyzers.Symbols;

/// <summary>
/// The library types the rules match, resolved by metadata name once per compilation and shared by every
/// analyzer. Groups are resolved on first use, so a rule pays only for the libraries it asks about.
/// A null type means the library is not referenced.
/// </summary>
internal sealed class KnownSymbols
{
    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> s_cache = new();

    private HttpSymbols? _http;
    private AspNetCoreSymbols? _aspNetCore;
    private DependencyInjectionSymbols? _dependencyInjection;
    private TestFrameworkSymbols? _testFrameworks;
    private CoreSymbols? _core;
    private TaskSymbols? _tasks;
    private EntityFrameworkSymbols? _entityFramework;
    private BlockingSymbols? _blocking;
    private CachingSymbols? _caching;
    private MessagingSymbols? _messaging;
    private Knowledge.BlockingApis? _blockingApis;
    private Knowledge.DatabaseCalls? _databaseCalls;
    private TransactionSymbols? _transactions;
    private ExternalCallSymbols? _external;
    private Knowledge.TransactionApis? _transactionApis;
    private Knowledge.ExternalCalls? _externalCalls;
    private PooledClientSymbols? _pooledClientSymbols;
    private Knowledge.PooledClients? _pooledClients;

    private readonly object _gate = new();

    private KnownSymbols(Compilation compilation) => Compilation = compilation;

    public Compilation Compilation { get; }

    public HttpSymbols Http => Get(ref _http, static k => new HttpSymbols(k.Compilation));

    public AspNetCoreSymbols AspNetCore => Get(ref _aspNetCore, static k => new AspNetCoreSymbols(k.Compilation));

    public DependencyInjectionSymbols DependencyInjection => Get(ref _dependencyInjection, static k => new DependencyInjectionSymbols(k.Compilation));

    public TestFrameworkSymbols TestFrameworks => Get(ref _testFrameworks, static k => new TestFrameworkSymbols(k.Compilation));

    public CoreSymbols Core => Get(ref _core, static k => new CoreSymbols(k.Compilation));

    public TaskSymbols Tasks => Get(ref _tasks, static k => new TaskSymbols(k.Compilation));

    public EntityFrameworkSymbols EntityFramework => Get(ref _entityFramework, static k => new EntityFrameworkSymbols(k.Compilation));

    public BlockingSymbols Blocking => Get(ref _blocking, static k => new BlockingSymbols(k.Compilation));

    public CachingSymbols Caching => Get(ref _caching, static k => new CachingSymbols(k.Compilation));

    public MessagingSymbols Messaging => Get(ref _messaging, static k => new MessagingSymbols(k.Compilation));

    public TransactionSymbols Transactions => Get(ref _transactions, static k => new TransactionSymbols(k.Compilation, k.Blocking, k.EntityFramework));

    public ExternalCallSymbols External => Get(ref _external, static k => new ExternalCallSymbols(k.Compilation, k.Blocking, k.Tasks, k.Messaging));

    /// <summary>Where transactions and explicitly opened connections begin and end; answers are cached per method.</summary>
    public Knowledge.TransactionApis TransactionApis => Get(ref _transactionApis, static k => new Knowledge.TransactionApis(k.Transactions));

    /// <summary>Which calls leave the process (HTTP, gRPC, email, publish, delay, LLM); answers are cached per method.</summary>
    public Knowledge.ExternalCalls ExternalCalls => Get(ref _externalCalls, static k => new Knowledge.ExternalCalls(k.External));

    public PooledClientSymbols PooledClientTypes => Get(ref _pooledClientSymbols, static k => new PooledClientSymbols(k.Compilation));

    /// <summary>Which creations build a client that owns a connection pool (Redis, MongoDB, Cosmos DB, AWS...).</summary>
    public Knowledge.PooledClients PooledClients => Get(ref _pooledClients, static k => new Knowledge.PooledClients(k.PooledClientTypes));

    /// <summary>Which calls block and what their awaitable counterparts are; answers are cached per method for the compilation.</summary>
    public Knowledge.BlockingApis BlockingApis => Get(ref _blockingApis, static k => new Knowledge.BlockingApis(k));

    /// <summary>Which calls make a database round-trip (sync and async forms); answers are cached per method for the compilation.</summary>
    public Knowledge.DatabaseCalls DatabaseCalls => Get(ref _databaseCalls, static k => new Knowledge.DatabaseCalls(k));

    public static KnownSymbols For(Compilation compilation) => s_cache.GetValue(compilation, static c => new KnownSymbols(c));

    /// <summary>
    /// The group in <paramref name="field"/>, made on first use. Made once: at compilation start every analyzer asks for its
    /// groups at the same moment, and making one resolves dozens of types, so the others wait for it rather than repeat it
    /// (one lock for all groups, which may ask for each other; the lock is reentrant).
    /// </summary>
    private T Get<T>(ref T? field, System.Func<KnownSymbols, T> create)
        where T : class
    {
        var value = Volatile.Read(ref field);
        if (value is not null)
        {
            return value;
        }

        lock (_gate)
        {
            value = Volatile.Read(ref field);
            if (value is null)
            {
                value = create(this);
                Volatile.Write(ref field, value);
            }

            return value;
        }
    }
}

internal sealed class CoreSymbols
{
    public CoreSymbols(Compilation c)
    {
        Lazy = TypeResolver.Resolve(c, "System.Lazy`1");
        LazyWithMetadata = TypeResolver.Resolve(c, "System.Lazy`2");
        LazyInitializer = TypeResolver.Resolve(c, "System.Threading.LazyInitializer");
        ThreadLocal = TypeResolver.Resolve(c, "System.Threading.ThreadLocal`1");
        LambdaExpression = TypeResolver.Resolve(c, "System.Linq.Expressions.LambdaExpression");
        Attribute = TypeResolver.Resolve(c, "System.Attribute");
    }

    public INamedTypeSymbol? Lazy { get; }
    public INamedTypeSymbol? LazyWithMetadata { get; }
    public INamedTypeSymbol? LazyInitializer { get; }
    public INamedTypeSymbol? ThreadLocal { get; }

    /// <summary>The base of <c>Expression&lt;TDelegate&gt;</c>: a lambda converted to it is data (an expression tree), not executed code.</summary>
    public INamedTypeSymbol? LambdaExpression { get; }

    /// <summary>Attributes are metadata instances: an MVC filter that is an attribute is created once with the action model.</summary>
    public INamedTypeSymbol? Attribute { get; }
}

internal sealed class TaskSymbols
{
    public TaskSymbols(Compilation c)
    {
        Task = TypeResolver.Resolve(c, "System.Threading.Tasks.Task");
        TaskOfT = TypeResolver.Resolve(c, "System.Threading.Tasks.Task`1");
        ValueTask = TypeResolver.Resolve(c, "System.Threading.Tasks.ValueTask");
        ValueTaskOfT = TypeResolver.Resolve(c, "System.Threading.Tasks.ValueTask`1");
        AsyncEnumerable = TypeResolver.Resolve(c, "System.Collections.Generic.IAsyncEnumerable`1");
        AsyncEnumerator = TypeResolver.Resolve(c, "System.Collections.Generic.IAsyncEnumerator`1");
        TaskFactory = TypeResolver.Resolve(c, "System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = TypeResolver.Resolve(c, "System.Threading.Tasks.TaskFactory`1");
        Awaiters = TypeResolver.ResolveAll(c,
            "System.Runtime.CompilerServices.TaskAwaiter",
            "System.Runtime.CompilerServices.TaskAwaiter`1",
            "System.Runtime.CompilerServices.ValueTaskAwaiter",
            "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");
    }

    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? AsyncEnumerable { get; }
    public INamedTypeSymbol? AsyncEnumerator { get; }

    /// <summary><c>Task.Factory</c>'s type: <c>StartNew</c> offloads its delegate to the thread pool, like <c>Task.Run</c>.</summary>
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }

    /// <summary>The awaiters of Task, ValueTask and their ConfigureAwait forms: <c>GetResult()</c> on them blocks until completion.</summary>
    public INamedTypeSymbol[] Awaiters { get; }

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, IAsyncEnumerable&lt;T&gt; or IAsyncEnumerator&lt;T&gt;, or a type derived from Task.</summary>
    public bool IsAwaitable(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        return type.InheritsFromOrEquals(Task)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTask)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT)
            || SymbolEqualityComparer.Default.Equals(definition, AsyncEnumerable)
            || SymbolEqualityComparer.Default.Equals(definition, AsyncEnumerator);
    }

    /// <summary>Task, Task&lt;T&gt; (or derived), ValueTask or ValueTask&lt;T&gt;: the types whose waits PM0002 reports.</summary>
    public bool IsTaskLike(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        return type.InheritsFromOrEquals(Task)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTask)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT);
    }

    public bool IsAwaiter(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        foreach (var awaiter in Awaiters)
        {
            if (SymbolEqualityComparer.Default.Equals(definition, awaiter))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class HttpSymbols
{
    public HttpSymbols(Compilation c)
    {
        HttpClient = TypeResolver.Resolve(c, "System.Net.Http.HttpClient");
        HttpMessageHandler = TypeResolver.Resolve(c, "System.Net.Http.HttpMessageHandler");
        SocketsHttpHandler = TypeResolver.Resolve(c, "System.Net.Http.SocketsHttpHandler");
        HttpClientFactory = TypeResolver.Resolve(c, "System.Net.Http.IHttpClientFactory");
        HttpMessageHandlerFactory = TypeResolver.Resolve(c, "System.Net.Http.IHttpMessageHandlerFactory");
        WebAssemblyHostBuilder = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder");
    }

    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? HttpMessageHandler { get; }
    public INamedTypeSymbol? SocketsHttpHandler { get; }

    /// <summary>Microsoft.Extensions.Http's factory: present when the code fix can inject it.</summary>
    public INamedTypeSymbol? HttpClientFactory { get; }
    public INamedTypeSymbol? HttpMessageHandlerFactory { get; }

    /// <summary>Blazor WebAssembly: HttpClient runs over the browser's fetch, not over sockets.</summary>
    public INamedTypeSymbol? WebAssemblyHostBuilder { get; }
}

internal sealed class AspNetCoreSymbols
{
    public AspNetCoreSymbols(Compilation c)
    {
        ControllerBase = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Mvc.ControllerBase");
        ControllerAttribute = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Mvc.ControllerAttribute");
        NonControllerAttribute = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        PageModel = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        Hub = TypeResolver.Resolve(c, "Microsoft.AspNetCore.SignalR.Hub");
        BindServiceMethodAttribute = TypeResolver.Resolve(c, "Grpc.Core.BindServiceMethodAttribute");
        Middleware = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Http.IMiddleware");
        FilterMetadata = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Mvc.Filters.IFilterMetadata");
        EndpointFilter = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Http.IEndpointFilter");
        ApplicationBuilder = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Builder.IApplicationBuilder");
        EndpointRouteBuilder = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        WebHostBuilder = TypeResolver.Resolve(c, "Microsoft.AspNetCore.Hosting.IWebHostBuilder");
    }

    public INamedTypeSymbol? ControllerBase { get; }
    public INamedTypeSymbol? ControllerAttribute { get; }
    public INamedTypeSymbol? NonControllerAttribute { get; }
    public INamedTypeSymbol? PageModel { get; }
    public INamedTypeSymbol? Hub { get; }
    public INamedTypeSymbol? BindServiceMethodAttribute { get; }
    public INamedTypeSymbol? Middleware { get; }
    public INamedTypeSymbol? FilterMetadata { get; }
    public INamedTypeSymbol? EndpointFilter { get; }
    public INamedTypeSymbol? ApplicationBuilder { get; }
    public INamedTypeSymbol? EndpointRouteBuilder { get; }
    public INamedTypeSymbol? WebHostBuilder { get; }
}

internal sealed class DependencyInjectionSymbols
{
    public DependencyInjectionSymbols(Compilation c)
    {
        ServiceCollection = TypeResolver.Resolve(c, "Microsoft.Extensions.DependencyInjection.IServiceCollection");
        ServiceCollectionServiceExtensions = TypeResolver.Resolve(c, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
        ServiceCollectionDescriptorExtensions = TypeResolver.Resolve(c, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
        ServiceDescriptor = TypeResolver.Resolve(c, "Microsoft.Extensions.DependencyInjection.ServiceDescriptor");
        ServiceCollectionHostedServiceExtensions = TypeResolver.Resolve(c, "Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions");
        HostBuilder = TypeResolver.Resolve(c, "Microsoft.Extensions.Hosting.IHostBuilder");
        HostApplicationBuilder = TypeResolver.Resolve(c, "Microsoft.Extensions.Hosting.IHostApplicationBuilder");
        HostedService = TypeResolver.Resolve(c, "Microsoft.Extensions.Hosting.IHostedService");
        BackgroundService = TypeResolver.Resolve(c, "Microsoft.Extensions.Hosting.BackgroundService");
        ServiceLifetime = TypeResolver.Resolve(c, "Microsoft.Extensions.DependencyInjection.ServiceLifetime");
        SystemType = TypeResolver.Resolve(c, "System.Type");
    }

    public INamedTypeSymbol? ServiceCollection { get; }
    public INamedTypeSymbol? ServiceCollectionServiceExtensions { get; }
    public INamedTypeSymbol? ServiceCollectionDescriptorExtensions { get; }
    public INamedTypeSymbol? ServiceDescriptor { get; }
    public INamedTypeSymbol? ServiceCollectionHostedServiceExtensions { get; }
    public INamedTypeSymbol? HostBuilder { get; }
    public INamedTypeSymbol? HostApplicationBuilder { get; }

    /// <summary>Hosted services (and <see cref="BackgroundService"/>, which implements it) live as long as the host.</summary>
    public INamedTypeSymbol? HostedService { get; }
    public INamedTypeSymbol? BackgroundService { get; }
    public INamedTypeSymbol? ServiceLifetime { get; }

    /// <summary><c>System.Type</c>: the <c>typeof(...)</c> forms of the registration methods take it.</summary>
    public INamedTypeSymbol? SystemType { get; }
}

internal sealed class TestFrameworkSymbols
{
    public TestFrameworkSymbols(Compilation c)
    {
        TestMethodAttributes = TypeResolver.ResolveAll(c,
            "Xunit.FactAttribute",
            "NUnit.Framework.TestAttribute",
            "NUnit.Framework.TestCaseAttribute",
            "NUnit.Framework.TestCaseSourceAttribute",
            "NUnit.Framework.TheoryAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
            "TUnit.Core.TestAttribute");
        TestClassAttributes = TypeResolver.ResolveAll(c,
            "NUnit.Framework.TestFixtureAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute");
        HasTestFramework = TestMethodAttributes.Length > 0;
    }

    /// <summary>Attributes that mark a test method; derived attributes (xunit's Theory, MSTest's DataTestMethod) count too.</summary>
    public INamedTypeSymbol[] TestMethodAttributes { get; }
    public INamedTypeSymbol[] TestClassAttributes { get; }
    public bool HasTestFramework { get; }
}
