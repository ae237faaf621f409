using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers;

/// <summary>The one registry of diagnostic descriptors: a property per rule.</summary>
public static class Descriptors
{
    public const string HelpLinkBase = "https://github.com/postmortem-analyzers/postmortem-analyzers/blob/main/docs/rules/";

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

    /// <summary>Every descriptor the package ships, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        PM0003HttpClientPerOperation);
}
