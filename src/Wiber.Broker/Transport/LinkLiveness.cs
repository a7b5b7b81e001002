using System.Diagnostics;

namespace Wiber.Broker.Transport;

/// <summary>
/// Decides whether an outbound connection is silently dead. TCP alone cannot tell: through a proxy that
/// black-holes traffic, writes keep succeeding into buffers and nothing ever comes back. So the listening side
/// reports, every keepalive interval, how many bytes it has received; the link is alive while those reports keep
/// coming and either acknowledge everything we wrote or show the acknowledged count moving. A slow link carrying
/// a big snapshot therefore stays up, and a black hole in either direction is noticed within the idle timeout.
/// </summary>
internal sealed class LinkLiveness
{
    private long _written;
    private long _acknowledged;
    private long _lastProgress = Stopwatch.GetTimestamp();

    /// <summary>Bytes handed to the connection, counted from its first byte (the Hello).</summary>
    public void Wrote(long bytes) => Interlocked.Add(ref _written, bytes);

    public void OnKeepalive(long receivedByPeer)
    {
        var previous = Interlocked.Exchange(ref _acknowledged, receivedByPeer);
        if (receivedByPeer > previous || receivedByPeer >= Volatile.Read(ref _written))
        {
            Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
        }
    }

    public bool IsStalled(TimeSpan idleTimeout) => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress)) > idleTimeout;
}
