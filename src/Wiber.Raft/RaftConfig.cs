namespace Wiber.Raft;

/// <summary>Settings of one node. Ticks are the host's unit of time (e.g. 100 ms).</summary>
public sealed record RaftConfig
{
    /// <summary>This node's id; never 0 (0 means "nobody" in votes and leader fields).</summary>
    public required ulong Id { get; init; }

    /// <summary>The voters (including this node) when storage has none recorded yet.</summary>
    public IReadOnlyList<ulong> Peers { get; init; } = [];

    /// <summary>A follower that hears no leader for a random time in [ElectionTick, 2·ElectionTick) campaigns.</summary>
    public int ElectionTick { get; init; } = 10;

    /// <summary>A leader sends heartbeats every HeartbeatTick ticks.</summary>
    public int HeartbeatTick { get; init; } = 1;

    /// <summary>Ask before campaigning, so a node returning from isolation does not raise everyone's term.</summary>
    public bool PreVote { get; init; } = true;

    /// <summary>A leader that has not heard from a quorum for an election timeout steps down.</summary>
    public bool CheckQuorum { get; init; } = true;

    /// <summary>Upper bound on the entry bytes of one Append (at least one entry is always sent).</summary>
    public long MaxSizePerMsg { get; init; } = 1 << 20;

    /// <summary>Appends in flight to one follower before the leader waits for acknowledgements.</summary>
    public int MaxInflightMsgs { get; init; } = 256;

    /// <summary>Entry bytes in flight to one follower before the leader waits (0 = no byte bound).</summary>
    public long MaxInflightBytes { get; init; } = 32L << 20;

    /// <summary>Proposals are refused while this many bytes are appended but not yet applied (0 = no bound).</summary>
    public long MaxUncommittedEntriesSize { get; init; } = 256L << 20;

    /// <summary>Upper bound on the committed-entry bytes handed out in one Ready.</summary>
    public long MaxCommittedSizePerReady { get; init; } = 64L << 20;

    /// <summary>
    /// The last index the host's state machine has applied, when restarting with a state machine that
    /// survived (0 = start from the snapshot).
    /// </summary>
    public ulong Applied { get; init; }

    /// <summary>The only source of randomness (election timeouts). Seed it for reproducible runs.</summary>
    public Random Random { get; init; } = new();

    /// <summary>
    /// The host writes entries without waiting for its disk and later reports what is durable through
    /// <see cref="RaftNode.ReportDurable"/>. A leader then sends appends while its own fsync runs (the Raft
    /// thesis §10.2.1) and counts itself toward a quorum only for entries reported durable; a follower's
    /// host holds each acknowledgement until the entries it names are durable.
    /// </summary>
    public bool AsyncStorageWrites { get; init; }

    /// <summary>Deliberate bugs, for proving the simulator finds them. Never set outside tests.</summary>
    public RaftFaults TestingFaults { get; init; } = RaftFaults.None;

    internal void Validate()
    {
        if (Id == 0)
        {
            throw new ArgumentException("Id must not be 0 (0 means no node)", nameof(Id));
        }
        if (HeartbeatTick <= 0)
        {
            throw new ArgumentException($"HeartbeatTick must be positive, got {HeartbeatTick}", nameof(HeartbeatTick));
        }
        if (ElectionTick <= HeartbeatTick)
        {
            throw new ArgumentException($"ElectionTick ({ElectionTick}) must be greater than HeartbeatTick ({HeartbeatTick})", nameof(ElectionTick));
        }
        if (MaxInflightMsgs <= 0)
        {
            throw new ArgumentException($"MaxInflightMsgs must be positive, got {MaxInflightMsgs}", nameof(MaxInflightMsgs));
        }
        if (Peers.Contains(0UL))
        {
            throw new ArgumentException("Peers must not contain 0 (0 means no node)", nameof(Peers));
        }
        if (MaxSizePerMsg <= 0)
        {
            throw new ArgumentException($"MaxSizePerMsg must be positive, got {MaxSizePerMsg}", nameof(MaxSizePerMsg));
        }
        if (MaxCommittedSizePerReady <= 0)
        {
            throw new ArgumentException($"MaxCommittedSizePerReady must be positive, got {MaxCommittedSizePerReady}", nameof(MaxCommittedSizePerReady));
        }
        if (MaxInflightBytes < 0)
        {
            throw new ArgumentException($"MaxInflightBytes must not be negative (0 = no bound), got {MaxInflightBytes}", nameof(MaxInflightBytes));
        }
        if (MaxUncommittedEntriesSize < 0)
        {
            throw new ArgumentException($"MaxUncommittedEntriesSize must not be negative (0 = no bound), got {MaxUncommittedEntriesSize}", nameof(MaxUncommittedEntriesSize));
        }
    }
}

/// <summary>Bugs that can be switched on to show the simulator catches them (see tests).</summary>
[Flags]
public enum RaftFaults
{
    None = 0,
    /// <summary>Commit an entry of a previous term by counting its replicas (the Raft paper's Figure 8).</summary>
    CommitPreviousTermByCounting = 1,
    /// <summary>Grant a vote to a second candidate in the same term.</summary>
    GrantSecondVoteInTerm = 2,
    /// <summary>Do not ask for fsync when only the term or vote changed, so a vote can be sent, then lost.</summary>
    SendVoteBeforePersisting = 4,
    /// <summary>A follower replaces everything after an append's prefix, even entries it already acknowledged.</summary>
    TruncateAcknowledgedEntries = 8,
    /// <summary>A leader answers ReadIndex from its commit index at once, without a quorum confirming it still leads.</summary>
    ServeReadsWithoutConfirmation = 16,
    /// <summary>With <see cref="RaftConfig.AsyncStorageWrites"/>, a leader counts its own entries toward a quorum before its disk has them.</summary>
    CountOwnEntriesBeforeDurable = 32,
}
