namespace Wiber.Broker.StateMachine;

/// <summary>
/// One message as the state machine keeps it. Immutable, and its payload array is never written after the
/// decoder created it, so a reader may hold it for as long as it likes while apply continues.
/// </summary>
/// <param name="Index">Raft index of the entry that carried the publish (shared by a batch).</param>
/// <param name="Term">Raft term of that entry.</param>
/// <param name="ProducerTimeMs">The producer's clock in unix ms; 0 = unknown.</param>
/// <param name="LeaderTimestamp">The leader's hybrid timestamp (see <see cref="HybridTimestamp"/>).</param>
public sealed record StoredMessage(
    string Topic,
    long Offset,
    ulong Index,
    ulong Term,
    string? MessageId,
    ReadOnlyMemory<byte> Payload,
    long ProducerTimeMs,
    ulong LeaderTimestamp)
{
    /// <summary>Physical part of <see cref="LeaderTimestamp"/>: the time used for history windows and age.</summary>
    public long LeaderTimeMs => HybridTimestamp.UnixMs(LeaderTimestamp);
}
