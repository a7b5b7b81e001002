namespace Wiber.Broker.Time;

/// <summary>
/// Hybrid logical clock (Kulkarni et al., 2014). Timestamps never go backwards on this node, follow
/// causality across nodes (a receive is later than its send), and stay close to wall time. When the
/// wall clock jumps back, the physical part holds still and the counter advances; when the counter
/// would overflow, the physical part is bumped by one millisecond instead (running slightly ahead of
/// the wall clock is harmless; going backwards is not).
/// </summary>
public sealed class HybridLogicalClock(IClock clock)
{
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private readonly Lock _lock = new();
    private HlcTimestamp _last;

    /// <summary>The latest timestamp issued or observed, without advancing the clock.</summary>
    public HlcTimestamp Current
    {
        get { lock (_lock) { return _last; } }
    }

    /// <summary>A timestamp for a local event or a send: strictly greater than every earlier one.</summary>
    public HlcTimestamp Now()
    {
        var wall = _clock.UtcNowMs;
        lock (_lock)
        {
            _last = wall > _last.PhysicalMs
                ? HlcTimestamp.Create(wall, 0)
                : Successor(_last.PhysicalMs, _last.Counter);
            return _last;
        }
    }

    /// <summary>
    /// Merges a timestamp received from another node; the result is strictly greater than both it and
    /// every timestamp issued here before.
    /// </summary>
    public HlcTimestamp Update(HlcTimestamp remote)
    {
        var wall = _clock.UtcNowMs;
        lock (_lock)
        {
            var physical = Math.Max(wall, Math.Max(_last.PhysicalMs, remote.PhysicalMs));
            if (physical == wall && wall > _last.PhysicalMs && wall > remote.PhysicalMs)
            {
                _last = HlcTimestamp.Create(wall, 0);
            }
            else
            {
                // The counter continues from whichever of ours and theirs holds the winning physical time.
                var counter = -1;
                if (physical == _last.PhysicalMs)
                {
                    counter = _last.Counter;
                }
                if (physical == remote.PhysicalMs)
                {
                    counter = Math.Max(counter, remote.Counter);
                }
                _last = Successor(physical, counter);
            }
            return _last;
        }
    }

    /// <summary>Same as <see cref="Update(HlcTimestamp)"/> for a packed value off the wire.</summary>
    public HlcTimestamp Update(ulong remotePacked) => Update(new HlcTimestamp(remotePacked));

    private static HlcTimestamp Successor(long physicalMs, long counter) =>
        counter >= HlcTimestamp.MaxCounter
            ? HlcTimestamp.Create(physicalMs + 1, 0)
            : HlcTimestamp.Create(physicalMs, counter + 1);
}
