namespace Wiber.Broker.Time;

/// <summary>
/// A clock that moves only when told to, for tests and simulations. The wall clock can be set
/// anywhere (including backwards); the monotonic clock can only advance, as a real one.
/// </summary>
public sealed class ManualClock(long utcNowMs = ManualClock.DefaultStartMs) : IClock
{
    /// <summary>2024-01-01T00:00:00Z: a realistic value, so 48-bit HLC packing is exercised for real.</summary>
    public const long DefaultStartMs = 1_704_067_200_000;

    private readonly Lock _lock = new();
    private long _utcNowMs = utcNowMs;
    private TimeSpan _elapsed;

    public long UtcNowMs
    {
        get { lock (_lock) { return _utcNowMs; } }
    }

    public TimeSpan Elapsed
    {
        get { lock (_lock) { return _elapsed; } }
    }

    /// <summary>Moves both clocks forward, as real time passing does.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_lock)
        {
            _elapsed += by;
            _utcNowMs += (long)by.TotalMilliseconds;
        }
    }

    /// <summary>Moves both clocks forward by whole milliseconds.</summary>
    public void AdvanceMs(long ms) => Advance(TimeSpan.FromMilliseconds(ms));

    /// <summary>Steps only the wall clock (like an NTP step or an operator), leaving monotonic time alone.</summary>
    public void SetWallClock(long utcNowMs)
    {
        lock (_lock)
        {
            _utcNowMs = utcNowMs;
        }
    }
}
