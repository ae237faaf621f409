using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers;

/// <summary>The one registry of diagnostic descriptors: a property per rule.</summary>
public static class Descriptors
{
    private const string BlockingCallDescription = "A synchronous file, network, database, cache or sleep call in an async method holds a thread-pool thread for the whole wait. "
        + "A few of them under load leave the pool without threads: requests queue, latency climbs, health checks time out. "
        + "Await the asynchronous counterpart instead. The rule also finds the blocking call buried in a synchronous helper of the same compilation that the async method calls.";

    private const string SyncWaitDescription = "Task.Result, Task.Wait, GetAwaiter().GetResult(), Task.WaitAll and Task.WaitAny hold a thread until a task completes. "
            + "In an async path that thread is a thread-pool thread the code could have given back; under load the pool runs dry and every request waits for new threads. "
            + "Under a synchronization context that only one thread can enter, the wait can deadlock. Await the task instead.";

    public const string HelpLinkBase = "https://github.com/postmortem-analyzers/postmortem-analyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor PM0001BlockingCallInAsyncPath = new(
        id: DiagnosticIds.BlockingCallInAsyncPath,
        title: "Blocking call in an async path",
        messageFormat: "'{0}' blocks a thread inside {1}; await '{2}' instead: a thread blocked on I/O is one the thread pool cannot give to other requests, and under load they all queue",
        category: DiagnosticCategories.Async,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: BlockingCallDescription,
        helpLinkUri: HelpLinkBase + DiagnosticIds.BlockingCallInAsyncPath + ".md");

    /// <summary>PM0001's interprocedural form: the blocking call is buried in a synchronous method of the compilation. Found at compilation end.</summary>
    public static readonly DiagnosticDescriptor PM0001BlockingHelperInAsyncPath = new(
        id: DiagnosticIds.BlockingCallInAsyncPath,
        title: "Blocking call in an async path",
        messageFormat: "'{0}' blocks a thread inside {1}: it calls '{2}' synchronously in {3}{4}; make it async and await it, or the thread pool starves under load",
        category: DiagnosticCategories.Async,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: BlockingCallDescription,
        helpLinkUri: HelpLinkBase + DiagnosticIds.BlockingCallInAsyncPath + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PM0002SyncWaitInAsyncPath = new(
        id: DiagnosticIds.SyncWaitInAsyncPath,
        title: "Synchronous wait on a task in an async path",
        messageFormat: "'{0}' blocks a thread until {1} inside {2}; await it instead: threads blocked this way starve the thread pool under load and deadlock under a synchronization context",
        category: DiagnosticCategories.Async,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: SyncWaitDescription,
        helpLinkUri: HelpLinkBase + DiagnosticIds.SyncWaitInAsyncPath + ".md");

    /// <summary>PM0002's interprocedural form: the wait is buried in a synchronous method of the compilation. Found at compilation end.</summary>
    public static readonly DiagnosticDescriptor PM0002WaitingHelperInAsyncPath = new(
        id: DiagnosticIds.SyncWaitInAsyncPath,
        title: "Synchronous wait on a task in an async path",
        messageFormat: "'{0}' blocks a thread inside {1}: it waits on a task with '{2}' in {3}{4}; make it async and await the task, or the thread pool starves under load and a synchronization context deadlocks",
        category: DiagnosticCategories.Async,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: SyncWaitDescription,
        helpLinkUri: HelpLinkBase + DiagnosticIds.SyncWaitInAsyncPath + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PM0003HttpClientPerOperation = new(
        id: DiagnosticIds.HttpClientPerOperation,
        title: "HttpClient created per operation",
        messageFormat: "'{0}' is created {1}; every instance opens its own connection pool, and the sockets it leaves in TIME_WAIT exhaust the machine's ports under load",
        category: DiagnosticCategories.Resources,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Creating an HttpClient for each call, loop iteration or request gives every instance its own sockets. "
            + "Disposed clients leave their connections in TIME_WAIT, so a busy service runs out of ephemeral ports. "
            + "Use IHttpClientFactory or one long-lived client with a SocketsHttpHandler whose PooledConnectionLifetime is set.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.HttpClientPerOperation + ".md");

    public static readonly DiagnosticDescriptor PM0004PooledClientPerOperation = new(
        id: DiagnosticIds.PooledClientPerOperation,
        title: "Pooled client created per operation",
        messageFormat: "'{0}' creates a client {1}; every instance opens its own pool of connections to the server, and under load they pile up until the server or the process runs out",
        category: DiagnosticCategories.Resources,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Redis multiplexers, MongoDB, Cosmos DB, Service Bus, Event Hubs, AWS SDK, Elasticsearch and RestSharp clients, gRPC channels, Npgsql data sources and RabbitMQ connections "
            + "each own connections (and often background threads) and are built to be created once and shared. "
            + "Created for every call, loop iteration or request, they open connections faster than they are released: the server hits its connection limit, or the process runs out of sockets and memory. "
            + "Create one instance at start-up and share it (a singleton registration or a static field).",
        helpLinkUri: HelpLinkBase + DiagnosticIds.PooledClientPerOperation + ".md");

    public static readonly DiagnosticDescriptor PM0005TransactionHeldAcrossExternalCall = new(
        id: DiagnosticIds.TransactionHeldAcrossExternalCall,
        title: "Transaction or connection held across external I/O",
        messageFormat: "{0} while {1} (opened line {2}) is open; the database connection is held for the whole round trip, and under load the pool runs dry",
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: PM0005Description,
        helpLinkUri: HelpLinkBase + DiagnosticIds.TransactionHeldAcrossExternalCall + ".md");

    /// <summary>PM0005's interprocedural form: the external call is made by a method of the compilation called inside the region. Found at compilation end.</summary>
    public static readonly DiagnosticDescriptor PM0005HelperHeldAcrossExternalCall = new(
        id: DiagnosticIds.TransactionHeldAcrossExternalCall,
        title: "Transaction or connection held across external I/O",
        messageFormat: "'{0}' makes {1} in {2}{3} while {4} (opened line {5}) is open; the database connection is held for the whole round trip, and under load the pool runs dry",
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: PM0005Description,
        helpLinkUri: HelpLinkBase + DiagnosticIds.TransactionHeldAcrossExternalCall + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    private const string PM0005Description = "An open transaction, or a connection opened explicitly, keeps a database connection (and the transaction's locks) for as long as it is open. "
        + "An HTTP, gRPC, email, broker or LLM call made inside it, or a delay, holds that connection for the whole round trip to another service: "
        + "when that service slows down, every request holds a connection while it waits, the pool (or PgBouncer's) runs dry, and the whole application stalls. "
        + "Make the external call after the commit, or record it in an outbox table inside the transaction.";
    /// <summary>PM0006: found at compilation end, once the effects of the handler's callees are known.</summary>
    public static readonly DiagnosticDescriptor PM0006NonIdempotentMessageHandler = new(
        id: DiagnosticIds.NonIdempotentMessageHandler,
        title: "Message handler is not idempotent",
        messageFormat: "{0} '{1}' has no idempotency check, so a redelivered message repeats {2}",
        category: DiagnosticCategories.Messaging,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Brokers and job runners deliver a message at least once: a timeout, a crash before the acknowledgement or offset commit, or a rebalance delivers it again. "
            + "A handler that adds to a balance, inserts a row, sends an e-mail or charges a card does it again on every delivery. "
            + "Record the message identity (an inbox table with a unique key, a Redis key set only if absent) or check for the business key before writing.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.NonIdempotentMessageHandler + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PM0007CacheKeyWithoutTenant = new(
        id: DiagnosticIds.CacheKeyWithoutTenant,
        title: "Cache key does not include the tenant",
        messageFormat: "The key of '{0}' is built from '{1}' but not from the tenant; tenants that share that value read and overwrite each other's cached data",
        category: DiagnosticCategories.Caching,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "In a multi-tenant application, a cache shared by every tenant keyed by a resource id, a name or a path alone holds one entry for all tenants that share that value. "
            + "Integer ids, slugs and user names repeat across tenants: the first tenant to fill the entry serves its data to the others until it expires. "
            + "Put the tenant in every key built from such a value.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CacheKeyWithoutTenant + ".md");

    public static readonly DiagnosticDescriptor PM0008DbContextCapturedByLongLivedObject = new(
        id: DiagnosticIds.DbContextCapturedByLongLivedObject,
        title: "DbContext captured by a long-lived object",
        messageFormat: PM0008MessageFormat,
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: PM0008Description,
        helpLinkUri: HelpLinkBase + DiagnosticIds.DbContextCapturedByLongLivedObject + ".md");

    /// <summary>
    /// PM0008 for constructor parameters of classes registered as singletons elsewhere in the compilation: known only once
    /// every registration has been seen, so reported at compilation end.
    /// </summary>
    public static readonly DiagnosticDescriptor PM0008DbContextCapturedBySingleton = new(
        id: DiagnosticIds.DbContextCapturedByLongLivedObject,
        title: "DbContext captured by a long-lived object",
        messageFormat: PM0008MessageFormat,
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: PM0008Description,
        helpLinkUri: HelpLinkBase + DiagnosticIds.DbContextCapturedByLongLivedObject + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PM0009RoundTripInLoop = new(
        id: DiagnosticIds.RoundTripInLoop,
        title: "Database round-trip inside a loop",
        messageFormat: "'{0}' makes a database round-trip {1}: a collection of N items costs N queries, each holding a pooled connection, and a large one exhausts the pool; load or save the data in one round-trip (Contains, Include, one SaveChanges after the loop) or in batches",
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A query, Find, explicit Load, SaveChanges or command executed once per element of a collection turns one request into as many database round-trips as the collection has items (the N+1 problem). "
            + "It is fast with the ten rows of a test database and saturates the connection pool with the thousands of a production one. "
            + "Load what the loop needs in one query (Contains over the keys, Include), save once after the loop, or work in batches.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.RoundTripInLoop + ".md");

    public static readonly DiagnosticDescriptor PM0010WholeTableWrite = new(
        id: DiagnosticIds.WholeTableWrite,
        title: "Update or delete of a whole table",
        messageFormat: "{0} {1} every row of '{2}': with no WHERE clause one statement locks and rewrites the whole table for as long as it runs; filter it, or work through the table in batches",
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An UPDATE or DELETE with no WHERE clause touches every row of its table in one statement and one transaction. "
            + "Instant on a development database, it holds locks on a production table of millions of rows for minutes, blocking every request that needs it, and fills the transaction log. "
            + "Add the filter that was meant, or update and delete in batches of a few thousand rows.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.WholeTableWrite + ".md");

    public static readonly DiagnosticDescriptor PM0012ThirtyTwoBitIdentityKey = new(
        id: DiagnosticIds.ThirtyTwoBitIdentityKey,
        title: "32-bit identity key",
        messageFormat: "Key '{0}' is a database-generated '{1}': once the identity passes {2}, every insert fails, often with a misleading duplicate-key error; use 'long'",
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "An int (or short, or uint) primary key that the database generates is a counter with a ceiling. "
            + "When the identity or sequence reaches it, inserts fail, often with a misleading duplicate-key or overflow error, and widening the column of a large table takes a long lock. "
            + "A 64-bit key costs four bytes per row and never runs out.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.ThirtyTwoBitIdentityKey + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    private const string PM0008MessageFormat = "{0} keeps DbContext '{1}' for the life of the application; one context shared across operations serves stale tracked entities, grows without bound and fails under concurrent use";

    private const string PM0008Description = "A DbContext is a unit of work: its change tracker caches every entity it loads, and it cannot run two operations at once. "
        + "Held by a hosted service, a singleton or a static member, one context serves every operation of the process: queries return stale tracked entities, memory grows with every entity loaded, and concurrent callers fail. "
        + "Create a context per operation with IDbContextFactory<TContext> or a scope from IServiceScopeFactory.";

    /// <summary>
    /// Every rule the package ships, one descriptor per ID, in ID order. The interprocedural forms of PM0001 and
    /// PM0002 share their rule's ID (and so its severity and suppressions) with a message of their own.
    /// </summary>
    public static readonly DiagnosticDescriptor PM0011UnsafeMigration = new(
        id: DiagnosticIds.UnsafeMigration,
        title: "Schema migration that locks or breaks a live table",
        messageFormat: "{0} {1}; safe sequence: {2}",
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An EF Core migration runs against a table that already holds data and that the running version of the application is using. "
            + "Adding a NOT NULL column without a default fails on the first row; a volatile default, a type change or a new NOT NULL constraint rewrites or scans the table under a lock that blocks it; "
            + "an index or foreign key built the ordinary way blocks writes until it is done; renaming or dropping a column or table breaks the previous version while it is still deployed. "
            + "Split the change into steps that each hold only a short lock and stay compatible with the code that is running.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.UnsafeMigration + ".md");

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        PM0001BlockingCallInAsyncPath,
        PM0002SyncWaitInAsyncPath,
        PM0003HttpClientPerOperation,
        PM0004PooledClientPerOperation,
        PM0005TransactionHeldAcrossExternalCall,
        PM0006NonIdempotentMessageHandler,
        PM0007CacheKeyWithoutTenant,
        PM0008DbContextCapturedByLongLivedObject,
        PM0009RoundTripInLoop,
        PM0010WholeTableWrite,
        PM0011UnsafeMigration,
        PM0012ThirtyTwoBitIdentityKey);
}
