using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
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
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MetadataReference[]> s_libraries = new();
    private static readonly string[] s_libraryFolders = ["net8.0", "net7.0", "net6.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0"];

    /// <summary>.NET 8 (the oldest supported target our users build for) with no extra packages.</summary>
    public static ReferenceAssemblies Net80 { get; } = NewNet80();

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

    private static readonly (string Id, string Version)[] s_efCore =
    [
        ("Microsoft.EntityFrameworkCore", "8.0.33"),
        ("Microsoft.EntityFrameworkCore.Abstractions", "8.0.33"),
        ("Microsoft.EntityFrameworkCore.Relational", "8.0.33"),
        ("Microsoft.Extensions.Caching.Abstractions", "8.0.0"),
        ("Microsoft.Extensions.Caching.Memory", "8.0.1"),
        ("Microsoft.Extensions.Configuration.Abstractions", "8.0.0"),
        ("Microsoft.Extensions.DependencyInjection", "8.0.1"),
        ("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.2"),
        ("Microsoft.Extensions.Logging", "8.0.1"),
        ("Microsoft.Extensions.Logging.Abstractions", "8.0.2"),
        ("Microsoft.Extensions.Options", "8.0.2"),
        ("Microsoft.Extensions.Primitives", "8.0.0"),
    ];

    private static readonly (string Id, string Version)[] s_sqlServer =
    [
        ("Microsoft.EntityFrameworkCore.SqlServer", "8.0.33"),
        ("Microsoft.Data.SqlClient", "5.1.9"),
    ];

    private static readonly (string Id, string Version)[] s_npgsql =
    [
        ("Npgsql.EntityFrameworkCore.PostgreSQL", "8.0.11"),
        ("Npgsql", "8.0.9"),
    ];

    private static readonly (string Id, string Version)[] s_otherData =
    [
        ("Dapper", "2.1.86"),
        ("Microsoft.Data.Sqlite.Core", "8.0.34"),
        ("SQLitePCLRaw.core", "2.1.13"),
        ("StackExchange.Redis", "2.8.16"),
        ("Pipelines.Sockets.Unofficial", "2.2.8"),
    ];

    private static readonly (string Id, string Version)[] s_caching10 =
    [
        ("Microsoft.Extensions.Caching.Abstractions", "10.0.14"),
        ("Microsoft.Extensions.Caching.Memory", "10.0.14"),
        ("Microsoft.Extensions.Caching.Hybrid", "10.11.0"),
        ("Microsoft.Extensions.DependencyInjection.Abstractions", "10.0.14"),
        ("Microsoft.Extensions.Logging.Abstractions", "10.0.14"),
        ("Microsoft.Extensions.Options", "10.0.14"),
        ("Microsoft.Extensions.Primitives", "10.0.14"),
        ("ZiggyCreatures.FusionCache", "2.9.0"),
    ];

    private static readonly (string Id, string Version)[] s_messaging =
    [
        ("MassTransit.Abstractions", "9.2.6"),
        ("Rebus", "8.9.5"),
        ("RabbitMQ.Client", "7.2.2"),
        ("Confluent.Kafka", "2.16.0"),
        ("AWSSDK.SQS", "4.0.100.25"),
        ("AWSSDK.Core", "4.0.102.19"),
        ("Hangfire.Core", "1.8.25"),
        ("Stripe.net", "53.1.0"),
        ("Newtonsoft.Json", "13.0.4"),
    ];

    /// <summary>
    /// Message brokers and job runners (MassTransit, Rebus, RabbitMQ.Client, Confluent.Kafka, AWS SQS, Hangfire) with EF Core,
    /// StackExchange.Redis, Microsoft.Extensions.Caching and Stripe.net: the handlers PM0006 finds and the effects they repeat.
    /// </summary>
    public static ReferenceAssemblies Messaging80 { get; } = WithLibraries(nameof(Messaging80), [.. s_efCore, .. s_otherData, .. s_messaging]);

    /// <summary>.NET 8 plus Microsoft.Extensions.Caching 10 (IDistributedCache, IMemoryCache, HybridCache) and FusionCache.</summary>
    public static ReferenceAssemblies Caching80 { get; } = WithLibraries(nameof(Caching80), s_caching10);

    /// <summary>.NET 8 plus EF Core relational (no provider): DbContext, DbSet, migrations, ExecuteUpdate/ExecuteDelete.</summary>
    public static ReferenceAssemblies EfCore80 { get; } = WithLibraries(nameof(EfCore80), s_efCore);

    /// <summary>.NET 8 plus EF Core with the SQL Server provider (and Microsoft.Data.SqlClient).</summary>
    public static ReferenceAssemblies EfSqlServer80 { get; } = WithLibraries(nameof(EfSqlServer80), [.. s_efCore, .. s_sqlServer]);

    /// <summary>.NET 8 plus EF Core with the PostgreSQL provider (and Npgsql).</summary>
    public static ReferenceAssemblies EfNpgsql80 { get; } = WithLibraries(nameof(EfNpgsql80), [.. s_efCore, .. s_npgsql]);

    /// <summary>
    /// Every data-access library the Async and Data rules know: EF Core with both providers, Microsoft.Data.SqlClient,
    /// Npgsql, Dapper, Microsoft.Data.Sqlite, StackExchange.Redis and Microsoft.Extensions.Caching.
    /// </summary>
    public static ReferenceAssemblies Data80 { get; } = WithLibraries(nameof(Data80), [.. s_efCore, .. s_sqlServer, .. s_npgsql, .. s_otherData]);

    private static readonly (string Id, string Version)[] s_externalServices =
    [
        ("MassTransit", "9.2.6"),
        ("MassTransit.Abstractions", "9.2.6"),
        ("Confluent.Kafka", "2.16.0"),
        ("MailKit", "4.18.2"),
        ("MimeKit", "4.18.2"),
        ("Grpc.Core.Api", "2.84.0"),
        ("RabbitMQ.Client", "7.2.2"),
        ("OpenAI", "2.15.0"),
        ("System.ClientModel", "1.16.0"),
        ("Microsoft.Extensions.AI.Abstractions", "10.5.0"),
        ("SendGrid", "9.29.3"),
        ("AWSSDK.Core", "4.0.101.1"),
        ("AWSSDK.SQS", "4.0.100.25"),
    ];

    /// <summary>
    /// An ASP.NET Core app (SignalR, Identity's IEmailSender) with every data-access library of <see cref="Data80"/> and the
    /// clients of external services: MassTransit, Confluent.Kafka, MailKit, gRPC, RabbitMQ, OpenAI, Microsoft.Extensions.AI,
    /// SendGrid and the AWS SQS client.
    /// </summary>
    public static ReferenceAssemblies ExternalServices80 { get; } = WithLibraries(nameof(ExternalServices80), [.. s_efCore, .. s_sqlServer, .. s_npgsql, .. s_otherData, .. s_externalServices], AspNetCore80);

    private static readonly (string Id, string Version)[] s_pooledClients =
    [
        ("MongoDB.Driver", "3.14.0"),
        ("MongoDB.Bson", "3.14.0"),
        ("Microsoft.Azure.Cosmos", "3.64.0"),
        ("Grpc.Net.Client", "2.85.0"),
        ("Grpc.Net.Common", "2.85.0"),
        ("RestSharp", "114.1.0"),
    ];

    /// <summary>
    /// <see cref="ExternalServices80"/> plus the clients that own connection pools: MongoDB, Cosmos DB, gRPC channels and
    /// RestSharp (Redis, Npgsql, RabbitMQ and the AWS SDK are already there).
    /// </summary>
    public static ReferenceAssemblies PooledClients80 { get; } = WithLibraries(nameof(PooledClients80), [.. s_efCore, .. s_sqlServer, .. s_npgsql, .. s_otherData, .. s_externalServices, .. s_pooledClients], AspNetCore80);

    /// <summary>
    /// An ASP.NET Core app with EF Core (no provider): the shared framework's hosting and dependency injection
    /// (BackgroundService, IServiceCollection) plus DbContext and AddDbContext.
    /// </summary>
    public static ReferenceAssemblies EfAspNetCore80 { get; } = WithLibraries(nameof(EfAspNetCore80), s_efCore, AspNetCore80);

    /// <summary>Everything a compilation built by hand needs for <paramref name="references"/>: framework, packages and libraries.</summary>
    public static async Task<ImmutableArray<MetadataReference>> ResolveAllAsync(ReferenceAssemblies references)
    {
        // Test classes resolve in parallel and the resolver extracts into a shared folder: retry a transient file clash.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await references.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(LibrariesOf(references));
            }
            catch (IOException) when (attempt < 3)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    /// <summary>
    /// The package libraries a preset made by <see cref="WithLibraries"/> adds to its framework. Verifiers add them
    /// to the test compilation (<c>TestState.AdditionalReferences</c>).
    /// </summary>
    public static ImmutableArray<MetadataReference> LibrariesOf(ReferenceAssemblies references)
        => references.NuGetConfigFilePath is { } config && s_libraries.TryGetValue(config, out var libraries) ? [.. libraries] : [];

    /// <summary>
    /// A preset whose packages are referenced directly from the global packages folder, exactly at the versions
    /// listed (dependency closure included by hand). Packages whose dependency ranges NuGet's resolver cannot
    /// settle offline (EF Core providers, SqlClient) are referenced this way instead of with AddPackages.
    /// </summary>
    private static ReferenceAssemblies WithLibraries(string name, (string Id, string Version)[] packages, ReferenceAssemblies? framework = null)
    {
        // ReferenceAssemblies instances with equal settings are shared, so each preset gets its own copy of the
        // offline configuration: that path identifies the preset and its libraries.
        var config = Path.ChangeExtension(s_offlineNuGetConfig.Value, name + ".config");
        File.Copy(s_offlineNuGetConfig.Value, config, overwrite: true);
        var preset = (framework ?? NewNet80()).WithNuGetConfigFilePath(config);
        var root = ReadMetadata("NuGetPackageRoot");
        var references = new List<MetadataReference>();
        foreach (var (id, version) in packages)
        {
            var lib = Path.Combine(root, id.ToLowerInvariant(), version, "lib");
            var folder = s_libraryFolders.Select(tfm => Path.Combine(lib, tfm)).FirstOrDefault(Directory.Exists)
                ?? throw new InvalidOperationException($"Package {id} {version} has no library for .NET 8 under {lib}; is it a PackageDownload of the test project?");
            foreach (var dll in Directory.GetFiles(folder, "*.dll"))
            {
                references.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        s_libraries[preset.NuGetConfigFilePath!] = [.. references];
        return preset;
    }

    private static ReferenceAssemblies NewNet80()
        => new ReferenceAssemblies("net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"), Path.Combine("ref", "net8.0"))
            .WithNuGetConfigFilePath(s_offlineNuGetConfig.Value);

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
