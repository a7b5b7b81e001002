namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>Nodes in known states, built without a network so each test controls every message.</summary>
internal static class Nodes
{
    public static readonly ulong[] Three = [1, 2, 3];

    /// <summary>
    /// Node 1 restarted from storage holding entries 1..n with <paramref name="entryTerms"/>, at
    /// <paramref name="term"/> with <paramref name="commit"/>; a follower that knows no leader yet.
    /// </summary>
    public static TestNode Follower(ulong term, ulong commit, ulong[] entryTerms, Func<RaftConfig, RaftConfig>? configure = null)
    {
        var storage = new MemoryStorage(Three);
        storage.Append(Msg.Run(1, entryTerms));
        storage.SetHardState(new HardState(term, 0, commit));
        var node = new TestNode(TestNode.Configure(1, Three, configure, seed: 7), storage);
        node.Process();
        return node;
    }

    /// <summary>A follower of leader 2 in <paramref name="term"/> (it heard a heartbeat).</summary>
    public static TestNode FollowerOf2(ulong term, ulong commit, ulong[] entryTerms, Func<RaftConfig, RaftConfig>? configure = null)
    {
        var node = Follower(term, commit, entryTerms, configure);
        node.Deliver(Msg.Heartbeat(2, 1, term, commit));
        return node;
    }

    /// <summary>
    /// Node 1 elected leader of {1,2,3} in term 1 with node 2's (pre)votes; its no-op is entry 1, nobody
    /// has acknowledged anything, so 2 and 3 are in Probe.
    /// </summary>
    public static TestNode Leader(Func<RaftConfig, RaftConfig>? configure = null)
    {
        var node = new TestNode(1, Three, configure, seed: 7);
        node.Raft.Campaign();
        node.Process();
        if (node.Raft.Role == StateRole.PreCandidate)
        {
            node.Deliver(new Message { Type = MessageType.PreVoteResponse, From = 2, To = 1, Term = 1 });
        }
        node.Deliver(new Message { Type = MessageType.VoteResponse, From = 2, To = 1, Term = 1 });
        if (node.Raft.Role != StateRole.Leader)
        {
            throw new InvalidOperationException($"setup: node 1 did not become leader: {node.Raft.Status()}");
        }
        return node;
    }

    /// <summary>A leader whose follower 2 acknowledged the no-op: 2 is in Replicate and entry 1 is committed.</summary>
    public static TestNode LeaderReplicatingTo2(Func<RaftConfig, RaftConfig>? configure = null)
    {
        var node = Leader(configure);
        node.Deliver(Msg.AppendAck(2, 1, 1, 1));
        return node;
    }

    public static PeerProgress ProgressOf(RaftNode leader, ulong peer) =>
        leader.Status().Progress.Single(p => p.Id == peer);
}
