using Wiber.Raft;

namespace Wiber.Broker.Configuration;

/// <summary>The <c>raft</c> section. Timeouts are durations here and whole ticks inside Raft.</summary>
public sealed record RaftSettings
{
    /// <summary>How often the host calls <c>Tick()</c>; the unit of every Raft timeout.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The base election timeout; Raft randomizes each one in [timeout, 2·timeout). 500 ms puts failover
    /// (leader crash → first new acknowledgement) under a second while ten heartbeats fit in one timeout.
    /// </summary>
    public TimeSpan ElectionTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromMilliseconds(50);

    public bool PreVote { get; init; } = true;

    public bool CheckQuorum { get; init; } = true;

    public int MaxInflightMsgs { get; init; } = 256;

    public long MaxInflightBytes { get; init; } = 32L << 20;

    public long MaxSizePerMsg { get; init; } = 1L << 20;

    /// <summary>Take a snapshot (and compact the log) after this many applied entries.</summary>
    public long SnapshotEvery { get; init; } = 10_000;

    /// <summary>Proposals are refused while this many bytes are appended but not applied (0 = no bound).</summary>
    public long MaxUncommittedBytes { get; init; } = 256L << 20;

    /// <summary>Election timeout in ticks (validation guarantees it divides evenly).</summary>
    public int ElectionTicks => (int)(ElectionTimeout.Ticks / Tick.Ticks);

    public int HeartbeatTicks => (int)(Heartbeat.Ticks / Tick.Ticks);

    /// <summary>The Raft core's settings for node <paramref name="id"/> in a cluster of <paramref name="voters"/>.</summary>
    public RaftConfig ToRaftConfig(ulong id, IReadOnlyList<ulong> voters) => new()
    {
        Id = id,
        Peers = voters,
        ElectionTick = ElectionTicks,
        HeartbeatTick = HeartbeatTicks,
        PreVote = PreVote,
        CheckQuorum = CheckQuorum,
        MaxInflightMsgs = MaxInflightMsgs,
        MaxInflightBytes = MaxInflightBytes,
        MaxSizePerMsg = MaxSizePerMsg,
        MaxUncommittedEntriesSize = MaxUncommittedBytes,
    };
}
