namespace Postmortem.Analyzers.EndToEnd.Infrastructure;

/// <summary>
/// A class library that references the packed Postmortem.Analyzers the way users do, with one source file that
/// creates an HttpClient per call.
/// </summary>
public sealed class ConsumerProject
{
    public const string SourceFileName = "Fetcher.cs";

    public const string HttpClientCreation = "new HttpClient()";

    public const string Source = """
        namespace Consumer;

        public sealed class Fetcher
        {
            public async Task<string> GetAsync(string url)
            {
                using var client = new HttpClient();
                return await client.GetStringAsync(url);
            }
        }
        """;

    private bool _restored;

    private ConsumerProject(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string ProjectPath => Path.Combine(Directory, "Consumer.csproj");

    public string SourcePath => Path.Combine(Directory, SourceFileName);

    /// <summary>Where PM0003 must be reported: the 1-based line and column of <see cref="HttpClientCreation"/> in <see cref="Source"/>.</summary>
    public static (int Line, int Column) ExpectedLocation { get; } = LocationOf(Source, HttpClientCreation);

    /// <summary>Creates <c>Consumer.csproj</c> in a new directory <paramref name="name"/> of the scratch root.</summary>
    /// <param name="fixture">The pack whose version the project references.</param>
    /// <param name="name">The directory name, unique per test.</param>
    /// <param name="extraProperties">MSBuild properties added to the project file, as XML elements.</param>
    public static ConsumerProject Create(PackageFixture fixture, string name, string extraProperties = "")
    {
        var directory = Path.Combine(fixture.Root, name);
        System.IO.Directory.CreateDirectory(directory);
        var project = new ConsumerProject(directory);
        File.WriteAllText(project.ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageFixture.PackageId}" Version="{fixture.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(project.SourcePath, Source);
        return project;
    }

    public CommandResult Restore()
    {
        var result = DotNetCli.Run(Directory, new[] { "restore", ProjectPath, "-nodeReuse:false", "-tl:off" });
        _restored = result.ExitCode == 0;
        return result;
    }

    /// <summary>
    /// Builds from scratch (a rebuild: analyzers only report when the compiler runs), restoring first unless
    /// the project was restored already.
    /// </summary>
    public CommandResult Build(params string[] options)
    {
        var arguments = new List<string> { "build", ProjectPath, "--no-incremental", "-nodeReuse:false", "-tl:off" };
        if (_restored)
        {
            arguments.Add("--no-restore");
        }

        arguments.AddRange(options);
        var result = DotNetCli.Run(Directory, arguments);
        _restored |= result.ExitCode == 0;
        return result;
    }

    /// <summary>Runs <c>dotnet format &lt;subcommand&gt; Consumer.csproj &lt;options&gt;</c>.</summary>
    public CommandResult Format(string subcommand, params string[] options)
    {
        var arguments = new List<string> { "format", subcommand, ProjectPath };
        arguments.AddRange(options);
        return DotNetCli.Run(Directory, arguments);
    }

    public string ReadSource() => File.ReadAllText(SourcePath);

    public void WriteFile(string relativePath, string content) => File.WriteAllText(Path.Combine(Directory, relativePath), content);

    private static (int Line, int Column) LocationOf(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new ArgumentException($"'{fragment}' is not in the source.", nameof(fragment));
        }

        var before = text[..index].Replace("\r\n", "\n", StringComparison.Ordinal);
        var line = before.Count(c => c == '\n') + 1;
        var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
