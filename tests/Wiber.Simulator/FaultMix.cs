namespace Wiber.Simulator;

/// <summary>
/// The faults and tunables of one run, all drawn from its seed (tigerbeetle's VOPR does the same): some
/// seeds are calm, some lossy, some crash-heavy, so a bug that needs an unusual mix still gets found.
/// </summary>
public sealed record FaultMix
{
    public int Nodes { get; init; }
    public double DropRate { get; init; }
    public double DuplicateRate { get; init; }
    /// <summary>Message delay is uniform in [1, MaxDelay] steps; different delays reorder messages.</summary>
    public int MaxDelay { get; init; }
    public double PartitionRate { get; init; }
    public double CrashRate { get; init; }
    public int MaxDownTicks { get; init; }
    /// <summary>Per tick, the chance the current leader is killed (Jepsen's leader-kill nemesis).</summary>
    public double LeaderCrashRate { get; init; }
    public double ProposalsPerTick { get; init; }
    /// <summary>Take a snapshot every this many applied entries (0 = never).</summary>
    public int SnapshotInterval { get; init; }
    /// <summary>Entries kept behind a snapshot when compacting.</summary>
    public int CompactionLag { get; init; }
    public long MaxSizePerMsg { get; init; }
    public int MaxInflightMsgs { get; init; }
    public bool PreVote { get; init; }
    public bool CheckQuorum { get; init; }

    public static FaultMix FromSeed(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new FaultMix
        {
            Nodes = random.Next(4) == 0 ? 5 : 3,
            DropRate = random.Next(5) == 0 ? 0 : random.NextDouble() * 0.3,
            DuplicateRate = random.Next(3) == 0 ? 0 : random.NextDouble() * 0.1,
            MaxDelay = 1 + random.Next(Simulation.StepsPerTick * 3),
            PartitionRate = random.Next(4) == 0 ? 0 : random.NextDouble() * 0.08,
            CrashRate = random.Next(4) == 0 ? 0 : random.NextDouble() * 0.03,
            MaxDownTicks = 5 + random.Next(60),
            LeaderCrashRate = random.Next(3) == 0 ? random.NextDouble() * 0.1 : 0,
            ProposalsPerTick = 0.1 + random.NextDouble() * 2,
            SnapshotInterval = random.Next(4) switch { 0 => 0, 1 => 5, 2 => 20, _ => 100 },
            CompactionLag = random.Next(6),
            // Small messages make old entries replicate (and, if buggy, commit) before a leader's own.
            MaxSizePerMsg = random.Next(3) switch { 0 => 1, 1 => 100, _ => 1 << 20 },
            MaxInflightMsgs = random.Next(3) switch { 0 => 1, 1 => 4, _ => 256 },
            PreVote = random.Next(5) != 0,
            CheckQuorum = random.Next(5) != 0,
        };
    }

    public override string ToString() =>
        $"nodes={Nodes} drop={DropRate:F2} dup={DuplicateRate:F2} delay≤{MaxDelay} partition={PartitionRate:F3} " +
        $"crash={CrashRate:F3} leader-crash={LeaderCrashRate:F3} down≤{MaxDownTicks} props/tick={ProposalsPerTick:F2} snapshot={SnapshotInterval} " +
        $"msg={MaxSizePerMsg} inflight={MaxInflightMsgs} prevote={PreVote} checkquorum={CheckQuorum}";
}
