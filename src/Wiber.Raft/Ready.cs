namespace Wiber.Raft;

/// <summary>
/// Everything the host must do, in this order, before calling <see cref="RaftNode.Advance"/>:
/// 1. persist <see cref="HardState"/> (if not empty), <see cref="Entries"/> (replacing any stored suffix from
///    the first one's index) and <see cref="Snapshot"/> — with fsync when <see cref="MustSync"/>;
/// 2. only then send <see cref="Messages"/> (they may promise what step 1 stored: a vote, an ack);
/// 3. apply <see cref="Snapshot"/> then <see cref="CommittedEntries"/> to the state machine, and serve
///    <see cref="ReadStates"/> once their index is applied.
/// </summary>
public sealed class Ready
{
    public SoftState? SoftState { get; init; }

    /// <summary><see cref="HardState.Empty"/> when unchanged since the last Ready.</summary>
    public HardState HardState { get; init; }

    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>A snapshot received from the leader, to persist and restore; null if none.</summary>
    public Snapshot? Snapshot { get; init; }

    public IReadOnlyList<Entry> CommittedEntries { get; init; } = [];

    public IReadOnlyList<Message> Messages { get; init; } = [];

    public IReadOnlyList<ReadState> ReadStates { get; init; } = [];

    /// <summary>
    /// True when the writes must be durable before any message is sent: new entries, a new term or a vote.
    /// A commit index alone may be written lazily — it is re-learnt from the leader after a crash.
    /// </summary>
    public bool MustSync { get; init; }
}
