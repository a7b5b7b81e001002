using System.Buffers.Binary;
using Wiber.Raft;

namespace Wiber.Simulator;

/// <summary>
/// Raft's safety properties, checked as the run goes (Raft paper, Figure 3), plus the client's view:
/// election safety, log matching, leader completeness, state machine safety, commit never decreasing, and
/// no acknowledged proposal lost. Records the first violations and the committed history they refer to.
/// </summary>
internal sealed class InvariantChecker
{
    private readonly List<string> _violations = [];
    // The committed history as first applied anywhere: index → (term, payload), and a chain hash per index.
    private readonly List<(ulong Term, ulong Payload)> _committed = [(0, 0)];
    private readonly List<ulong> _chain = [0];
    private readonly Dictionary<ulong, ulong> _leaderOfTerm = [];
    // Log matching: an (index, term) pair must always name the same entry after the same predecessor term.
    private readonly Dictionary<(ulong Index, ulong Term), (ulong PrevTerm, ulong Payload)> _entries = [];
    private readonly Dictionary<ulong, (ulong Node, ulong Index, ulong Term)> _pending = [];
    private readonly Dictionary<ulong, ulong> _acknowledged = [];

    // Read request id → (node asked, newest committed index when asked): a linearizable read must see it.
    private readonly Dictionary<ulong, (ulong Node, ulong MinIndex)> _reads = [];
    private ulong _nextReadId;

    public IReadOnlyList<string> Violations => _violations;

    public int ReadsServed { get; private set; }

    public ulong ReadRequested(ulong node)
    {
        var id = ++_nextReadId;
        _reads[id] = (node, (ulong)_committed.Count - 1);
        return id;
    }

    /// <summary>Linearizable reads: the index a read is served at covers every entry committed before it was asked.</summary>
    public void ReadServed(ulong node, ReadState read)
    {
        // A duplicated network message can release the same read twice; each release must still be safe.
        if (!_reads.TryGetValue(read.RequestId, out var request))
        {
            Fail($"n{node} served read r{read.RequestId} that was never asked");
            return;
        }
        if (request.Node != node)
        {
            Fail($"read r{read.RequestId} asked at n{request.Node} was served at n{node}");
        }
        if (read.Index < request.MinIndex)
        {
            Fail($"stale read: r{read.RequestId} served at index {read.Index}, but {request.MinIndex} was committed before it was asked");
        }
        ReadsServed++;
    }

    public long CommittedCount => _committed.Count - 1;

    public void Fail(string violation)
    {
        if (_violations.Count < 10)
        {
            _violations.Add(violation);
        }
    }

    public void Proposed(ulong payload, ulong node, ulong index, ulong term) => _pending[payload] = (node, index, term);

    /// <summary>Proposals whose fate is still open: their index is not yet in the committed history.</summary>
    public int Undecided()
    {
        var decidedUpTo = (ulong)_committed.Count - 1;
        foreach (var (payload, p) in _pending)
        {
            if (p.Index <= decidedUpTo)
            {
                // Something else was committed at its index: the proposal failed (the client would retry).
                _pending.Remove(payload);
            }
        }
        return _pending.Count;
    }

    public bool IsAcknowledged(ulong payload) => _acknowledged.ContainsKey(payload);

    private static ulong PayloadOf(in Entry e) => e.Data.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(e.Data.Span) : 0;

    /// <summary>State machine safety: every node applies the same entry at each index, in order, once.</summary>
    public void Apply(SimNode node, in Entry e)
    {
        if (e.Index != node.Applied + 1)
        {
            Fail($"n{node.Id} applied index {e.Index} after {node.Applied}: out of order");
            return;
        }
        node.Applied = e.Index;
        node.Chain = SimNode.Mix(node.Chain, e);
        var payload = PayloadOf(e);
        var index = (int)e.Index;
        if (index < _committed.Count)
        {
            var (term, known) = _committed[index];
            if (term != e.Term || known != payload)
            {
                Fail($"state machine safety: n{node.Id} applied {e.Term}/{e.Index} p{payload}, but {term}/{e.Index} p{known} was applied before{LostAck(known)}");
            }
            else if (_chain[index] != node.Chain)
            {
                Fail($"state machine safety: n{node.Id} history before index {e.Index} differs from the committed one");
            }
        }
        else if (index == _committed.Count)
        {
            _committed.Add((e.Term, payload));
            _chain.Add(node.Chain);
        }
        else
        {
            Fail($"n{node.Id} applied index {e.Index} but the committed history ends at {_committed.Count - 1}");
        }

        if (_pending.TryGetValue(payload, out var p) && p.Node == node.Id && p.Index == e.Index && p.Term == e.Term)
        {
            // The node that accepted the proposal applied it where it said: the client has its answer.
            _pending.Remove(payload);
            _acknowledged[payload] = e.Index;
        }
    }

    private string LostAck(ulong payload) =>
        _acknowledged.ContainsKey(payload) ? $" — acknowledged proposal p{payload} lost" : "";

    public void CheckSnapshotInstalled(SimNode node, Snapshot snapshot)
    {
        var index = (int)snapshot.Metadata.Index;
        if (index >= _chain.Count)
        {
            Fail($"n{node.Id} installed a snapshot at {index} beyond the committed history ({_chain.Count - 1})");
        }
        else if (_chain[index] != node.Chain)
        {
            Fail($"state machine safety: n{node.Id} installed a snapshot at {index} whose state differs from the committed history");
        }
    }

    public void CheckRestoredState(SimNode node)
    {
        var raft = node.Raft!;
        if (raft.CommitIndex > raft.LastIndex)
        {
            Fail($"n{node.Id} restarted with commit {raft.CommitIndex} beyond its log ({raft.LastIndex})");
        }
        if (node.Applied > 0)
        {
            CheckSnapshotInstalled(node, node.Disk.Live.GetSnapshot());
        }
    }

    /// <summary>Log matching, checked on every entry as it is persisted.</summary>
    public void CheckPersisted(SimNode node, IReadOnlyList<Entry> entries)
    {
        var raft = node.Raft!;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            ulong prevTerm;
            if (i > 0)
            {
                prevTerm = entries[i - 1].Term;
            }
            else if (!raft.TryGetTerm(e.Index - 1, out prevTerm))
            {
                continue;
            }
            var identity = (prevTerm, PayloadOf(e));
            if (_entries.TryGetValue((e.Index, e.Term), out var known))
            {
                if (known != identity)
                {
                    Fail($"log matching: n{node.Id} holds {e.Term}/{e.Index} p{identity.Item2} after term {prevTerm}, elsewhere it is p{known.Payload} after term {known.PrevTerm}");
                }
            }
            else
            {
                _entries[(e.Index, e.Term)] = identity;
            }
        }
    }

    /// <summary>After every step: election safety, leader completeness, commit monotonicity.</summary>
    public void CheckStep(SimNode[] nodes, long tick)
    {
        CheckNewestCommitIsSafe(nodes, tick);
        foreach (var node in nodes)
        {
            if (node.Raft is not { } raft)
            {
                continue;
            }
            if (raft.CommitIndex < node.CommitSeen)
            {
                Fail($"n{node.Id} commit index went down from {node.CommitSeen} to {raft.CommitIndex} at tick {tick}");
            }
            node.CommitSeen = raft.CommitIndex;
            if (raft.Role != StateRole.Leader)
            {
                continue;
            }
            CheckReplicationRecords(nodes, raft, tick);
            if (node.LedTerm == raft.Term)
            {
                continue;
            }
            node.LedTerm = raft.Term;
            if (_leaderOfTerm.TryGetValue(raft.Term, out var other) && other != node.Id)
            {
                Fail($"election safety: n{node.Id} and n{other} both lead term {raft.Term} (tick {tick})");
            }
            _leaderOfTerm[raft.Term] = node.Id;
            CheckLeaderCompleteness(node, raft, tick);
        }
    }

    /// <summary>
    /// What a leader counts to commit must be true: a follower in the leader's term still holds every entry
    /// it acknowledged. Only the leader of that term writes to it, and never conflicting entries.
    /// </summary>
    private void CheckReplicationRecords(SimNode[] nodes, RaftNode leader, long tick)
    {
        foreach (var follower in nodes)
        {
            if (follower.Raft is not { } f || f.Id == leader.Id || f.Term != leader.Term)
            {
                continue;
            }
            var match = leader.MatchOf(f.Id);
            if (match == 0 || match < f.FirstIndex - 1 || match < leader.FirstIndex - 1)
            {
                continue;
            }
            if (!f.TryGetTerm(match, out var held) || !leader.TryGetTerm(match, out var expected) || held != expected)
            {
                Fail($"replication record: leader n{leader.Id} counts n{f.Id} as holding index {match} in term {leader.Term}, but n{f.Id}'s log ends at {f.LastIndex}{(f.TryGetTerm(match, out var t) ? $" with term {t} there" : "")} (tick {tick})");
                return;
            }
        }
    }

    /// <summary>
    /// Leader completeness, looked at from the other side, and before anyone acts on it: a node whose log
    /// lacks the newest committed entry must not be able to collect a quorum of votes — counting every
    /// node, up or down, by the log it has written (what it would vote with after a restart). Correct Raft
    /// guarantees it at every instant; committing an old-term entry by counting (Figure 8) breaks it at once.
    /// </summary>
    private void CheckNewestCommitIsSafe(SimNode[] nodes, long tick)
    {
        var index = (ulong)_committed.Count - 1;
        if (index == 0)
        {
            return;
        }
        var term = _committed[(int)index].Term;
        var quorum = nodes.Length / 2 + 1;
        foreach (var candidate in nodes)
        {
            var log = candidate.Disk.Live;
            var holds = index < log.FirstIndex - 1 || (log.TryGetTerm(index, out var t) && t == term);
            if (holds)
            {
                continue;
            }
            var lastIndex = log.LastIndex;
            log.TryGetTerm(lastIndex, out var lastTerm);
            var voters = 0;
            foreach (var voter in nodes)
            {
                var other = voter.Disk.Live;
                other.TryGetTerm(other.LastIndex, out var otherTerm);
                if (lastTerm > otherTerm || (lastTerm == otherTerm && lastIndex >= other.LastIndex))
                {
                    voters++;
                }
            }
            if (voters >= quorum)
            {
                Fail($"committed entry {term}/{index} is not safe: n{candidate.Id} lacks it yet {voters} nodes' logs would let it win an election (tick {tick})");
                return;
            }
        }
    }

    private void CheckLeaderCompleteness(SimNode node, RaftNode raft, long tick)
    {
        for (var i = (ulong)_committed.Count - 1; i >= 1; i--)
        {
            if (i < raft.FirstIndex - 1)
            {
                // Covered by this leader's snapshot, whose state was checked when it was installed or taken.
                break;
            }
            if (!raft.TryGetTerm(i, out var term) || term != _committed[(int)i].Term)
            {
                Fail($"leader completeness: n{node.Id} leads term {raft.Term} at tick {tick} without committed entry {_committed[(int)i].Term}/{i}{LostAck(_committed[(int)i].Payload)}");
                return;
            }
        }
    }
}
