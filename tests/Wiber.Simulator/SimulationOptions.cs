using Wiber.Raft;

namespace Wiber.Simulator;

public sealed record SimulationOptions
{
    /// <summary>Ticks with faults on, invariants checked after every step.</summary>
    public int SafetyTicks { get; init; } = 300;

    /// <summary>After healing everything, a new proposal must be committed within this many ticks.</summary>
    public int LivenessTicks { get; init; } = 200;

    /// <summary>After that commit, every node must have applied through it within this many more ticks.</summary>
    public int ConvergenceTicks { get; init; } = 500;

    public int ElectionTick { get; init; } = 10;

    /// <summary>
    /// Hosts write entries without fsync and report durability later, as the broker's host does
    /// (<see cref="RaftConfig.AsyncStorageWrites"/>): leaders send before their disk has the entries,
    /// followers hold acknowledgements until theirs does, and disks sync at random moments.
    /// </summary>
    public bool AsyncWrites { get; init; }

    /// <summary>Deliberate core bugs, to prove the invariants catch them.</summary>
    public RaftFaults Bugs { get; init; } = RaftFaults.None;

    /// <summary>Keep a readable trace of events (costs time; used to replay a failing seed).</summary>
    public bool Trace { get; init; }

    /// <summary>Receives each trace line as it happens (for following a run live).</summary>
    public Action<string>? TraceSink { get; init; }
}

public sealed record SimulationResult(
    int Seed,
    long Ticks,
    IReadOnlyList<string> Violations,
    FaultMix Mix,
    int LivenessTicksUsed,
    long Committed,
    int ReadsServed,
    IReadOnlyList<string> Trace)
{
    public bool Passed => Violations.Count == 0;
}
