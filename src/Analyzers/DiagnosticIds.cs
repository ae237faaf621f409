namespace Postmortem.Analyzers;

/// <summary>
/// Rule IDs. IDs are stable and never reused; each is defined once here and referenced everywhere else.
/// </summary>
/// <remarks>
/// Ranges follow the order of the rule catalog, not the category: the category of each rule is on its
/// descriptor. PM0001–PM0012 are the core async, resource, data, messaging and caching rules;
/// PM0013–PM0024 messaging, resilience, caching and concurrency; PM0025–PM0029 security, cost, resources
/// and query shape.
/// </remarks>
public static class DiagnosticIds
{
    public const string BlockingCallInAsyncPath = "PM0001";
    public const string SyncWaitInAsyncPath = "PM0002";
    public const string HttpClientPerOperation = "PM0003";
    public const string PooledClientPerOperation = "PM0004";
    public const string TransactionHeldAcrossExternalCall = "PM0005";
    public const string NonIdempotentMessageHandler = "PM0006";
    public const string CacheKeyWithoutTenant = "PM0007";
    public const string DbContextCapturedByLongLivedObject = "PM0008";
    public const string RoundTripInLoop = "PM0009";
    public const string WholeTableWrite = "PM0010";
    public const string ThirtyTwoBitIdentityKey = "PM0012";
    public const string UnsafeMigration = "PM0011";
}
