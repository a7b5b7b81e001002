using System.Threading.Channels;
using Wiber.Raft;

namespace Wiber.Broker.Transport;

/// <summary>A message waiting for the writer, with its encoded size computed once by the sender.</summary>
internal readonly record struct OutboundItem(Message Message, int EncodedSize)
{
    public int FrameSize => Framing.HeaderSize + EncodedSize;
}

/// <summary>
/// The queue between <see cref="PeerTransport.Send"/> and one peer's writer loop, bounded in messages and bytes.
/// Admission is decided under a lock so concurrent senders cannot overshoot the bounds; the channel only carries
/// items and wakes the single reader.
/// </summary>
internal sealed class OutboundQueue(int maxMessages, long maxBytes)
{
    private readonly Channel<OutboundItem> _items = Channel.CreateUnbounded<OutboundItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _count;
    private long _bytes;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>False when full (or closed). An empty queue admits any one message, so a big snapshot still fits.</summary>
    public bool TryEnqueue(OutboundItem item)
    {
        lock (_gate)
        {
            if (_count > 0 && (_count >= maxMessages || _bytes + item.FrameSize > maxBytes))
            {
                return false;
            }
            if (!_items.Writer.TryWrite(item))
            {
                return false;
            }
            _count++;
            _bytes += item.FrameSize;
            return true;
        }
    }

    public bool TryDequeue(out OutboundItem item)
    {
        lock (_gate)
        {
            if (!_items.Reader.TryRead(out item))
            {
                return false;
            }
            _count--;
            _bytes -= item.FrameSize;
            return true;
        }
    }

    /// <summary>Completes when an item is available; false once the queue is closed and empty.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _items.Reader.WaitToReadAsync(cancellationToken);

    public void Close() => _items.Writer.TryComplete();
}
