using System.Diagnostics;

namespace Wiber.Broker.Time;

/// <summary>The machine's clocks: <see cref="TimeProvider.System"/> for wall time, <see cref="Stopwatch"/> for monotonic time.</summary>
public sealed class SystemClock : IClock
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public static SystemClock Instance { get; } = new();

    public long UtcNowMs => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);
}
