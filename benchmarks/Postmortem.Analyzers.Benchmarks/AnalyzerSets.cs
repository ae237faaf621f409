using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Postmortem.Analyzers.Benchmarks;

/// <summary>The analyzers of one package, measured together in one pass.</summary>
internal sealed record AnalyzerSet(string Name, string Version, bool IsOurs, ImmutableArray<DiagnosticAnalyzer> Analyzers, IReadOnlyList<string> Assemblies);

/// <summary>Loads analyzers from assembly paths: ours from the build output, the others from the NuGet global packages folder.</summary>
internal static partial class AnalyzerSets
{
    public static AnalyzerSet Ours(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"Analyzer assembly not found: {assemblyPath} (build the benchmark project, or pass --analyzer-dll).", assemblyPath);
        }

        var version = AssemblyName.GetAssemblyName(assemblyPath).Version?.ToString(3) ?? "?";
        return new AnalyzerSet("Postmortem.Analyzers", version, IsOurs: true, Load([assemblyPath]), [assemblyPath]);
    }

    /// <summary>The packages listed as <c>PackageDownload</c> items in <paramref name="projectPath"/>, from the global packages folder.</summary>
    public static List<AnalyzerSet> FromPackageDownloads(string projectPath)
    {
        var sets = new List<AnalyzerSet>();
        var document = XDocument.Load(projectPath);
        foreach (var item in document.Descendants("PackageDownload"))
        {
            var id = (string?)item.Attribute("Include") ?? throw new InvalidDataException("PackageDownload without Include");
            var version = ((string?)item.Attribute("Version") ?? string.Empty).Trim('[', ']', ' ');
            var packageRoot = Path.Combine(GlobalPackagesFolder(), id.ToLowerInvariant(), version);
            if (!Directory.Exists(packageRoot))
            {
                throw new DirectoryNotFoundException($"{id} {version} is not in the global packages folder ({packageRoot}): run `dotnet restore {projectPath}`.");
            }

            var assemblies = CSharpAnalyzerAssemblies(packageRoot);
            sets.Add(new AnalyzerSet(id, version, IsOurs: false, Load(assemblies), assemblies));
        }

        return sets;
    }

    private static string GlobalPackagesFolder()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// The C# analyzer assemblies of a package: the <c>cs</c> folder under <c>analyzers/</c>; where the package ships one
    /// per Roslyn version (<c>analyzers/dotnet/roslyn4.8/cs</c>), the highest one not newer than the Roslyn we run on.
    /// Code-fix assemblies are left out: only analyzers are measured.
    /// </summary>
    private static List<string> CSharpAnalyzerAssemblies(string packageRoot)
    {
        var roslyn = typeof(Compilation).Assembly.GetName().Version ?? new Version(0, 0);
        var candidates = Directory.GetDirectories(Path.Combine(packageRoot, "analyzers"), "cs", SearchOption.AllDirectories)
            .Select(folder => (Folder: folder, Roslyn: RoslynFolderVersion(folder)))
            .Where(c => c.Roslyn is null || c.Roslyn <= new Version(roslyn.Major, roslyn.Minor))
            .OrderByDescending(c => c.Roslyn ?? new Version(0, 0))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidDataException($"No C# analyzers for Roslyn {roslyn} in {packageRoot}.");
        }

        return Directory.GetFiles(candidates[0].Folder, "*.dll")
            .Where(path => !Path.GetFileName(path).Contains("CodeFix", StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
    }

    private static Version? RoslynFolderVersion(string folder)
    {
        var match = RoslynFolder().Match(folder.Replace('\\', '/'));
        return match.Success ? new Version(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    [GeneratedRegex(@"/roslyn(\d+)\.(\d+)/")]
    private static partial Regex RoslynFolder();

    /// <summary>Every non-abstract <see cref="DiagnosticAnalyzer"/> marked <c>[DiagnosticAnalyzer(LanguageNames.CSharp)]</c>.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> Load(IEnumerable<string> assemblyPaths)
    {
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in assemblyPaths)
        {
            var assembly = Assembly.LoadFrom(Path.GetFullPath(path));
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types;
            }

            foreach (var type in types.OfType<Type>().OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                if (type.IsAbstract || !typeof(DiagnosticAnalyzer).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
                {
                    continue;
                }

                var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>(inherit: false);
                if (attribute is null || !attribute.Languages.Contains(LanguageNames.CSharp))
                {
                    continue;
                }

                analyzers.Add((DiagnosticAnalyzer)Activator.CreateInstance(type)!);
            }
        }

        return analyzers.ToImmutable();
    }
}
