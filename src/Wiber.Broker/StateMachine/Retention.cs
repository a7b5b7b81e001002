namespace Wiber.Broker.StateMachine;

/// <summary>The one definition of "too old", shared by message retention and the dedup window.</summary>
internal static class Retention
{
    /// <summary>True when the message at <paramref name="timestamp"/> is more than <paramref name="maxAgeMs"/> older than <paramref name="nowMs"/>.</summary>
    public static bool IsOlderThan(ulong timestamp, long maxAgeMs, long nowMs) =>
        nowMs >= ExpiresAtMs(timestamp, maxAgeMs);

    /// <summary>The first millisecond at which the item counts as too old (saturating, so huge limits mean never).</summary>
    public static long ExpiresAtMs(ulong timestamp, long maxAgeMs)
    {
        var bornMs = HybridTimestamp.UnixMs(timestamp);
        return maxAgeMs >= long.MaxValue - bornMs ? long.MaxValue : bornMs + maxAgeMs + 1;
    }
}
