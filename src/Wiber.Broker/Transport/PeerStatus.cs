namespace Wiber.Broker.Transport;

/// <summary>A point-in-time view of one peer link, for status and metrics. Counters only grow.</summary>
public sealed record PeerStatus(
    ulong PeerId,
    string Endpoint,
    bool Connected,
    long MessagesSent,
    long BytesSent,
    long MessagesReceived,
    long BytesReceived,
    long DroppedQueueFull,
    long DroppedTooLarge,
    long Reconnects,
    int QueuedMessages,
    long QueuedBytes);

/// <summary>The whole transport: per-peer links plus what cannot be pinned on a known peer.</summary>
public sealed record TransportStatus(
    IReadOnlyList<PeerStatus> Peers,
    long IncomingDropped,
    long RefusedConnections,
    long ProtocolErrors,
    long DroppedNoRoute);
