namespace Wiber.Broker.Transport;

/// <summary>
/// Exponential back-off with "equal jitter": the n-th delay is uniform in [d/2, d] with d = min·2ⁿ capped at
/// max. The jitter keeps the nodes of a cluster that lost a peer together from reconnecting in lock-step.
/// </summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max)
{
    private int _attempt;

    public TimeSpan Next()
    {
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, _attempt));
        if (_attempt < 30)
        {
            _attempt++;
        }
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    public void Reset() => _attempt = 0;
}
