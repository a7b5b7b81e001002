namespace Wiber.Broker.Time;

/// <summary>
/// Wraps a clock and adds an offset to its wall time, so the lab can skew one node's clock on purpose
/// (admin call, only when <c>clock.allow_skew</c> is true). Monotonic time is not skewed: a wrong wall
/// clock must not make timeouts fire early or late, exactly as on a real machine.
/// </summary>
public sealed class SkewableClock : IClock
{
    /// <summary>Far enough for any lab scenario, near enough that HLC arithmetic stays sane.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(1);

    private readonly IClock _inner;
    private long _offsetMs;

    public SkewableClock(IClock inner, bool allowSkew)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        AllowSkew = allowSkew;
    }

    /// <summary>From <c>clock.allow_skew</c>; when false the offset stays zero.</summary>
    public bool AllowSkew { get; }

    public TimeSpan Offset => TimeSpan.FromMilliseconds(Interlocked.Read(ref _offsetMs));

    public long UtcNowMs => _inner.UtcNowMs + Interlocked.Read(ref _offsetMs);

    public TimeSpan Elapsed => _inner.Elapsed;

    /// <summary>Sets the skew (replacing any previous one); <see cref="TimeSpan.Zero"/> removes it.</summary>
    /// <exception cref="InvalidOperationException">Skew is not allowed on this node.</exception>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxOffset"/> either way.</exception>
    public void SetOffset(TimeSpan offset)
    {
        if (!AllowSkew)
        {
            throw new InvalidOperationException("clock skew is disabled on this node (set clock.allow_skew: true, lab only)");
        }
        if (offset > MaxOffset || offset < -MaxOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"clock skew must be within ±{MaxOffset.TotalHours:0} h");
        }
        Interlocked.Exchange(ref _offsetMs, (long)offset.TotalMilliseconds);
    }
}
