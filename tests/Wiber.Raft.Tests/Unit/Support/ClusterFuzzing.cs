namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>The moves both cluster fuzz tests make, each step checked against the contract and invariants.</summary>
internal static class ClusterFuzzing
{
    /// <summary>A warmed-up 3-node cluster: a leader and three committed proposals, traffic captured.</summary>
    public static TestCluster WarmedUp(int seed)
    {
        var cluster = new TestCluster(3, seed);
        for (var i = 0; i < 3; i++)
        {
            if (cluster.RunUntilCommitted(new[] { (byte)i }, maxTicks: 300) < 0)
            {
                throw new InvalidOperationException($"seed {seed}: warm-up did not commit");
            }
        }
        return cluster;
    }

    public static Message RealMessage(TestCluster cluster, Random rng) => cluster.Sent[rng.Next(cluster.Sent.Count)];

    public static ulong AnyNode(TestCluster cluster, Random rng) => cluster.Ids[rng.Next(cluster.Ids.Count)];

    /// <summary>Steps <paramref name="m"/> into <paramref name="target"/> (its addressee or not) and checks everything.</summary>
    public static void StepChecked(TestCluster cluster, Message m, ulong target, string context)
    {
        var node = cluster[target];
        var before = node.State;
        var sentBefore = cluster.Sent.Count;
        var result = cluster.Step(m, target);
        var where = $"{context} into {target}: {m}";
        Invariants.CheckResult(result, where);
        Invariants.CheckJunkIgnored(m, node.Raft, result, before, where);
        Invariants.CheckNode(node.Raft, before, cluster.Sent.Skip(sentBefore), where);
    }

    /// <summary>The ordinary moves: ticks, real traffic delivered out of order or dropped, proposals.</summary>
    public static void Ordinary(TestCluster cluster, Random rng, string context)
    {
        switch (rng.Next(100))
        {
            case < 40:
                cluster.Tick(AnyNode(cluster, rng));
                break;
            case < 90:
                if (cluster.Pool.Count > 0)
                {
                    var i = rng.Next(cluster.Pool.Count);
                    var real = cluster.Pool[i];
                    cluster.Pool.RemoveAt(i);
                    if (rng.Next(5) != 0)
                    {
                        StepChecked(cluster, real, real.To, context);
                    }
                }
                break;
            default:
                foreach (var leader in cluster.Leaders)
                {
                    leader.Raft.Propose(new[] { (byte)rng.Next(256) });
                    cluster.Collect(leader);
                }
                break;
        }
    }
}
