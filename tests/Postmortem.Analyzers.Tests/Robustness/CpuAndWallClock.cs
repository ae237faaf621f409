using System.Diagnostics;

namespace Postmortem.Analyzers.Tests.Robustness;

/// <summary>
/// Elapsed wall-clock time and the process's CPU time: on a busy machine the wall clock says little, and CPU time
/// (which includes other tests running in parallel) bounds the cost from above.
/// </summary>
internal sealed class CpuAndWallClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    public static CpuAndWallClock Start() => new();

    public override string ToString()
        => $"{_wall.ElapsedMilliseconds} ms wall clock, {(Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalMilliseconds:F0} ms CPU";
}
