using System.Globalization;

namespace Wiber.Checker.Timeline;

/// <summary>Maps history time to x pixels, and picks readable axis ticks.</summary>
internal sealed class TimeScale
{
    private static readonly long[] TickSteps =
        [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_200_000, 1_800_000, 3_600_000];

    public TimeScale(long startMs, long endMs, double left, double width)
    {
        StartMs = startMs;
        EndMs = Math.Max(endMs, startMs + 1);
        Left = left;
        Width = width;
    }

    public long StartMs { get; }

    public long EndMs { get; }

    public double Left { get; }

    public double Width { get; }

    public double Right => Left + Width;

    public double X(long ms) => Left + ((double)(Math.Clamp(ms, StartMs, EndMs) - StartMs) / (EndMs - StartMs) * Width);

    /// <summary>Tick times (relative to the start) at the smallest step that gives at most ten ticks.</summary>
    public IEnumerable<long> Ticks()
    {
        var span = EndMs - StartMs;
        var step = TickSteps.FirstOrDefault(s => span / s <= 10, TickSteps[^1]);
        for (long t = 0; t <= span; t += step)
        {
            yield return t;
        }
    }

    public static string Label(long relativeMs) => relativeMs % 1000 == 0
        ? (relativeMs / 1000).ToString(CultureInfo.InvariantCulture) + "s"
        : (relativeMs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
