namespace Postmortem.Analyzers.CodeFixes;

/// <summary>Code action equivalence keys: stable, public, reused by tests. Never titles.</summary>
public static class EquivalenceKeys
{
    public const string PM0001AwaitCounterpart = "PM0001.AwaitCounterpart";
    public const string PM0002Await = "PM0002.Await";
    public const string PM0003UseFactory = "PM0003.UseFactory";
    public const string PM0003UseStaticClient = "PM0003.UseStaticClient";
    public const string PM0004UseStaticClient = "PM0004.UseStaticClient";
    public const string PM0005MoveAfterCommit = "PM0005.MoveAfterCommit";
    public const string PM0006RedisGuard = "PM0006.RedisGuard";
    public const string PM0006DistributedCacheGuard = "PM0006.DistributedCacheGuard";
    public const string PM0007PrefixTenant = "PM0007.PrefixTenant";
    public const string PM0008UseScoped = "PM0008.UseScoped";
    public const string PM0008UseFactory = "PM0008.UseFactory";
    public const string PM0009MoveSaveChangesAfterLoop = "PM0009.MoveSaveChangesAfterLoop";
    public const string PM0012UseLong = "PM0012.UseLong";
    public const string PM0011CreateIndexConcurrently = "PM0011.CreateIndexConcurrently";
    public const string PM0011CreateIndexOnline = "PM0011.CreateIndexOnline";
    public const string PM0011AddColumnNullable = "PM0011.AddColumnNullable";
}
