using System.Diagnostics;

namespace Wiber.Chaos.Server.Links;

/// <summary>Stopwatch timestamps and the clamped durations toxics wait for.</summary>
internal static class MonotonicTime
{
    /// <summary>Task.Delay's ceiling (about 49 days); longer toxic attributes mean "as good as forever".</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Milliseconds to a duration: negative is zero, huge is <see cref="MaxDelay"/>.</summary>
    public static TimeSpan Milliseconds(long ms) => ms <= 0 ? TimeSpan.Zero : ms >= (long)MaxDelay.TotalMilliseconds ? MaxDelay : TimeSpan.FromMilliseconds(ms);

    public static TimeSpan Microseconds(long us) => us <= 0 ? TimeSpan.Zero : Milliseconds(us / 1000) + TimeSpan.FromMicroseconds(us % 1000);

    public static long Add(long timestamp, TimeSpan duration) => timestamp + (long)(duration.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));

    /// <summary>Time left until <paramref name="timestamp"/>; zero or negative once it has passed.</summary>
    public static TimeSpan Until(long timestamp) => -Stopwatch.GetElapsedTime(timestamp);

    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);
}
