using System.Buffers.Binary;
using Wiber.Raft;

namespace Wiber.Simulator;

/// <summary>
/// One seeded run: a cluster of <see cref="RaftNode"/>s over a simulated network and disks. Phase one
/// injects the seed's faults and checks the safety invariants after every step; phase two heals everything
/// and demands progress within a bound. Same seed, same run — to the message.
/// </summary>
public sealed partial class Simulation
{
    /// <summary>Network delays are finer than ticks, so messages interleave with timers.</summary>
    public const int StepsPerTick = 10;

    private const int MaxUndecidedProposals = 32;
    private const double ReadsPerTick = 0.3;
    private const double TransfersPerTick = 0.02;

    private readonly int _seed;
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly FaultMix _mix;
    private readonly SimNode[] _nodes;
    private readonly ulong[] _voters;
    private readonly SimNetwork _network;
    private readonly InvariantChecker _checker;
    private readonly Queue<string> _trace = new();
    private long _step;
    private ulong _nextPayload = 1;
    private bool _faultsOn = true;

    public Simulation(int seed, SimulationOptions? options = null)
    {
        _seed = seed;
        _options = options ?? new SimulationOptions();
        _random = new Random(seed);
        _mix = FaultMix.FromSeed(_random);
        _voters = Enumerable.Range(1, _mix.Nodes).Select(i => (ulong)i).ToArray();
        _nodes = _voters.Select(id => new SimNode(id, _voters, _random.Next(StepsPerTick))).ToArray();
        _network = new SimNetwork(_random, _mix, _voters.Length);
        _checker = new InvariantChecker();
        foreach (var node in _nodes)
        {
            Start(node);
        }
    }

    private long Tick => _step / StepsPerTick;

    public SimulationResult Run()
    {
        var livenessUsed = -1;
        try
        {
            RunSafetyPhase();
            if (_checker.Violations.Count == 0)
            {
                livenessUsed = RunLivenessPhase();
            }
        }
#pragma warning disable CA1031 // Any exception out of the core or the simulated host is a finding, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _checker.Fail($"exception at tick {Tick}: {ex.GetType().Name}: {ex.Message}");
        }
        return new SimulationResult(_seed, Tick, _checker.Violations, _mix, livenessUsed, _checker.CommittedCount, _checker.ReadsServed, _trace.ToArray());
    }

    private void RunSafetyPhase()
    {
        var end = (long)_options.SafetyTicks * StepsPerTick;
        while (_step < end && _checker.Violations.Count == 0)
        {
            RunStep();
        }
    }

    private int RunLivenessPhase()
    {
        _faultsOn = false;
        _network.Heal();
        _network.StopLosing();
        Trace("liveness: healed network, restarting every node");
        foreach (var node in _nodes.Where(n => !n.Alive))
        {
            Start(node);
        }
        var startTick = Tick;
        var committedTick = -1L;
        ulong probePayload = 0;
        (ulong Node, ulong Index, ulong Term) probe = default;
        // Progress: a proposal made after the heal commits within the bound. Convergence: then every node
        // applies through it, so each acknowledged entry is compared on every node; a backlog left by the
        // fault phase is allowed time in proportion to the slowest replication it could meet.
        var commitDeadline = _step + (long)_options.LivenessTicks * StepsPerTick;
        var convergeDeadline = commitDeadline + (long)_options.ConvergenceTicks * StepsPerTick;
        while (_checker.Violations.Count == 0)
        {
            if (committedTick < 0 && _step >= commitDeadline)
            {
                _checker.Fail($"liveness: nothing proposed after healing was committed within {_options.LivenessTicks} ticks ({Describe()})");
                break;
            }
            if (_step >= convergeDeadline)
            {
                _checker.Fail($"liveness: nodes did not all apply through {probe.Index} within {_options.ConvergenceTicks} more ticks ({Describe()})");
                break;
            }
            if (committedTick < 0 && _step % StepsPerTick == 0)
            {
                var leader = _nodes.FirstOrDefault(n => n.Raft?.Role == StateRole.Leader);
                var stillValid = probe.Node != 0 && _nodes[probe.Node - 1].Raft is { } r
                    && r.Role == StateRole.Leader && r.TryGetTerm(probe.Index, out var t) && t == probe.Term;
                if (leader is not null && !stillValid)
                {
                    probePayload = _nextPayload++;
                    var result = leader.Raft!.Propose(Payload(probePayload));
                    if (result.IsAccepted)
                    {
                        probe = (leader.Id, result.Index, result.Term);
                        _checker.Proposed(probePayload, leader.Id, result.Index, result.Term);
                    }
                }
            }
            RunStep();
            if (committedTick < 0 && probe.Node != 0 && _checker.IsAcknowledged(probePayload))
            {
                committedTick = Tick;
            }
            if (committedTick >= 0 && _nodes.All(n => n.Applied >= probe.Index))
            {
                return (int)(committedTick - startTick);
            }
        }
        return -1;
    }

    private string Describe() => string.Join(", ", _nodes.Select(n => n.Raft is { } r
        ? $"n{n.Id} {r.Role} term={r.Term} commit={r.CommitIndex} applied={n.Applied}"
        : $"n{n.Id} down"));

    private void RunStep()
    {
        if (_step % StepsPerTick == 0 && _faultsOn)
        {
            InjectFaults();
        }
        if (_step % StepsPerTick == 0)
        {
            RestartDueNodes();
        }
        foreach (var m in _network.Deliver(_step))
        {
            var node = _nodes[m.To - 1];
            if (node.Raft is { } raft)
            {
                var result = raft.Step(m);
                if (_options.Trace)
                {
                    Trace($"deliver {m}{(result.Accepted ? "" : $" ({result.Reason})")}");
                }
            }
        }
        foreach (var node in _nodes)
        {
            if (node.Raft is { } raft && (_step + node.TickPhase) % StepsPerTick == 0)
            {
                raft.Tick();
            }
        }
        // Clients keep a bounded window of unanswered proposals, as real ones do; an unbounded offered
        // load would only measure the backlog, not whether the cluster makes progress.
        if (_faultsOn && _random.NextDouble() < _mix.ProposalsPerTick / StepsPerTick && _checker.Undecided() < MaxUndecidedProposals)
        {
            ProposeSomewhere();
        }
        if (_faultsOn && _random.NextDouble() < ReadsPerTick / StepsPerTick)
        {
            RequestRead();
        }
        if (_faultsOn && _random.NextDouble() < TransfersPerTick / StepsPerTick)
        {
            RequestTransfer();
        }
        if (_options.AsyncWrites)
        {
            SyncSomeDisks();
        }
        foreach (var node in _nodes)
        {
            HandleReadies(node);
        }
        _checker.CheckStep(_nodes, Tick);
        _step++;
    }

    private void InjectFaults()
    {
        _network.MaybeChangePartition(Tick, Trace);
        foreach (var node in _nodes)
        {
            var leading = node.Raft?.Role == StateRole.Leader;
            if (node.Alive && (_random.NextDouble() < _mix.CrashRate || (leading && _random.NextDouble() < _mix.LeaderCrashRate)))
            {
                Crash(node);
            }
        }
    }

    private void RestartDueNodes()
    {
        foreach (var node in _nodes)
        {
            if (!node.Alive && _faultsOn && Tick >= node.RestartAtTick)
            {
                Start(node);
            }
        }
    }

    private void Crash(SimNode node)
    {
        node.Raft = null;
        node.Disk.Crash();
        node.HeldAcks.Clear();
        node.RestartAtTick = Tick + 1 + _random.Next(_mix.MaxDownTicks);
        Trace($"crash n{node.Id} (until tick {node.RestartAtTick})");
    }

    private void Start(SimNode node)
    {
        node.Incarnation++;
        var config = new RaftConfig
        {
            Id = node.Id,
            Peers = _voters,
            ElectionTick = _options.ElectionTick,
            HeartbeatTick = 1,
            PreVote = _mix.PreVote,
            CheckQuorum = _mix.CheckQuorum,
            MaxSizePerMsg = _mix.MaxSizePerMsg,
            MaxInflightMsgs = _mix.MaxInflightMsgs,
            Random = new Random(_random.Next()),
            TestingFaults = _options.Bugs,
            AsyncStorageWrites = _options.AsyncWrites,
        };
        node.Raft = new RaftNode(config, node.Disk.Live);
        node.RestoreFrom(node.Disk.Live.GetSnapshot());
        node.CommitSeen = node.Raft.CommitIndex;
        node.LedTerm = 0;
        _checker.CheckRestoredState(node);
        Trace($"start n{node.Id} #{node.Incarnation} term={node.Raft.Term} vote={node.Raft.Vote} commit={node.Raft.CommitIndex} last={node.Raft.LastIndex} applied={node.Applied}");
    }

    private void ProposeSomewhere()
    {
        var alive = _nodes.Where(n => n.Alive).ToArray();
        if (alive.Length == 0)
        {
            return;
        }
        var target = alive[_random.Next(alive.Length)];
        var payload = _nextPayload++;
        var result = target.Raft!.Propose(Payload(payload));
        if (result.Status == ProposeStatus.NotLeader && result.LeaderHint != 0 && _nodes[result.LeaderHint - 1].Raft is { } leader)
        {
            // A client redirected by the node it asked.
            target = _nodes[result.LeaderHint - 1];
            result = leader.Propose(Payload(payload));
        }
        if (result.IsAccepted)
        {
            _checker.Proposed(payload, target.Id, result.Index, result.Term);
            Trace($"propose p{payload} at n{target.Id} -> {result.Term}/{result.Index}");
        }
    }

    /// <summary>A linearizable read at a random node; the checker verifies the index it is served at.</summary>
    private void RequestRead()
    {
        var alive = _nodes.Where(n => n.Alive).ToArray();
        if (alive.Length == 0)
        {
            return;
        }
        var node = alive[_random.Next(alive.Length)];
        var id = _checker.ReadRequested(node.Id);
        var result = node.Raft!.ReadIndex(id);
        Trace($"read r{id} at n{node.Id}: {result}");
    }

    private void RequestTransfer()
    {
        var leader = _nodes.FirstOrDefault(n => n.Raft?.Role == StateRole.Leader);
        if (leader is null)
        {
            return;
        }
        var target = _voters[_random.Next(_voters.Length)];
        var result = leader.Raft!.TransferLeadership(target);
        Trace($"transfer leadership n{leader.Id} -> n{target}: {result}");
    }

    private static byte[] Payload(ulong id)
    {
        var data = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(data, id);
        return data;
    }

    private void HandleReadies(SimNode node)
    {
        var rounds = 0;
        while (node.Raft is { } raft && raft.HasReady)
        {
            if (++rounds > 100)
            {
                // Each Ready must make progress; a node that always has more is spinning.
                _checker.Fail($"n{node.Id} still has a Ready after 100 rounds in one step: the core is not converging");
                return;
            }
            var rd = raft.GetReady();
            if (_options.Trace && rd.SoftState is { } soft)
            {
                Trace($"n{node.Id} is {soft.Role} in term {raft.Term} (leader {soft.Leader})");
            }
            if (_options.AsyncWrites)
            {
                PersistWithoutWaiting(node, rd);
            }
            else
            {
                Persist(node, rd);
            }
            _checker.CheckPersisted(node, rd.Entries);
            foreach (var m in rd.Messages)
            {
                if (_options.AsyncWrites && AcknowledgesMoreThanDurable(node, m))
                {
                    node.HeldAcks.Add(m);
                    continue;
                }
                _network.Send(m, _step);
            }
            if (rd.Snapshot is { } snapshot)
            {
                node.RestoreFrom(snapshot);
                _checker.CheckSnapshotInstalled(node, snapshot);
                Trace($"n{node.Id} installed snapshot {snapshot.Metadata.Term}/{snapshot.Metadata.Index}");
            }
            foreach (var e in rd.CommittedEntries)
            {
                _checker.Apply(node, e);
            }
            foreach (var read in rd.ReadStates)
            {
                _checker.ReadServed(node.Id, read);
            }
            raft.Advance(rd);
            MaybeSnapshot(node);
        }
    }

    private static void Persist(SimNode node, Ready rd)
    {
        if (rd.Snapshot is { } snapshot)
        {
            node.Disk.Write(s => s.ApplySnapshot(snapshot), sync: true);
        }
        if (rd.Entries.Count > 0)
        {
            var entries = rd.Entries;
            node.Disk.Write(s => s.Append(entries), rd.MustSync);
        }
        if (!rd.HardState.IsEmpty)
        {
            var hs = rd.HardState;
            node.Disk.Write(s => s.SetHardState(hs), rd.MustSync);
        }
        else if (rd.MustSync)
        {
            node.Disk.Sync();
        }
    }

    /// <summary>
    /// The broker host's way: entries go to the page cache and the Ready is done; only a new term or vote
    /// and a snapshot are synced on the spot, and a truncation is synced before anything is written past it.
    /// </summary>
    private static void PersistWithoutWaiting(SimNode node, Ready rd)
    {
        if (rd.Snapshot is { } snapshot)
        {
            node.Disk.Write(s => s.ApplySnapshot(snapshot), sync: true);
        }
        if (rd.Entries.Count > 0)
        {
            var entries = rd.Entries;
            var truncates = entries[0].Index <= node.Disk.Live.LastIndex;
            node.Disk.Write(s => s.Append(entries), sync: truncates);
        }
        if (!rd.HardState.IsEmpty)
        {
            var hs = rd.HardState;
            var durable = node.Disk.Durable.HardState;
            node.Disk.Write(s => s.SetHardState(hs), sync: hs.Term != durable.Term || hs.Vote != durable.Vote);
        }
    }

    private static bool AcknowledgesMoreThanDurable(SimNode node, Message m) =>
        m.Type == MessageType.AppendResponse && !m.Reject && m.Index > node.Disk.Durable.LastIndex;

    /// <summary>Background fsyncs finishing at random moments: report them, then release the acknowledgements they cover.</summary>
    private void SyncSomeDisks()
    {
        foreach (var node in _nodes)
        {
            if (node.Raft is not { } raft || _random.NextDouble() >= 0.3)
            {
                continue;
            }
            node.Disk.Sync();
            var durable = node.Disk.Durable.LastIndex;
            raft.ReportDurable(durable);
            var still = node.HeldAcks.Where(m => m.Index > durable).ToList();
            foreach (var m in node.HeldAcks.Where(m => m.Index <= durable))
            {
                _network.Send(m, _step);
            }
            node.HeldAcks.Clear();
            node.HeldAcks.AddRange(still);
        }
    }

    private void MaybeSnapshot(SimNode node)
    {
        var interval = (ulong)_mix.SnapshotInterval;
        var live = node.Disk.Live;
        if (interval == 0 || node.Applied < live.GetSnapshot().Metadata.Index + interval || node.Applied > live.LastIndex)
        {
            return;
        }
        var index = node.Applied;
        var data = node.SnapshotData();
        var compactTo = index > (ulong)_mix.CompactionLag ? index - (ulong)_mix.CompactionLag : 0;
        // Snapshot files are written with fsync, after the log they cover is synced.
        node.Disk.Sync();
        node.Disk.Write(s =>
        {
            s.CreateSnapshot(index, data);
            if (compactTo > 0)
            {
                s.Compact(compactTo);
            }
        }, sync: true);
        Trace($"n{node.Id} snapshot at {index}, compacted to {compactTo}");
    }

    private void Trace(string text)
    {
        if (!_options.Trace)
        {
            return;
        }
        var line = $"[t{Tick}.{_step % StepsPerTick}] {text}";
        _options.TraceSink?.Invoke(line);
        _trace.Enqueue(line);
        while (_trace.Count > 400)
        {
            _trace.Dequeue();
        }
    }
}
