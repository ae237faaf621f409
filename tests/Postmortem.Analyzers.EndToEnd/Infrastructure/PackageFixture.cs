namespace Postmortem.Analyzers.EndToEnd.Infrastructure;

/// <summary>
/// Packs Postmortem.Analyzers once per test run into a local feed, under a version no earlier run used, and
/// prepares a scratch directory whose consumer projects restore it from that feed into their own global
/// packages folder: no NuGet cache can serve stale bits. One instance serves every test class, so classes
/// that build different consumers run in parallel; the scratch directory is deleted when the run ends.
/// </summary>
public sealed class PackageFixture
{
    public const string PackageId = "Postmortem.Analyzers";

    private const string ScratchPrefix = "postmortem-e2e-";
    private const string OwnerFileName = "owner.pid";

    private static readonly Lazy<PackageFixture> s_instance = new(() => new PackageFixture(), LazyThreadSafetyMode.ExecutionAndPublication);

    private PackageFixture()
    {
        Version = $"{BuildInfo.Version}-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        DeleteAbandonedScratchDirectories();
        Root = Directory.CreateTempSubdirectory(ScratchPrefix).FullName;
        File.WriteAllText(Path.Combine(Root, OwnerFileName), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteDirectory(Root);
        FeedDirectory = Path.Combine(Root, "feed");
        PackagesDirectory = Path.Combine(Root, "packages");

        // The package project and the analyzers were built with the tests (a ProjectReference of this project).
        PackResult = DotNetCli.Run(BuildInfo.RepositoryRoot, new[]
        {
            "pack", PackageProjectPath,
            "--configuration", BuildInfo.Configuration,
            "--no-build",
            "--output", FeedDirectory,
            "-p:PackageVersion=" + Version,
            "-nodeReuse:false",
            "-tl:off",
        });
        NupkgPath = Path.Combine(FeedDirectory, $"{PackageId}.{Version}.nupkg");
        if (PackResult.ExitCode != 0 || !File.Exists(NupkgPath))
        {
            throw new InvalidOperationException($"Packing {PackageId} failed; expected {NupkgPath}.{Environment.NewLine}{PackResult}");
        }

        WriteScratchRoot();
    }

    /// <summary>The pack of this test run; a failed pack fails every test with the pack's output.</summary>
    public static PackageFixture Instance => s_instance.Value;

    public static string PackageProjectPath { get; } = Path.Combine(BuildInfo.RepositoryRoot, "src", "Package", "Postmortem.Analyzers.Package.csproj");

    /// <summary>The package version packed for this run: the product version plus a unique prerelease label.</summary>
    public string Version { get; }

    /// <summary>The scratch directory: feed, global packages folder and consumer projects. Deleted when the run ends.</summary>
    public string Root { get; }

    public string FeedDirectory { get; }

    public string PackagesDirectory { get; }

    public string NupkgPath { get; }

    public CommandResult PackResult { get; }

    /// <summary>
    /// The test host may be stopped before its exit handlers run: scratch directories whose test process is
    /// gone are deleted by the next run. Directories of runs still going are left alone.
    /// </summary>
    private static void DeleteAbandonedScratchDirectories()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), ScratchPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFileName);
            var abandoned = File.Exists(owner)
                ? !int.TryParse(File.ReadAllText(owner), out var processId) || !IsRunning(processId)
                : Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddHours(-1);
            if (abandoned)
            {
                DeleteDirectory(directory);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the next run tries again.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Files that isolate the consumers from whatever surrounds the temp folder: the repository's SDK policy,
    /// no inherited Directory.Build.* or .editorconfig, and a NuGet configuration with the local feed first.
    /// </summary>
    private void WriteScratchRoot()
    {
        File.Copy(Path.Combine(BuildInfo.RepositoryRoot, "global.json"), Path.Combine(Root, "global.json"));
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(Root, name), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(Root, ".editorconfig"), "root = true\n");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{PackagesDirectory}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="{PackageId}" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }
}
