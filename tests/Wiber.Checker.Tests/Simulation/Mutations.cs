namespace Wiber.Checker.Tests.Simulation;

/// <summary>One precise way to break a clean history, and the anomaly kind it must produce.</summary>
public enum Mutation
{
    /// <summary>An acknowledged message vanishes from every node; an in-doubt write took its offset.</summary>
    DropAck,

    /// <summary>A written message appears a second time at the end of the log.</summary>
    Duplicate,

    /// <summary>One node returns two values swapped.</summary>
    Swap,

    /// <summary>A second node claims leadership of a term that already has a leader.</summary>
    TwoLeaders,
}

internal static class Mutations
{
    public static string ExpectedKind(Mutation mutation) => mutation switch
    {
        Mutation.DropAck => AnomalyKinds.Lost,
        Mutation.Duplicate => AnomalyKinds.Duplicate,
        Mutation.Swap => AnomalyKinds.Divergence,
        _ => AnomalyKinds.TwoLeaders,
    };

    /// <summary>Applies <paramref name="mutation"/> in place; returns a description for failure messages.</summary>
    public static string Apply(SimulatedRun run, Mutation mutation, Random rng) => mutation switch
    {
        Mutation.DropAck => DropAck(run, rng),
        Mutation.Duplicate => Duplicate(run, rng),
        Mutation.Swap => Swap(run, rng),
        _ => TwoLeaders(run, rng),
    };

    private static string DropAck(SimulatedRun run, Random rng)
    {
        var acks = run.Records.OfType<PublishRecord>().Where(p => p.Outcome == PublishOutcome.Ok).ToList();
        var victim = acks[rng.Next(acks.Count)];
        var replacement = "lost-replacement";
        Replace(run, r => r.Topic == victim.Topic && r.Offset == victim.Offset, r => r with { Value = replacement });
        run.Records.Add(new PublishRecord("p9", victim.Topic, replacement, victim.InvokeAtMs, victim.CompleteAtMs + 1, PublishOutcome.Unknown, null, "timeout"));
        return $"dropped '{victim.Id}' at {victim.Topic}/{victim.Offset}";
    }

    private static string Duplicate(SimulatedRun run, Random rng)
    {
        var topic = run.Logs.Keys.Where(t => run.Logs[t].Count > 0).OrderBy(t => t, StringComparer.Ordinal).ElementAt(0);
        var log = run.Logs[topic];
        var id = log[rng.Next(log.Count)];
        var end = log.Count - 1;
        var at = run.EndMs + 1;
        foreach (var scan in run.FinalScans.Where(s => s.Topic == topic && s.Reach == end))
        {
            run.Records.Add(new ReadRecord(scan.Node, topic, end + 1, id, at++, scan.Scan));
        }

        return $"'{id}' appended again at {topic}/{end + 1}";
    }

    private static string Swap(SimulatedRun run, Random rng)
    {
        // Offsets every final scan covered, so other nodes still show the true values.
        var topic = run.Logs.Keys.OrderBy(t => t, StringComparer.Ordinal).First(t => run.FinalScans.Where(s => s.Topic == t).Min(s => s.Reach) >= 1);
        var common = run.FinalScans.Where(s => s.Topic == topic).Min(s => s.Reach);
        var a = rng.NextInt64(0, common);
        var b = rng.NextInt64(a + 1, common + 1);
        var node = run.Nodes[rng.Next(run.Nodes.Count)];
        var log = run.Logs[topic];
        Replace(
            run,
            r => r.Node == node && r.Topic == topic && (r.Offset == a || r.Offset == b),
            r => r with { Value = r.Offset == a ? log[(int)b] : log[(int)a] });
        return $"{node} swapped {topic}/{a} and {topic}/{b}";
    }

    private static string TwoLeaders(SimulatedRun run, Random rng)
    {
        var claims = run.Records.OfType<StatusRecord>().Where(s => s.Role == NodeRole.Leader).ToList();
        var claim = claims[rng.Next(claims.Count)];
        var usurper = run.Nodes.First(n => n != claim.Node);
        run.Records.Add(claim with { Node = usurper, AtMs = claim.AtMs + 1 });
        return $"{usurper} also leads term {claim.Term}";
    }

    private static void Replace(SimulatedRun run, Func<ReadRecord, bool> match, Func<ReadRecord, ReadRecord> change)
    {
        for (var i = 0; i < run.Records.Count; i++)
        {
            if (run.Records[i] is ReadRecord r && match(r))
            {
                run.Records[i] = change(r);
            }
        }
    }
}
