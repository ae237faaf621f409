using System.Collections.Generic;
using System.Collections.Immutable;

namespace Postmortem.Analyzers.Options;

/// <summary>Every option the package reads. Rule pages document the ones that apply to them (a test checks).</summary>
public static class OptionCatalog
{
    public const string Prefix = "postmortem.";

    /// <summary>Shared: also analyze test code with the rules that skip it (Resources, Security).</summary>
    public static readonly PostmortemOption IncludeTests = new(
        Prefix + "include_tests",
        "false",
        "Set to true to analyze test code too (test methods and classes, and test projects).");

    /// <summary>Shared: names that identify the tenant besides names containing "Tenant" (PM0007).</summary>
    public static readonly PostmortemOption TenantIdentifiers = new(
        Prefix + "tenant_identifiers",
        "",
        "Names separated by commas or spaces (OrganizationId, Workspace): a type, member, parameter or local whose name contains one of them "
        + "(case-insensitive) identifies the tenant, like a name containing \"Tenant\". They also make the code multi-tenant.");

    /// <summary>PM0011: the database the migrations run against, when the referenced EF Core providers do not say it.</summary>
    public static readonly PostmortemOption PM0011Database = new(
        Prefix + DiagnosticIds.UnsafeMigration + ".database",
        "auto",
        "The database the migrations run against: postgresql, sqlserver, or auto (from the EF Core providers the project references; "
        + "with both referenced, an index is accepted when it has either provider's concurrent or online annotation).",
        DiagnosticIds.UnsafeMigration);

    /// <summary>PM0006: more names that show a handler deduplicates messages, beyond Idempotent, Inbox, Dedup and Processed.</summary>
    public static readonly PostmortemOption PM0006IdempotencyMarkers = new(
        Prefix + DiagnosticIds.NonIdempotentMessageHandler + ".idempotency_markers",
        "",
        "Names separated by commas or spaces (AlreadyHandled, OnceOnly): a type, attribute, method or member whose name contains one of them "
        + "(case-insensitive) and that the handler uses counts as idempotency evidence, like the built-in Idempotent, Inbox, Dedup and Processed.",
        DiagnosticIds.NonIdempotentMessageHandler);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PostmortemOption> s_excludedSymbols = new(System.StringComparer.Ordinal);

    /// <summary>The per-rule option every rule supports: symbols the rule never reports on (one instance per rule).</summary>
    public static PostmortemOption ExcludedSymbols(string ruleId) => s_excludedSymbols.GetOrAdd(ruleId, NewExcludedSymbols);

    private static PostmortemOption NewExcludedSymbols(string ruleId) => new(
        Prefix + ruleId + ".excluded_symbols",
        "",
        "Documentation-comment IDs separated by commas or spaces (M:Ns.Type.Method(System.String,System.Int32), T:Ns.Type, N:Ns, "
        + "M:Ns.Type.ctor for a constructor): symbols the rule never reports on, whether they are the API in question or the code that uses it. "
        + "Config files treat ';' and '#' as the start of a comment, so neither can separate IDs.",
        ruleId);

    /// <summary>PM0001: more methods (or whole types) that block, beyond the built-in knowledge.</summary>
    public static readonly PostmortemOption AdditionalBlockingSymbols = new(
        Prefix + DiagnosticIds.BlockingCallInAsyncPath + ".additional_symbols",
        "",
        "Documentation-comment IDs separated by commas or spaces (M:Ns.Type.Method(System.String), T:Ns.Type for every method of a type): "
        + "methods that block the calling thread, reported like the built-in ones, directly in async paths and buried in synchronous helpers.",
        DiagnosticIds.BlockingCallInAsyncPath);

    /// <summary>The options that apply to a rule: its own, then the shared ones it reads.</summary>
    public static ImmutableArray<PostmortemOption> ForRule(string ruleId)
    {
        var options = new List<PostmortemOption> { ExcludedSymbols(ruleId) };
        if (ruleId == DiagnosticIds.BlockingCallInAsyncPath)
        {
            options.Add(AdditionalBlockingSymbols);
        }

        if (ruleId == DiagnosticIds.NonIdempotentMessageHandler)
        {
            options.Add(PM0006IdempotencyMarkers);
        }

        if (ruleId == DiagnosticIds.UnsafeMigration)
        {
            options.Add(PM0011Database);
        }

        if (ruleId == DiagnosticIds.CacheKeyWithoutTenant)
        {
            options.Add(TenantIdentifiers);
        }

        if (RuleTraits.SkipsTestCode(ruleId))
        {
            options.Add(IncludeTests);
        }

        return options.ToImmutableArray();
    }
}
