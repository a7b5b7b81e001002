namespace Wiber.Raft;

/// <summary>
/// One Raft node as a pure state machine (etcd/raft's design). Time moves only through <see cref="Tick"/>,
/// messages arrive only through <see cref="Step"/>, and every effect leaves through <see cref="GetReady"/>:
/// the host persists, sends and applies, then calls <see cref="Advance"/>. No I/O, threads or clocks, so a
/// seeded simulator can replay any run exactly. Not thread-safe: one host loop owns it.
/// </summary>
public sealed partial class RaftNode
{
    private readonly RaftConfig _config;
    private readonly RaftLog _log;
    private readonly ulong[] _voters;
    private readonly Dictionary<ulong, Progress> _progress = [];
    private readonly Dictionary<ulong, bool> _votes = [];
    private List<Message> _messages = [];

    private int _electionElapsed;
    private int _heartbeatElapsed;
    private int _randomizedElectionTimeout;
    private ulong _leadTransferee;
    private long _uncommittedSize;
    private bool _broadcastPending;

    private HardState _persistedHardState;
    private SoftState _reportedSoftState;
    private bool _readyOutstanding;

    public RaftNode(RaftConfig config, IRaftStorage storage)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(storage);
        config.Validate();
        _config = config;
        _log = new RaftLog(storage);

        var (hardState, storedVoters) = storage.InitialState();
        var voters = storedVoters.Count > 0 ? storedVoters : config.Peers;
        if (!voters.Contains(config.Id))
        {
            throw new ArgumentException($"node {config.Id} is not among the voters [{string.Join(",", voters)}]", nameof(config));
        }
        _voters = voters.Distinct().Order().ToArray();
        foreach (var id in _voters)
        {
            _progress[id] = new Progress(config.MaxInflightMsgs, config.MaxInflightBytes);
        }

        if (!hardState.IsEmpty)
        {
            Term = hardState.Term;
            Vote = hardState.Vote;
            _log.RestoreCommit(hardState.Commit, config.Applied);
        }
        else if (config.Applied > 0)
        {
            _log.RestoreCommit(0, config.Applied);
        }
        _persistedHardState = hardState;
        // Whatever storage holds at start-up was read back from it: durable by definition.
        _durableIndex = _log.LastIndex;
        BecomeFollower(Term, 0);
        _reportedSoftState = new SoftState(Leader, Role);
    }

    public ulong Id => _config.Id;

    public ulong Term { get; private set; }

    /// <summary>Who this node voted for in <see cref="Term"/> (0 = nobody).</summary>
    public ulong Vote { get; private set; }

    /// <summary>The leader this node knows of in <see cref="Term"/> (0 = none).</summary>
    public ulong Leader { get; private set; }

    public StateRole Role { get; private set; }

    public ulong CommitIndex => _log.Committed;

    public ulong AppliedIndex => _log.Applied;

    public ulong LastIndex => _log.LastIndex;

    public ulong FirstIndex => _log.FirstIndex;

    public IReadOnlyList<ulong> Voters => _voters;

    private int Quorum => _voters.Length / 2 + 1;

    private bool Faulty(RaftFaults fault) => (_config.TestingFaults & fault) != 0;

    /// <summary>The leader's record of what <paramref name="peer"/> holds (for invariant checks).</summary>
    internal ulong MatchOf(ulong peer) => _progress.TryGetValue(peer, out var pr) ? pr.Match : 0;

    /// <summary>The term of the entry at <paramref name="index"/> in this node's log (stable or not).</summary>
    public bool TryGetTerm(ulong index, out ulong term) => _log.TryGetTerm(index, out term);

    /// <summary>Advances logical time by one tick: elections for followers, heartbeats and quorum checks for leaders.</summary>
    public void Tick()
    {
        if (Role == StateRole.Leader)
        {
            TickLeader();
        }
        else
        {
            TickElection();
        }
    }

    /// <summary>Starts an election now (PreVote first when enabled), as if the election timeout had passed.</summary>
    public void Campaign() => Hup(transfer: false);

    /// <summary>
    /// Proposes a command. Accepted means appended at (Index, Term) on this leader; it is committed when the
    /// host applies an entry with exactly that index and term. Anything else means it was not appended here.
    /// </summary>
    public ProposeResult Propose(ReadOnlyMemory<byte> data)
    {
        if (Role != StateRole.Leader)
        {
            return new ProposeResult(ProposeStatus.NotLeader, 0, 0, Leader);
        }
        if (_leadTransferee != 0)
        {
            return new ProposeResult(ProposeStatus.TransferInProgress, 0, 0, Id);
        }
        var entry = Entry.Normal(_log.LastIndex + 1, Term, data);
        if (!IncreaseUncommittedSize(entry.Size))
        {
            return new ProposeResult(ProposeStatus.Backpressure, 0, 0, Id);
        }
        AppendEntries([entry]);
        // Appends to followers go out when the host next asks for a Ready: many proposals, one message.
        _broadcastPending = true;
        return new ProposeResult(ProposeStatus.Accepted, entry.Index, entry.Term, Id);
    }

    /// <summary>Asks the leader to hand leadership to <paramref name="target"/> (forwarded if we are a follower).</summary>
    public StepResult TransferLeadership(ulong target)
    {
        return Role switch
        {
            StateRole.Leader => HandleTransferLeader(target),
            _ when Leader != 0 => Forward(new Message { Type = MessageType.TransferLeader, From = Id, To = Leader, Term = Term, Index = target }),
            _ => StepResult.Ignored("no leader to transfer from"),
        };
    }

    /// <summary>
    /// Requests a linearizable read. A <see cref="ReadState"/> with this <paramref name="requestId"/> appears in a
    /// later Ready once leadership is confirmed by a quorum; the read is safe when its index is applied.
    /// </summary>
    public StepResult ReadIndex(ulong requestId)
    {
        var m = new Message { Type = MessageType.ReadIndex, From = Id, To = Id, Term = 0, Context = requestId };
        if (Role == StateRole.Leader)
        {
            return HandleReadIndexAsLeader(m);
        }
        return Leader != 0 ? Forward(m with { To = Leader, Term = Term }) : StepResult.Ignored("no leader to confirm the read");
    }

    /// <summary>The host could not deliver to <paramref name="peer"/>: stop pipelining to it and probe again.</summary>
    public void ReportUnreachable(ulong peer)
    {
        if (Role == StateRole.Leader && peer != Id && _progress.TryGetValue(peer, out var pr) && pr.State == ProgressState.Replicate)
        {
            pr.BecomeProbe();
        }
    }

    /// <summary>The host finished (or failed) sending a snapshot to <paramref name="peer"/>.</summary>
    public void ReportSnapshot(ulong peer, bool succeeded)
    {
        if (Role != StateRole.Leader || peer == Id || !_progress.TryGetValue(peer, out var pr) || pr.State != ProgressState.Snapshot)
        {
            return;
        }
        if (!succeeded)
        {
            pr.ForgetPendingSnapshot();
        }
        pr.BecomeProbe();
        // Wait for the follower's answer (or a heartbeat answer) before probing again.
        pr.ProbeSent = true;
    }

    public RaftStatus Status()
    {
        var progress = Role == StateRole.Leader
            ? _voters.Select(id => _progress[id]).Zip(_voters, (p, id) => new PeerProgress(id, p.Match, p.Next, p.State, p.RecentActive, p.Inflights.Count)).ToArray()
            : [];
        return new RaftStatus(Id, Role, Term, Vote, Leader, _log.Committed, _log.Applied, _log.FirstIndex, _log.LastIndex, _leadTransferee, progress);
    }

    private StepResult Forward(Message m)
    {
        _messages.Add(m);
        return StepResult.Ok;
    }

    private void Send(Message m) => _messages.Add(m);

    private void TickElection()
    {
        _electionElapsed++;
        if (_electionElapsed >= _randomizedElectionTimeout)
        {
            _electionElapsed = 0;
            Hup(transfer: false);
        }
    }

    private void ResetRandomizedElectionTimeout()
    {
        _randomizedElectionTimeout = _config.ElectionTick + _config.Random.Next(_config.ElectionTick);
    }
}
