using Wiber.Broker.Hosting;
using Wiber.Broker.StateMachine;
using Wiber.Raft;

namespace Wiber.Broker.Node;

/// <summary>
/// Binds the broker's state to the Raft host: applies entries, snapshots and restores, and wakes the
/// subscribers of each topic that received messages. Readers use <see cref="State"/> from any thread.
/// </summary>
public sealed class BrokerStateMachine : IReplicatedStateMachine
{
    private readonly TopicSignals _signals;
    private volatile BrokerState _state;

    public BrokerStateMachine(BrokerStateOptions options, TopicSignals signals)
    {
        _state = new BrokerState(options);
        _signals = signals;
    }

    /// <summary>The current state; replaced wholesale when a snapshot is installed.</summary>
    public BrokerState State => _state;

    public object? Apply(in Entry entry)
    {
        var result = _state.Apply(entry);
        string? last = null;
        foreach (var published in result.Publishes)
        {
            if (!published.Duplicate && !string.Equals(published.Topic, last, StringComparison.Ordinal))
            {
                _signals.Notify(published.Topic);
                last = published.Topic;
            }
        }
        return result;
    }

    public byte[] TakeSnapshot()
    {
        using var buffer = new MemoryStream();
        _state.WriteSnapshot(buffer);
        return buffer.ToArray();
    }

    public Func<byte[]> CaptureSnapshot()
    {
        var capture = _state.CaptureSnapshot();
        return () =>
        {
            using var buffer = new MemoryStream();
            capture.WriteTo(buffer);
            return buffer.ToArray();
        };
    }

    public void RestoreSnapshot(ReadOnlyMemory<byte> data)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        _state = BrokerState.ReadSnapshot(stream);
        _signals.NotifyAll();
    }
}
