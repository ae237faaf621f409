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

    /// <summary>Every descriptor the package ships, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        PM0002SyncWaitInAsyncPath,
        PM0003HttpClientPerOperation,
        PM0011UnsafeMigration);
}
