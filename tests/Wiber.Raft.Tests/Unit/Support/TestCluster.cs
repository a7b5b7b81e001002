namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>
/// An in-memory cluster with a message pool the test controls: deliver in order, drop, duplicate or reorder.
/// Every message a node sends is also kept in <see cref="Sent"/>, the corpus of real traffic for mutation.
/// </summary>
internal sealed class TestCluster
{
    private readonly Dictionary<ulong, TestNode> _nodes = [];

    public TestCluster(int size, int seed, Func<RaftConfig, RaftConfig>? configure = null)
    {
        var ids = Enumerable.Range(1, size).Select(i => (ulong)i).ToArray();
        foreach (var id in ids)
        {
            _nodes[id] = new TestNode(id, ids, configure, seed: seed * 31 + (int)id);
        }
        Ids = ids;
    }

    public IReadOnlyList<ulong> Ids { get; }

    public TestNode this[ulong id] => _nodes[id];

    public IEnumerable<TestNode> All => _nodes.Values;

    /// <summary>Sent but not yet delivered.</summary>
    public List<Message> Pool { get; } = [];

    /// <summary>Everything any node ever sent.</summary>
    public List<Message> Sent { get; } = [];

    /// <summary>Steps <paramref name="m"/> into its addressee (or <paramref name="into"/>) and pools what that causes.</summary>
    public StepResult Step(Message m, ulong? into = null)
    {
        var node = _nodes[into ?? m.To];
        var result = node.Raft.Step(m);
        Collect(node);
        return result;
    }

    public void Collect(TestNode node)
    {
        var sent = node.Process();
        Pool.AddRange(sent);
        Sent.AddRange(sent);
    }

    public void Tick(ulong id)
    {
        var node = _nodes[id];
        node.Raft.Tick();
        Collect(node);
    }

    /// <summary>Delivers the pool in order (including what deliveries cause) until it is empty.</summary>
    public void DeliverAll(int maxMessages = 100_000)
    {
        for (var delivered = 0; Pool.Count > 0; delivered++)
        {
            if (delivered == maxMessages)
            {
                var tail = string.Join("; ", Pool.Take(6));
                throw new InvalidOperationException($"traffic did not settle after {maxMessages} messages; next: {tail}; {Describe()}");
            }
            var m = Pool[0];
            Pool.RemoveAt(0);
            if (_nodes.ContainsKey(m.To))
            {
                Step(m);
            }
        }
    }

    /// <summary>One round of normal operation: every node ticks, then all traffic is delivered.</summary>
    public void TickAllAndDeliver(int maxMessages = 100_000)
    {
        foreach (var id in Ids)
        {
            Tick(id);
        }
        DeliverAll(maxMessages);
    }

    /// <summary>Every node's status and, for leaders, each follower's progress: for failure messages.</summary>
    public string Describe() => string.Join(" | ", _nodes.Values.Select(n =>
    {
        var s = n.Raft.Status();
        var progress = string.Join(", ", s.Progress.Select(p => $"{p.Id}:{p.State} match={p.Match} next={p.Next}"));
        return $"{s.Id} {s.Role} term={s.Term} vote={s.Vote} lead={s.Leader} commit={s.Commit} last={s.LastIndex} log=[{NodeState.Of(n.Raft).LogTerms}] {progress}";
    }));

    public List<TestNode> Leaders => _nodes.Values.Where(n => n.Raft.Role == StateRole.Leader).ToList();

    /// <summary>
    /// Runs normal operation until exactly one leader exists and a proposal made through it is applied by it
    /// and by a quorum. Returns the ticks it took, or -1 if it did not happen within <paramref name="maxTicks"/>.
    /// </summary>
    public int RunUntilCommitted(ReadOnlyMemory<byte> data, int maxTicks)
    {
        (ulong Index, ulong Term)? proposed = null;
        for (var tick = 0; tick < maxTicks; tick++)
        {
            TickAllAndDeliver();
            var leaders = Leaders;
            if (leaders.Count != 1)
            {
                continue;
            }
            var leader = leaders[0];
            if (proposed is { } p && leader.Raft.Term == p.Term)
            {
                var appliedBy = _nodes.Values.Count(n => n.Applied.Any(e => e.Index == p.Index && e.Term == p.Term && e.Data.Span.SequenceEqual(data.Span)));
                if (appliedBy >= Ids.Count / 2 + 1)
                {
                    return tick;
                }
                continue;
            }
            var result = leader.Raft.Propose(data);
            if (result.IsAccepted)
            {
                proposed = (result.Index, result.Term);
                Collect(leader);
            }
        }
        return -1;
    }
}
