namespace Wiber.Broker.StateMachine;

/// <summary>
/// The layout of a hybrid logical clock (HLC) timestamp as carried in commands: the upper 48 bits are unix
/// milliseconds (enough until the year 10889), the lower 16 bits a logical counter that orders events
/// within one millisecond or while the wall clock stands still or steps back. Comparing two timestamps as
/// plain <see cref="ulong"/>s therefore compares them as HLC values. The clock itself lives in the host;
/// the state machine only reads timestamps, so every node agrees on time without reading its own clock.
/// The layout itself is defined once, by <see cref="Time.HlcTimestamp"/>; this is the state machine's view of it.
/// </summary>
public static class HybridTimestamp
{
    public const int LogicalBits = Time.HlcTimestamp.CounterBits;
    public const ulong LogicalMask = (1UL << LogicalBits) - 1;

    /// <summary>The largest unix time in milliseconds the layout can hold.</summary>
    public const long MaxUnixMs = (long)(ulong.MaxValue >> LogicalBits);

    /// <summary>Packs unix milliseconds and a logical counter.</summary>
    public static ulong Create(long unixMs, ushort logical)
    {
        return Time.HlcTimestamp.Create(unixMs, logical).Value;
    }

    /// <summary>The physical part: unix milliseconds.</summary>
    public static long UnixMs(ulong timestamp) => (long)(timestamp >> LogicalBits);

    /// <summary>The logical counter.</summary>
    public static ushort Logical(ulong timestamp) => (ushort)(timestamp & LogicalMask);

    /// <summary>The smallest timestamp in millisecond <paramref name="unixMs"/> (clamped into range), for time-window bounds.</summary>
    public static ulong FirstOf(long unixMs) => Create(Math.Clamp(unixMs, 0, MaxUnixMs), 0);

    /// <summary>The largest timestamp in millisecond <paramref name="unixMs"/> (clamped into range).</summary>
    public static ulong LastOf(long unixMs) => Create(Math.Clamp(unixMs, 0, MaxUnixMs), ushort.MaxValue);

    /// <summary>Readable form for logs: <c>1700000000123.7</c>.</summary>
    public static string Format(ulong timestamp) => $"{UnixMs(timestamp)}.{Logical(timestamp)}";
}
