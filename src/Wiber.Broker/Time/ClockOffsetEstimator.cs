namespace Wiber.Broker.Time;

/// <summary>
/// Estimates one peer's clock offset from SNTP-style samples. Keeps the last N samples and trusts the
/// one with the smallest round trip (NTP's clock filter): queueing delay is what makes the two legs
/// unequal, so the fastest exchange has the tightest error bound (±rtt/2). Not thread-safe: one
/// instance per peer, fed by that peer's connection.
/// </summary>
public sealed class ClockOffsetEstimator
{
    public const int DefaultWindow = 8;

    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(10);

    /// <summary>Clock rounding to whole milliseconds can make a round trip look up to 2 ms negative.</summary>
    private const long RoundingSlackMs = 2;

    private readonly IClock _clock;
    private readonly int _window;
    private readonly TimeSpan _staleAfter;
    private readonly Queue<(ClockSample Sample, TimeSpan ReceivedAt)> _samples = new();

    public ClockOffsetEstimator(IClock clock, int window = DefaultWindow, TimeSpan? staleAfter = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _clock = clock;
        _window = window;
        _staleAfter = staleAfter ?? DefaultStaleAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_staleAfter, TimeSpan.Zero, nameof(staleAfter));
    }

    /// <summary>Samples rejected because their round trip was impossible (a clock stepped mid-exchange).</summary>
    public long Rejected { get; private set; }

    /// <summary>Adds a sample; returns false (and drops it) if its round trip is impossibly negative.</summary>
    public bool AddSample(ClockSample sample)
    {
        if (sample.RoundTripMs < -RoundingSlackMs)
        {
            Rejected++;
            return false;
        }
        var now = _clock.Elapsed;
        _samples.Enqueue((sample, now));
        while (_samples.Count > _window)
        {
            _samples.Dequeue();
        }
        return true;
    }

    /// <summary>Forgets all samples, e.g. after the lab changed a clock's skew and the old ones mislead.</summary>
    public void Reset() => _samples.Clear();

    /// <summary>The current estimate, or null before the first sample.</summary>
    public ClockOffsetEstimate? Estimate()
    {
        if (_samples.Count == 0)
        {
            return null;
        }
        var now = _clock.Elapsed;
        var newestAge = now - _samples.Last().ReceivedAt;

        // Samples older than the stale period no longer describe the peer's clock (it may have been
        // stepped); if nothing fresh is left, report the newest sample's view but flag it stale.
        var fresh = _samples.Where(s => now - s.ReceivedAt <= _staleAfter).Select(s => s.Sample).ToList();
        var isStale = fresh.Count == 0;
        if (isStale)
        {
            fresh = [_samples.Last().Sample];
        }

        var best = fresh[0];
        foreach (var sample in fresh)
        {
            if (sample.RoundTripMs < best.RoundTripMs)
            {
                best = sample;
            }
        }
        var roundTrip = Math.Max(0, best.RoundTripMs);
        return new ClockOffsetEstimate(
            OffsetMs: best.OffsetMs,
            RoundTripMs: roundTrip,
            ErrorBoundMs: roundTrip / 2.0,
            JitterMs: Jitter(fresh, best.OffsetMs),
            Samples: fresh.Count,
            Age: newestAge,
            IsStale: isStale);
    }

    // NTP's peer jitter: RMS of the other samples' offsets around the chosen one.
    private static double Jitter(List<ClockSample> samples, double chosenOffsetMs)
    {
        if (samples.Count < 2)
        {
            return 0;
        }
        var sumOfSquares = samples.Sum(s => (s.OffsetMs - chosenOffsetMs) * (s.OffsetMs - chosenOffsetMs));
        return Math.Sqrt(sumOfSquares / (samples.Count - 1));
    }
}
