namespace Postmortem.Analyzers;

/// <summary>The category strings of the rule catalog. Every descriptor uses one of these.</summary>
public static class DiagnosticCategories
{
    public const string Async = "Async";
    public const string Resources = "Resources";
    public const string Data = "Data";
    public const string Messaging = "Messaging";
    public const string Resilience = "Resilience";
    public const string Caching = "Caching";
    public const string Concurrency = "Concurrency";
    public const string Security = "Security";
    public const string Cost = "Cost";

    public static readonly string[] All = { Async, Resources, Data, Messaging, Resilience, Caching, Concurrency, Security, Cost };
}
