using Wiber.Broker.Time;

namespace Wiber.Broker.Tests.Time;

/// <summary>
/// A probe exchange between us and a peer over a network with random delays, run on manual clocks.
/// Real time is our clock; the peer's clock reads ours plus <see cref="PeerClock"/>'s skew.
/// </summary>
internal sealed class SimulatedLink
{
    private readonly Random _random;
    private readonly long _baseDelayMs;
    private readonly long _maxQueueingMs;
    private readonly bool _queueOnlyOnReturn;

    public SimulatedLink(int seed, long baseDelayMs, long maxQueueingMs, bool queueOnlyOnReturn = false)
    {
        _random = new Random(seed);
        _baseDelayMs = baseDelayMs;
        _maxQueueingMs = maxQueueingMs;
        _queueOnlyOnReturn = queueOnlyOnReturn;
        PeerClock = new SkewableClock(OurClock, allowSkew: true);
    }

    public ManualClock OurClock { get; } = new();

    /// <summary>The peer's clock: ours, skewed by whatever a test sets.</summary>
    public SkewableClock PeerClock { get; }

    /// <summary>One four-timestamp exchange; real time passes for both sides as it happens.</summary>
    public ClockSample Exchange()
    {
        var t0 = OurClock.UtcNowMs;
        OurClock.AdvanceMs(_baseDelayMs + (_queueOnlyOnReturn ? 0 : Queueing()));
        var t1 = PeerClock.UtcNowMs;
        OurClock.AdvanceMs(_random.Next(0, 3)); // the peer's processing time
        var t2 = PeerClock.UtcNowMs;
        OurClock.AdvanceMs(_baseDelayMs + Queueing());
        var t3 = OurClock.UtcNowMs;
        return new ClockSample(t0, t1, t2, t3);
    }

    // Mostly short, occasionally long: queueing delay is bursty, which is why NTP filters samples.
    private long Queueing() => _random.Next(4) == 0 ? _random.NextInt64(0, _maxQueueingMs + 1) : _random.NextInt64(0, 3);
}
