using Wiber.Raft;

namespace Wiber.Broker.Hosting;

public sealed record RaftHostOptions
{
    public required RaftConfig Raft { get; init; }

    /// <summary>Wall time of one Raft tick (election and heartbeat timeouts are counted in ticks).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Take a state machine snapshot (and compact the log) after at least this many applied entries (0 = never),
    /// and once their payloads add up to half the previous snapshot's size (so snapshot cost stays amortized).
    /// </summary>
    public ulong SnapshotEvery { get; init; } = 10_000;

    /// <summary>Entries kept behind a snapshot, so a briefly lagging follower catches up without one.</summary>
    public ulong SnapshotKeepEntries { get; init; } = 1_000;

    /// <summary>
    /// A proposal not committed within this time is answered <see cref="ProposalStatus.TimedOut"/> (its fate
    /// is unknown). Enforced by the loop on ticks, so a proposal costs no timer of its own.
    /// </summary>
    public TimeSpan ProposalTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on queued host work (proposals, peer messages, ticks): callers wait when it is full.</summary>
    public int InputQueueCapacity { get; init; } = 65_536;
}
