namespace Wiber.Broker.Transport;

/// <summary>Counters of one peer, bumped from its writer loop, its inbound connection and Send; read by status.</summary>
internal sealed class PeerCounters
{
    private long _messagesSent;
    private long _bytesSent;
    private long _messagesReceived;
    private long _bytesReceived;
    private long _droppedQueueFull;
    private long _droppedTooLarge;
    private long _reconnects;
    private int _connected;

    public long MessagesSent => Volatile.Read(ref _messagesSent);
    public long BytesSent => Volatile.Read(ref _bytesSent);
    public long MessagesReceived => Volatile.Read(ref _messagesReceived);
    public long BytesReceived => Volatile.Read(ref _bytesReceived);
    public long DroppedQueueFull => Volatile.Read(ref _droppedQueueFull);
    public long DroppedTooLarge => Volatile.Read(ref _droppedTooLarge);
    public long Reconnects => Volatile.Read(ref _reconnects);

    public bool Connected
    {
        get => Volatile.Read(ref _connected) != 0;
        set => Volatile.Write(ref _connected, value ? 1 : 0);
    }

    public void Sent(long messages, long bytes)
    {
        Interlocked.Add(ref _messagesSent, messages);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    public void Received(long bytes)
    {
        Interlocked.Increment(ref _messagesReceived);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    public void DroppedBecauseFull() => Interlocked.Increment(ref _droppedQueueFull);

    public void DroppedBecauseTooLarge() => Interlocked.Increment(ref _droppedTooLarge);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);
}
