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
    private Shared.AutoProperties? _autoProperties;

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

    /// <summary>Which getters of the compilation are auto-property getters, kept for every rule that follows calls.</summary>
    public Shared.AutoProperties AutoProperties => Get(ref _autoProperties, static _ => new Shared.AutoProperties());

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
    private readonly LazyTypes _types;

    public CoreSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 6);
    }

    public INamedTypeSymbol? Lazy => _types.Get(0, "System.Lazy`1");
    public INamedTypeSymbol? LazyWithMetadata => _types.Get(1, "System.Lazy`2");
    public INamedTypeSymbol? LazyInitializer => _types.Get(2, "System.Threading.LazyInitializer");
    public INamedTypeSymbol? ThreadLocal => _types.Get(3, "System.Threading.ThreadLocal`1");

    /// <summary>The base of <c>Expression&lt;TDelegate&gt;</c>: a lambda converted to it is data (an expression tree), not executed code.</summary>
    public INamedTypeSymbol? LambdaExpression => _types.Get(4, "System.Linq.Expressions.LambdaExpression");

    /// <summary>Attributes are metadata instances: an MVC filter that is an attribute is created once with the action model.</summary>
    public INamedTypeSymbol? Attribute => _types.Get(5, "System.Attribute");
}

internal sealed class TaskSymbols
{
    private static readonly string[] s_awaiters =
    [
        "System.Runtime.CompilerServices.TaskAwaiter",
        "System.Runtime.CompilerServices.TaskAwaiter`1",
        "System.Runtime.CompilerServices.ValueTaskAwaiter",
        "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter"
    ];

    private readonly LazyTypes _types;

    public TaskSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 9);
    }

    public INamedTypeSymbol? Task => _types.Get(0, "System.Threading.Tasks.Task");
    public INamedTypeSymbol? TaskOfT => _types.Get(1, "System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTask => _types.Get(2, "System.Threading.Tasks.ValueTask");
    public INamedTypeSymbol? ValueTaskOfT => _types.Get(3, "System.Threading.Tasks.ValueTask`1");
    public INamedTypeSymbol? AsyncEnumerable => _types.Get(4, "System.Collections.Generic.IAsyncEnumerable`1");
    public INamedTypeSymbol? AsyncEnumerator => _types.Get(5, "System.Collections.Generic.IAsyncEnumerator`1");

    /// <summary><c>Task.Factory</c>'s type: <c>StartNew</c> offloads its delegate to the thread pool, like <c>Task.Run</c>.</summary>
    public INamedTypeSymbol? TaskFactory => _types.Get(6, "System.Threading.Tasks.TaskFactory");
    public INamedTypeSymbol? TaskFactoryOfT => _types.Get(7, "System.Threading.Tasks.TaskFactory`1");

    /// <summary>The awaiters of Task, ValueTask and their ConfigureAwait forms: <c>GetResult()</c> on them blocks until completion.</summary>
    public INamedTypeSymbol[] Awaiters => _types.GetAll(8, s_awaiters);

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, IAsyncEnumerable&lt;T&gt; or IAsyncEnumerator&lt;T&gt;, or a type derived from Task.</summary>
    public bool IsAwaitable(ITypeSymbol? type)
    {
        // Asked of most methods' return types: the kind and the name rule out nearly all of them before any comparison.
        switch (type)
        {
            case null or { SpecialType: not SpecialType.None }:
                return false;
            case { TypeKind: TypeKind.Class }:
                return type.InheritsFromOrEquals(Task);
            case { TypeKind: TypeKind.Struct, Name: "ValueTask" }:
                var value = type.OriginalDefinition;
                return SymbolEqualityComparer.Default.Equals(value, ValueTask) || SymbolEqualityComparer.Default.Equals(value, ValueTaskOfT);
            case { TypeKind: TypeKind.Interface, Name: "IAsyncEnumerable" or "IAsyncEnumerator" }:
                var sequence = type.OriginalDefinition;
                return SymbolEqualityComparer.Default.Equals(sequence, AsyncEnumerable) || SymbolEqualityComparer.Default.Equals(sequence, AsyncEnumerator);
            default:
                return false;
        }
    }

    /// <summary>Task, Task&lt;T&gt; (or derived), ValueTask or ValueTask&lt;T&gt;: the types whose waits PM0002 reports.</summary>
    public bool IsTaskLike(ITypeSymbol? type) => type is { TypeKind: TypeKind.Class or TypeKind.Struct } && IsAwaitable(type);

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
    private readonly LazyTypes _types;

    public HttpSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 6);
    }

    public INamedTypeSymbol? HttpClient => _types.Get(0, "System.Net.Http.HttpClient");
    public INamedTypeSymbol? HttpMessageHandler => _types.Get(1, "System.Net.Http.HttpMessageHandler");
    public INamedTypeSymbol? SocketsHttpHandler => _types.Get(2, "System.Net.Http.SocketsHttpHandler");

    /// <summary>Microsoft.Extensions.Http's factory: present when the code fix can inject it.</summary>
    public INamedTypeSymbol? HttpClientFactory => _types.Get(3, "System.Net.Http.IHttpClientFactory");
    public INamedTypeSymbol? HttpMessageHandlerFactory => _types.Get(4, "System.Net.Http.IHttpMessageHandlerFactory");

    /// <summary>Blazor WebAssembly: HttpClient runs over the browser's fetch, not over sockets.</summary>
    public INamedTypeSymbol? WebAssemblyHostBuilder => _types.Get(5, "Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder");
}

internal sealed class AspNetCoreSymbols
{
    private readonly LazyTypes _types;

    public AspNetCoreSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 12);
    }

    public INamedTypeSymbol? ControllerBase => _types.Get(0, "Microsoft.AspNetCore.Mvc.ControllerBase");
    public INamedTypeSymbol? ControllerAttribute => _types.Get(1, "Microsoft.AspNetCore.Mvc.ControllerAttribute");
    public INamedTypeSymbol? NonControllerAttribute => _types.Get(2, "Microsoft.AspNetCore.Mvc.NonControllerAttribute");
    public INamedTypeSymbol? PageModel => _types.Get(3, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
    public INamedTypeSymbol? Hub => _types.Get(4, "Microsoft.AspNetCore.SignalR.Hub");
    public INamedTypeSymbol? BindServiceMethodAttribute => _types.Get(5, "Grpc.Core.BindServiceMethodAttribute");
    public INamedTypeSymbol? Middleware => _types.Get(6, "Microsoft.AspNetCore.Http.IMiddleware");
    public INamedTypeSymbol? FilterMetadata => _types.Get(7, "Microsoft.AspNetCore.Mvc.Filters.IFilterMetadata");
    public INamedTypeSymbol? EndpointFilter => _types.Get(8, "Microsoft.AspNetCore.Http.IEndpointFilter");
    public INamedTypeSymbol? ApplicationBuilder => _types.Get(9, "Microsoft.AspNetCore.Builder.IApplicationBuilder");
    public INamedTypeSymbol? EndpointRouteBuilder => _types.Get(10, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
    public INamedTypeSymbol? WebHostBuilder => _types.Get(11, "Microsoft.AspNetCore.Hosting.IWebHostBuilder");
}

internal sealed class DependencyInjectionSymbols
{
    private readonly LazyTypes _types;

    public DependencyInjectionSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 11);
    }

    public INamedTypeSymbol? ServiceCollection => _types.Get(0, "Microsoft.Extensions.DependencyInjection.IServiceCollection");
    public INamedTypeSymbol? ServiceCollectionServiceExtensions => _types.Get(1, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
    public INamedTypeSymbol? ServiceCollectionDescriptorExtensions => _types.Get(2, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
    public INamedTypeSymbol? ServiceDescriptor => _types.Get(3, "Microsoft.Extensions.DependencyInjection.ServiceDescriptor");
    public INamedTypeSymbol? ServiceCollectionHostedServiceExtensions => _types.Get(4, "Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions");
    public INamedTypeSymbol? HostBuilder => _types.Get(5, "Microsoft.Extensions.Hosting.IHostBuilder");
    public INamedTypeSymbol? HostApplicationBuilder => _types.Get(6, "Microsoft.Extensions.Hosting.IHostApplicationBuilder");

    /// <summary>Hosted services (and <see cref="BackgroundService"/>, which implements it) live as long as the host.</summary>
    public INamedTypeSymbol? HostedService => _types.Get(7, "Microsoft.Extensions.Hosting.IHostedService");
    public INamedTypeSymbol? BackgroundService => _types.Get(8, "Microsoft.Extensions.Hosting.BackgroundService");
    public INamedTypeSymbol? ServiceLifetime => _types.Get(9, "Microsoft.Extensions.DependencyInjection.ServiceLifetime");

    /// <summary><c>System.Type</c>: the <c>typeof(...)</c> forms of the registration methods take it.</summary>
    public INamedTypeSymbol? SystemType => _types.Get(10, "System.Type");
}

internal sealed class TestFrameworkSymbols
{
    private static readonly string[] s_testMethodAttributes =
    [
        "Xunit.FactAttribute",
        "NUnit.Framework.TestAttribute",
        "NUnit.Framework.TestCaseAttribute",
        "NUnit.Framework.TestCaseSourceAttribute",
        "NUnit.Framework.TheoryAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "TUnit.Core.TestAttribute"
    ];

    private static readonly string[] s_testClassAttributes =
    [
        "NUnit.Framework.TestFixtureAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute"
    ];

    private readonly LazyTypes _types;

    public TestFrameworkSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 2);
    }

    /// <summary>Attributes that mark a test method; derived attributes (xunit's Theory, MSTest's DataTestMethod) count too.</summary>
    public INamedTypeSymbol[] TestMethodAttributes => _types.GetAll(0, s_testMethodAttributes);
    public INamedTypeSymbol[] TestClassAttributes => _types.GetAll(1, s_testClassAttributes);
    public bool HasTestFramework => TestMethodAttributes.Length > 0;
}
