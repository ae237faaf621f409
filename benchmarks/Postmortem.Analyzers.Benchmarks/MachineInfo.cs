using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Benchmarks;

/// <summary>The machine a run happened on, captured before anything is measured.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime, string Roslyn, string LoadAverage, DateTimeOffset Started)
{
    public string Summary => $"{Cores} cores ({Cpu}), {MemoryGiB:0.#} GiB, {Os}, {Runtime}, Roslyn {Roslyn}, load average {LoadAverage}";

    public static MachineInfo Capture()
    {
        var cpu = ReadFirst("/proc/cpuinfo", line => line.StartsWith("model name", StringComparison.Ordinal) ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : null)
            ?? RuntimeInformation.ProcessArchitecture.ToString();
        var load = CurrentLoadAverage();
        var roslyn = typeof(Compilation).Assembly.GetName().Version?.ToString(3) ?? "?";
        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            roslyn,
            load,
            DateTimeOffset.UtcNow);
    }

    /// <summary>The 1, 5 and 15 minute load averages, where the system tells them.</summary>
    public static string CurrentLoadAverage()
        => File.Exists("/proc/loadavg")
            ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "n/a";

    private static string? ReadFirst(string path, Func<string, string?> select)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path).Select(select).FirstOrDefault(value => value is not null);
    }
}
