using System.Collections.Concurrent;
using System.Diagnostics;

namespace Wiber.Simulator;

public sealed record BatchResult(int Seeds, long Ticks, long Committed, long ReadsServed, int Violations, int? FirstFailingSeed, IReadOnlyList<SimulationResult> Failures, TimeSpan Elapsed, int MaxLivenessTicks);

/// <summary>Runs a range of seeds on every core; each seed is independent and deterministic.</summary>
public static class SeedRunner
{
    public static BatchResult Run(int firstSeed, int count, SimulationOptions options, int maxFailuresKept = 5)
    {
        var stopwatch = Stopwatch.StartNew();
        var failures = new ConcurrentBag<SimulationResult>();
        long ticks = 0;
        long committed = 0;
        long reads = 0;
        var maxLiveness = 0;
        Parallel.For(firstSeed, firstSeed + count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            var result = new Simulation(seed, options).Run();
            Interlocked.Add(ref ticks, result.Ticks);
            Interlocked.Add(ref committed, result.Committed);
            Interlocked.Add(ref reads, result.ReadsServed);
            InterlockedMax(ref maxLiveness, result.LivenessTicksUsed);
            if (!result.Passed)
            {
                failures.Add(result);
            }
        });
        var ordered = failures.OrderBy(f => f.Seed).ToArray();
        return new BatchResult(count, ticks, committed, reads, ordered.Length, ordered.Length > 0 ? ordered[0].Seed : null,
            ordered.Take(maxFailuresKept).ToArray(), stopwatch.Elapsed, maxLiveness);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
