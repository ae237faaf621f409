using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Postmortem.Analyzers.Benchmarks;

/// <summary>The command line (see <see cref="Program"/>).</summary>
internal sealed class Options
{
    public IReadOnlyList<string> Arguments { get; private init; } = [];

    public IReadOnlyList<int> Lines { get; private set; } = [100_000];

    public string? SourceFolder { get; private set; }

    public int Seed { get; private set; } = 20261123;

    public bool Compare { get; private set; }

    public int? CompareMaxLines { get; private set; }

    public int Runs { get; private set; } = 3;

    public int AnalyzerRuns { get; private set; } = 2;

    public string AnalyzerDll { get; private set; } = Path.Combine(AppContext.BaseDirectory, "analyzers", "Postmortem.Analyzers", "Postmortem.Analyzers.dll");

    public string? WriteSources { get; private set; }

    public string? ReportPath { get; private set; }

    public int? TableLines { get; private set; }

    public bool Check { get; private set; }

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public static Options Parse(string[] args)
    {
        var options = new Options { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number");

            switch (args[i])
            {
                case "--lines":
                    options.Lines = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--lines: '{v}' is not a positive number"))
                        .ToList();
                    break;
                case "--source":
                    options.SourceFolder = Value();
                    break;
                case "--seed":
                    options.Seed = Number();
                    break;
                case "--compare":
                    options.Compare = true;
                    break;
                case "--compare-max-lines":
                    options.CompareMaxLines = Number();
                    break;
                case "--runs":
                    options.Runs = Number();
                    break;
                case "--analyzer-runs":
                    options.AnalyzerRuns = Number();
                    break;
                case "--analyzer-dll":
                    options.AnalyzerDll = Path.GetFullPath(Value());
                    break;
                case "--write-sources":
                    options.WriteSources = Path.GetFullPath(Value());
                    break;
                case "--report":
                    options.ReportPath = Path.GetFullPath(Value());
                    break;
                case "--table-lines":
                    options.TableLines = Number();
                    break;
                case "--check":
                    options.Check = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return options;
    }

    /// <summary>The folder holding Analyzers.sln, above the working directory or above this program.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
