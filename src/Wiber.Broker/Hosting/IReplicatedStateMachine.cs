using Wiber.Raft;

namespace Wiber.Broker.Hosting;

/// <summary>
/// What the Raft host applies committed entries to. Called only from the host loop, in log order, with
/// identical input on every node — so it must be deterministic and must not read clocks or do I/O.
/// </summary>
public interface IReplicatedStateMachine
{
    /// <summary>Applies one committed normal entry; the result goes back to the proposer on the leader.</summary>
    object? Apply(in Entry entry);

    /// <summary>The whole state as bytes, taken at the last applied index.</summary>
    byte[] TakeSnapshot();

    /// <summary>
    /// Freezes the state at the last applied index and returns how to encode it — callable later, from
    /// another thread, while applies go on. A large state's encoding then does not stall the host loop.
    /// The default encodes at once.
    /// </summary>
    Func<byte[]> CaptureSnapshot()
    {
        var data = TakeSnapshot();
        return () => data;
    }

    /// <summary>Replaces the state with a snapshot received from the leader or read at start-up.</summary>
    void RestoreSnapshot(ReadOnlyMemory<byte> data);
}

/// <summary>How the host reaches its peers (the peer transport, or an in-memory network in tests).</summary>
public interface IRaftTransport
{
    /// <summary>Queues a message; never blocks. Lost messages are fine: Raft retries.</summary>
    void Send(Message message);
}
