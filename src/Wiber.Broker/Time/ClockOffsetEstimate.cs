namespace Wiber.Broker.Time;

/// <summary>
/// What a node reports about one peer's clock in status and metrics.
/// </summary>
/// <param name="OffsetMs">Peer clock minus ours, from the sample with the smallest round trip; positive means the peer is ahead.</param>
/// <param name="RoundTripMs">That sample's round trip.</param>
/// <param name="ErrorBoundMs">How far the true offset can be from <paramref name="OffsetMs"/>: half the round trip.</param>
/// <param name="JitterMs">RMS spread of the window's offsets around the chosen one; high jitter means a noisy path.</param>
/// <param name="Samples">Samples in the window that contributed.</param>
/// <param name="Age">Monotonic time since the newest sample arrived.</param>
/// <param name="IsStale">No sample for longer than the estimator's stale-after period.</param>
public sealed record ClockOffsetEstimate(
    double OffsetMs,
    long RoundTripMs,
    double ErrorBoundMs,
    double JitterMs,
    int Samples,
    TimeSpan Age,
    bool IsStale);
