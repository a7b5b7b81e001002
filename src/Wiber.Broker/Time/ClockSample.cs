namespace Wiber.Broker.Time;

/// <summary>
/// One SNTP-style exchange with a peer, all in Unix milliseconds: <paramref name="T0"/> request sent
/// (our clock), <paramref name="T1"/> request received (peer's clock), <paramref name="T2"/> reply sent
/// (peer's clock), <paramref name="T3"/> reply received (our clock).
/// </summary>
public readonly record struct ClockSample(long T0, long T1, long T2, long T3)
{
    /// <summary>
    /// Peer clock minus our clock, assuming both legs took equally long; positive means the peer is
    /// ahead. The error is at most half the round trip, because the legs can be split any way.
    /// </summary>
    public double OffsetMs => ((T1 - T0) + (T2 - T3)) / 2.0;

    /// <summary>Time on the wire, excluding the peer's processing time.</summary>
    public long RoundTripMs => (T3 - T0) - (T2 - T1);
}
