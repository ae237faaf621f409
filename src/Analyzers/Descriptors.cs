using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers;

/// <summary>The one registry of diagnostic descriptors: a property per rule.</summary>
public static class Descriptors
{
    public const string HelpLinkBase = "https://github.com/postmortem-analyzers/postmortem-analyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor PM0002SyncWaitInAsyncPath = new(
        id: DiagnosticIds.SyncWaitInAsyncPath,
        title: "Synchronous wait on a task in an async path",
        messageFormat: "'{0}' blocks a thread until {1} inside {2}; await it instead: threads blocked this way starve the thread pool under load and deadlock under a synchronization context",
        category: DiagnosticCategories.Async,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Task.Result, Task.Wait, GetAwaiter().GetResult(), Task.WaitAll and Task.WaitAny hold a thread until a task completes. "
            + "In an async path that thread is a thread-pool thread the code could have given back; under load the pool runs dry and every request waits for new threads. "
            + "Under a synchronization context that only one thread can enter, the wait can deadlock. Await the task instead.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SyncWaitInAsyncPath + ".md");

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

    /// <summary>Every descriptor the package ships, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        PM0002SyncWaitInAsyncPath,
        PM0003HttpClientPerOperation,
        PM0008DbContextCapturedByLongLivedObject,
        PM0012ThirtyTwoBitIdentityKey);
}
