namespace Wiber.Broker.Transport;

/// <summary>Knobs of <see cref="PeerTransport"/>. Defaults suit a LAN or loopback cluster with 50 ms ticks.</summary>
public sealed record PeerTransportOptions
{
    /// <summary>Giving up on one TCP connect attempt (a partition may swallow the SYN).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Giving up on the other side's handshake answer (a proxy may accept and then say nothing).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="BackoffMax"/>, with jitter.</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Below the default election timeout (500 ms): a peer that restarts hears the leader before its own
    /// election timer fires, instead of campaigning because the leader was still backing off.
    /// </summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Messages waiting for one peer beyond this are dropped (and reported unreachable).</summary>
    public int SendQueueMessages { get; init; } = 4096;

    /// <summary>Encoded bytes waiting for one peer beyond this are dropped; one message is always admitted into an empty queue.</summary>
    public long SendQueueBytes { get; init; } = 64L << 20;

    /// <summary>Largest frame sent or accepted; a snapshot must fit in one.</summary>
    public int MaxFrameSize { get; init; } = 256 << 20;

    /// <summary>Capacity of <see cref="PeerTransport.Incoming"/>, in messages.</summary>
    public int IncomingCapacity { get; init; } = 8192;

    /// <summary>
    /// How long a connection's reader waits for room in a full <see cref="PeerTransport.Incoming"/> before it
    /// drops the message. A short wait absorbs bursts; an unbounded one would let a stalled host stall the socket
    /// and, through TCP back-pressure, the sender's heartbeats.
    /// </summary>
    public TimeSpan IncomingFullWait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the listening side tells the dialer how many bytes it has received.</summary>
    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A connection that shows no progress for this long — no keepalive, or bytes outstanding that the other side
    /// never acknowledges — is considered silently dropped and is replaced.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>While busy, a batch is flushed once this many bytes are buffered; otherwise when the queue empties.</summary>
    public int FlushThreshold { get; init; } = 256 << 10;

    /// <summary>At most one unreachable report per peer per this interval (the report is idempotent; a storm is useless).</summary>
    public TimeSpan UnreachableReportInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    internal void Validate()
    {
        static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, "must be positive");
            }
        }
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(HandshakeTimeout, nameof(HandshakeTimeout));
        Positive(BackoffMin, nameof(BackoffMin));
        Positive(KeepaliveInterval, nameof(KeepaliveInterval));
        if (BackoffMax < BackoffMin)
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffMax), BackoffMax, "must be at least BackoffMin");
        }
        if (IdleTimeout <= KeepaliveInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "must exceed KeepaliveInterval");
        }
        if (IncomingFullWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IncomingFullWait), IncomingFullWait, "must not be negative");
        }
        if (SendQueueMessages <= 0 || SendQueueBytes <= 0 || IncomingCapacity <= 0 || FlushThreshold <= 0)
        {
            throw new ArgumentException("queue bounds and the flush threshold must be positive");
        }
        if (MaxFrameSize < Framing.MaxHandshakeFrame)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameSize), MaxFrameSize, $"must be at least {Framing.MaxHandshakeFrame}");
        }
    }
}
