using System.Reflection;

namespace Postmortem.Analyzers.EndToEnd.Infrastructure;

/// <summary>Facts about the build that produced these tests, recorded as assembly metadata by the project file.</summary>
internal static class BuildInfo
{
    public static string RepositoryRoot { get; } = Read("RepositoryRoot");

    /// <summary>The configuration the package's assemblies were built in alongside the tests.</summary>
    public static string Configuration { get; } = Read("Configuration");

    /// <summary>The product version; packages built by the tests get a unique prerelease label on top of it.</summary>
    public static string Version { get; } = Read("Version");

    private static string Read(string key)
        => typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
           ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");
}
