using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Postmortem.Analyzers.Benchmarks;

/// <summary>
/// Whole-compilation benchmark of the analyzers. Usage (from the repository root):
/// <code>
/// dotnet run -c Release --project benchmarks/Postmortem.Analyzers.Benchmarks -- [options]
///   --lines 10000,100000      sizes of generated input, in lines (default 100000)
///   --source DIR              measure the .cs files of DIR instead (planted lines found by their marker)
///   --seed N                  generator seed (default 20261123)
///   --compare                 also measure the packages of benchmarks/ComparisonPackages, each in its own pass
///   --compare-max-lines N     measure those packages only up to this size
///   --runs N                  compiler passes, best kept (default 3)
///   --analyzer-runs N         analyzer passes per package, best kept (default 2)
///   --analyzer-dll PATH       our analyzer assembly (default: the copy next to this program)
///   --write-sources DIR       also write the generated sources to DIR
///   --report FILE             write the Markdown report (and FILE's folder/performance-scaling.svg)
///   --table-lines N           the size shown in the report's per-rule table (default: the one nearest 100000)
///   --check                   exit 1 unless our analyzers throw nothing, find every planted incident and nothing else,
///                             and the input compiles without errors
/// </code>
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }

        var machine = MachineInfo.Capture();
        Console.WriteLine($"Machine: {machine.Summary}");

        var (references, folders) = ReferencePacks.Load();
        Console.WriteLine($"References: {references.Count} assemblies from {string.Join(", ", folders)}");

        var sets = new List<AnalyzerSet> { AnalyzerSets.Ours(options.AnalyzerDll) };
        if (options.Compare)
        {
            sets.AddRange(AnalyzerSets.FromPackageDownloads(Path.Combine(options.RepositoryRoot, "benchmarks", "ComparisonPackages", "ComparisonPackages.csproj")));
        }

        foreach (var set in sets)
        {
            Console.WriteLine($"Analyzers: {set.Name} {set.Version}: {set.Analyzers.Length} C# analyzers from {string.Join(", ", set.Assemblies.Select(Path.GetFileName))}");
            if (set.Analyzers.IsEmpty)
            {
                Console.Error.WriteLine($"error: no analyzer loaded from {set.Name}");
                return 1;
            }
        }

        var measurement = new Measurement(references);
        var results = new List<SizeResult>();
        var inputs = options.SourceFolder is { } folder
            ? [(0, ReadFolder(folder))]
            : options.Lines.Select(lines => (lines, Generate(options, lines)));
        foreach (var (target, sources) in inputs)
        {
            var lines = sources.Sum(s => CountLines(s.Text));
            var planted = sources.Sum(s => s.Planted.Count);
            Console.WriteLine();
            Console.WriteLine($"== {lines:N0} lines in {sources.Count:N0} files, {planted} planted incidents ==");

            var compilerMs = measurement.MeasureCompiler(sources, options.Runs, out var errors);
            Console.WriteLine($"Compiler (parse + bind, best of {options.Runs}): {compilerMs:N0} ms, {errors.Count} errors");
            foreach (var error in errors.Take(10))
            {
                Console.WriteLine($"  {error}");
            }

            var packages = new List<PackageResult>();
            foreach (var set in sets)
            {
                if (!set.IsOurs && options.CompareMaxLines is { } max && lines > max)
                {
                    Console.WriteLine($"{set.Name}: skipped above {max:N0} lines");
                    continue;
                }

                var result = await measurement.MeasureAnalyzersAsync(set, sources, options.AnalyzerRuns).ConfigureAwait(false);
                packages.Add(result);
                Console.WriteLine($"{set.Name} {set.Version}: {result.Milliseconds:N0} ms in analyzers ({Percent(result.Milliseconds, compilerMs)} of the compiler), pass {result.WallMilliseconds:N0} ms wall, {result.Diagnostics} diagnostics, {result.Exceptions.Count} analyzer exceptions");
                foreach (var analyzer in result.PerAnalyzer.Take(set.IsOurs ? int.MaxValue : 5))
                {
                    Console.WriteLine($"  {analyzer.Name} [{Shorten(analyzer.Ids)}]: {analyzer.Milliseconds:N1} ms");
                }

                foreach (var exception in result.Exceptions.Take(10))
                {
                    Console.WriteLine($"  exception: {exception}");
                }

                if (result.Recall is { } recall)
                {
                    Console.WriteLine($"  recall: {recall.Found}/{recall.Planted} planted incidents, {recall.FalsePositives.Count} false positives");
                    foreach (var line in recall.Missed.Take(10))
                    {
                        Console.WriteLine($"  missed: {line}");
                    }

                    foreach (var line in recall.FalsePositives.Take(10))
                    {
                        Console.WriteLine($"  false positive: {line}");
                    }
                }
            }

            results.Add(new SizeResult(target, lines, sources.Count, planted, compilerMs, errors, packages));
        }

        if (options.ReportPath is { } reportPath)
        {
            Report.Write(reportPath, options, machine, sets, results);
            Console.WriteLine();
            Console.WriteLine($"Report written to {reportPath}");
        }

        if (options.Check)
        {
            var failures = Check(results);
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"error: {failure}");
            }

            Console.WriteLine(failures.Count == 0 ? "Check passed." : "Check failed.");
            return failures.Count == 0 ? 0 : 1;
        }

        return 0;
    }

    private static List<string> Check(List<SizeResult> results)
    {
        var failures = new List<string>();
        foreach (var size in results)
        {
            if (size.CompilerErrors.Count > 0)
            {
                failures.Add($"{size.Lines:N0} lines: the input has {size.CompilerErrors.Count} compiler errors");
            }

            foreach (var package in size.Packages.Where(p => p.Set.IsOurs))
            {
                if (package.Exceptions.Count > 0)
                {
                    failures.Add($"{size.Lines:N0} lines: {package.Exceptions.Count} analyzer exceptions");
                }

                if (package.Recall is not { Perfect: true } recall)
                {
                    failures.Add($"{size.Lines:N0} lines: recall {package.Recall?.Found}/{package.Recall?.Planted}, {package.Recall?.FalsePositives.Count} false positives");
                }
            }
        }

        return failures;
    }

    private static List<SourceFile> Generate(Options options, int lines)
    {
        var files = new CodeGenerator(options.Seed).Generate(lines);
        var sources = files.Select(f => new SourceFile(f.Path, f.Text, f.Planted)).ToList();
        if (options.WriteSources is { } folder)
        {
            var target = Path.Combine(folder, lines.ToString(CultureInfo.InvariantCulture));
            foreach (var file in files)
            {
                var path = Path.Combine(target, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }
        }

        return sources;
    }

    /// <summary>Every .cs file under <paramref name="folder"/>; a line ending with <c>// planted: PMnnnn</c> is a planted incident.</summary>
    private static List<SourceFile> ReadFolder(string folder)
    {
        var sources = new List<SourceFile>();
        foreach (var path in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            var planted = new List<(int, string)>();
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = lines[i].IndexOf(CodeGenerator.PlantedMarker, StringComparison.Ordinal);
                if (marker >= 0)
                {
                    planted.Add((i + 1, lines[i][(marker + CodeGenerator.PlantedMarker.Length)..].Trim()));
                }
            }

            sources.Add(new SourceFile(relative, text, planted));
        }

        return sources;
    }

    private static int CountLines(string text) => text.Count(c => c == '\n');

    internal static string Percent(double part, double whole) => (100 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    internal static string Shorten(string ids) => ids.Length <= 40 ? ids : ids[..37] + "...";
}
