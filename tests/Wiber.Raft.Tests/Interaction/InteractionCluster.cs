using System.Text;

namespace Wiber.Raft.Tests.Interaction;

/// <summary>
/// An in-memory cluster driven by script commands. Nothing happens on its own: time moves only when a
/// command ticks a node, and messages move only when a command delivers them, so every step of a scenario
/// is visible in the script. Each command returns the lines it prints (<c>ok</c> when it printed nothing).
/// <code>
/// add-nodes N [prevote=false] [checkquorum=false] [election=10] [heartbeat=1] [max-msg-bytes=1048576]
/// campaign ID                      start an election now (PreVote first when enabled)
/// tick-election ID…                one election timeout passes on each node (election ticks)
/// tick-heartbeat ID…               one heartbeat interval passes on each node (heartbeat ticks)
/// propose ID DATA                  DATA is one word
/// transfer-leadership from=ID to=ID
/// read-index ID CTX                CTX is the request id echoed in the ReadState
/// stabilize [ID…]                  handle Readies and deliver messages until nothing is left
/// process-ready ID…                handle one Ready: persist, send, apply, Advance
/// deliver-msgs [drop] ID…          step (or lose) every message waiting for each node
/// isolate ID | cut ID ID | recover partitions, checked when a message is sent
/// compact ID INDEX                 snapshot the applied state at INDEX and drop the log before it
/// restart ID                       rebuild the node from its MemoryStorage
/// raft-state | raft-log ID | raft-progress ID
/// </code>
/// Output: "> N handling Ready (fsync)" lists what the Ready carried, in the order the host acts on it
/// (HardState, Snapshot, Entries, then messages sent, then Committed entries applied, then ReadStates);
/// "> N receiving messages" lists each message stepped, indented underneath what it changed or why it was
/// ignored. Terms and indexes print as term/index.
/// </summary>
internal sealed partial class InteractionCluster
{
    private readonly SortedDictionary<ulong, ClusterNode> _nodes = [];

    // Unordered pairs of nodes that cannot reach each other; checked when a message is sent.
    private readonly HashSet<(ulong, ulong)> _cuts = [];

    private RaftConfig _template = new() { Id = 1 };

    public IReadOnlyList<string> Execute(ScriptCommand command)
    {
        var args = new ScriptArgs(command.Words.Skip(1));
        var output = new ScriptOutput();
        switch (command.Name)
        {
            case "add-nodes": AddNodes(args, output); break;
            case "campaign": Campaign(args, output); break;
            case "tick-election": Tick(args, output, _template.ElectionTick); break;
            case "tick-heartbeat": Tick(args, output, _template.HeartbeatTick); break;
            case "propose": Propose(args, output); break;
            case "transfer-leadership": TransferLeadership(args, output); break;
            case "read-index": ReadIndex(args, output); break;
            case "stabilize": Stabilize(args, output); break;
            case "process-ready": ProcessReady(args, output); break;
            case "deliver-msgs": DeliverMessages(args, output); break;
            case "isolate": Isolate(args, output); break;
            case "cut": Cut(args, output); break;
            case "recover": _cuts.Clear(); break;
            case "compact": Compact(args, output); break;
            case "restart": Restart(args, output); break;
            case "raft-state": RaftState(output); break;
            case "raft-log": RaftLog(args, output); break;
            case "raft-progress": RaftProgress(args, output); break;
            default: throw new FormatException($"unknown command '{command.Name}'");
        }
        args.EnsureAllRead();
        return output.Lines.Count > 0 ? output.Lines : ["ok"];
    }

    /// <summary>add-nodes N [prevote=false] [checkquorum=false] [election=10] [heartbeat=1] [max-msg-bytes=1048576]</summary>
    private void AddNodes(ScriptArgs args, ScriptOutput output)
    {
        if (_nodes.Count > 0)
        {
            throw new InvalidOperationException("add-nodes may run once per script");
        }
        var count = args.Id(0);
        var ids = Enumerable.Range(1, (int)count).Select(i => (ulong)i).ToArray();
        // Classic Raft unless a script opts in, so each script states the features it relies on.
        _template = new RaftConfig
        {
            Id = 1,
            Peers = ids,
            PreVote = args.Bool("prevote", false),
            CheckQuorum = args.Bool("checkquorum", false),
            ElectionTick = args.Int("election", 10),
            HeartbeatTick = args.Int("heartbeat", 1),
            MaxSizePerMsg = args.Int("max-msg-bytes", 1 << 20),
        };
        foreach (var id in ids)
        {
            _nodes[id] = new ClusterNode(_template with { Id = id, Random = new DeterministicRandom() }, new MemoryStorage(ids));
        }
        RaftState(output);
    }

    private void Campaign(ScriptArgs args, ScriptOutput output)
    {
        var node = Node(args.Id(0));
        output.AddIndented(Observe(node, () => node.Raft.Campaign()), "");
    }

    /// <summary>Ticks each node <paramref name="ticks"/> times, printing any change of role, term or leader.</summary>
    private void Tick(ScriptArgs args, ScriptOutput output, int ticks)
    {
        foreach (var id in args.Ids())
        {
            var node = Node(id);
            for (var i = 0; i < ticks; i++)
            {
                output.AddIndented(Observe(node, () => node.Raft.Tick()), "");
            }
        }
    }

    private void Propose(ScriptArgs args, ScriptOutput output)
    {
        var node = Node(args.Id(0));
        var data = args.Word(1);
        var result = node.Raft.Propose(Encoding.UTF8.GetBytes(data));
        output.Line(result.Status switch
        {
            ProposeStatus.Accepted => $"accepted at {result.Term}/{result.Index}",
            ProposeStatus.NotLeader => $"rejected: NotLeader (leader hint {result.LeaderHint})",
            var status => $"rejected: {status}",
        });
    }

    /// <summary>transfer-leadership from=1 to=3 (asked of node <c>from</c>, which forwards it if it is not the leader).</summary>
    private void TransferLeadership(ScriptArgs args, ScriptOutput output)
    {
        var node = Node(args.RequiredId("from"));
        var to = args.RequiredId("to");
        StepResult result = default;
        var changes = Observe(node, () => result = node.Raft.TransferLeadership(to));
        output.Line(result.ToString());
        output.AddIndented(changes, "");
    }

    /// <summary>read-index id ctx: a linearizable read with request id ctx; its ReadState shows in a later Ready.</summary>
    private void ReadIndex(ScriptArgs args, ScriptOutput output)
    {
        var node = Node(args.Id(0));
        var requestId = args.Id(1);
        output.Line(node.Raft.ReadIndex(requestId).ToString());
    }

    private void Isolate(ScriptArgs args, ScriptOutput output)
    {
        var id = args.Id(0);
        Node(id);
        foreach (var other in _nodes.Keys.Where(o => o != id))
        {
            _cuts.Add(Pair(id, other));
        }
        output.Line($"{id} cut off from {string.Join(",", _nodes.Keys.Where(o => o != id))}");
    }

    private void Cut(ScriptArgs args, ScriptOutput output)
    {
        var (a, b) = (args.Id(0), args.Id(1));
        Node(a);
        Node(b);
        _cuts.Add(Pair(a, b));
        output.Line($"{a} and {b} cut off from each other");
    }

    /// <summary>compact id index: snapshot the state machine at index (must be applied) and drop the log before it.</summary>
    private void Compact(ScriptArgs args, ScriptOutput output)
    {
        var node = Node(args.Id(0));
        var index = args.Id(1);
        if (index > node.AppliedIndex)
        {
            throw new InvalidOperationException($"node {node.Id} has applied only up to {node.AppliedIndex}, cannot snapshot at {index}");
        }
        var snapshot = node.Storage.CreateSnapshot(index, node.SnapshotDataAt(index));
        node.Storage.Compact(index);
        output.Line($"snapshot {ClusterNode.Describe(snapshot)}; log starts at {node.Storage.FirstIndex}");
    }

    private void Restart(ScriptArgs args, ScriptOutput output)
    {
        var node = Node(args.Id(0));
        node.Restart();
        output.Line($"restarted {StateLine(node)}");
    }

    private ClusterNode Node(ulong id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new FormatException($"no node {id}");

    private bool IsCut(ulong a, ulong b) => _cuts.Contains(Pair(a, b));

    private static (ulong, ulong) Pair(ulong a, ulong b) => a < b ? (a, b) : (b, a);

    /// <summary>Runs <paramref name="action"/> on the node and describes how its role, term or leader changed.</summary>
    private static List<string> Observe(ClusterNode node, Action action)
    {
        var before = (node.Raft.Role, node.Raft.Term, node.Raft.Leader);
        action();
        var raft = node.Raft;
        var lines = new List<string>();
        if (raft.Role != before.Role || raft.Term != before.Term)
        {
            var following = raft.Role == StateRole.Follower && raft.Leader != 0 ? $", following {raft.Leader}" : "";
            lines.Add($"{raft.Id} became {raft.Role} at term {raft.Term}{following}");
        }
        else if (raft.Leader != before.Leader)
        {
            lines.Add(raft.Leader == 0 ? $"{raft.Id} no longer follows {before.Leader}" : $"{raft.Id} now follows {raft.Leader}");
        }
        return lines;
    }
}
