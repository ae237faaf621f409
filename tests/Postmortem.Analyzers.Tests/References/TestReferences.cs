using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Testing;

namespace Postmortem.Analyzers.Tests.References;

/// <summary>
/// The reference-assembly sets test compilations use: real framework and NuGet packages, resolved from
/// the global packages folder that restore filled (every package here is a PackageDownload of the test
/// project), through a NuGet configuration whose only source is that folder. Tests never use the network.
/// </summary>
public static class TestReferences
{
    private static readonly Lazy<string> s_offlineNuGetConfig = new(WriteOfflineNuGetConfig);

    /// <summary>.NET 8 (the oldest supported target our users build for) with no extra packages.</summary>
    public static ReferenceAssemblies Net80 { get; } = new ReferenceAssemblies(
            "net8.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"),
            Path.Combine("ref", "net8.0"))
        .WithNuGetConfigFilePath(s_offlineNuGetConfig.Value);

    /// <summary>.NET 8 plus the ASP.NET Core shared framework (MVC, Razor Pages, SignalR, DI, Microsoft.Extensions.Http).</summary>
    public static ReferenceAssemblies AspNetCore80 { get; } = Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.28")));

    /// <summary>ASP.NET Core plus Grpc.Core.Api: the <c>[BindServiceMethod]</c> attribute that generated gRPC service bases carry.</summary>
    public static ReferenceAssemblies Grpc80 { get; } = AspNetCore80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Grpc.Core.Api", "2.84.0")));

    /// <summary>.NET 8 plus xunit's attributes (<c>[Fact]</c>, <c>[Theory]</c>).</summary>
    public static ReferenceAssemblies XUnit80 { get; } = Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("xunit.extensibility.core", "2.9.3")));

    /// <summary>.NET 8 plus NUnit 4 (<c>[Test]</c>, <c>[TestCase]</c>, <c>[TestFixture]</c>).</summary>
    public static ReferenceAssemblies NUnit80 { get; } = Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("NUnit", "4.2.2")));

    /// <summary>.NET 8 plus MSTest 3 (<c>[TestMethod]</c>, <c>[TestClass]</c>).</summary>
    public static ReferenceAssemblies MSTest80 { get; } = Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("MSTest.TestFramework", "3.8.3")));

    /// <summary>A Blazor WebAssembly app: .NET 8 plus Microsoft.AspNetCore.Components.WebAssembly (WebAssemblyHostBuilder) and its dependencies.</summary>
    public static ReferenceAssemblies BlazorWebAssembly80 { get; } = Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.Components.WebAssembly", "8.0.34")));

    public static string NuGetPackageRoot { get; } = ReadMetadata("NuGetPackageRoot");

    public static string RepositoryRoot { get; } = ReadMetadata("RepositoryRoot");

    private static string ReadMetadata(string key)
        => typeof(TestReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
           ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");

    private static string WriteOfflineNuGetConfig()
    {
        var root = ReadMetadata("NuGetPackageRoot");
        var directory = Path.Combine(Path.GetTempPath(), "postmortem-analyzers-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "nuget.offline.config");
        var content = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{root}" />
              </config>
              <packageSources>
                <clear />
                <add key="restored" value="{root}" />
              </packageSources>
            </configuration>
            """;
        File.WriteAllText(path, content);
        return path;
    }
}
