using Wiber.Raft;

namespace Wiber.Raft.Bench;

/// <summary>
/// Three nodes wired directly: every Ready is persisted into MemoryStorage and its messages are delivered
/// at once, on one thread. What is left to measure is the core itself.
/// </summary>
internal sealed class InMemoryCluster
{
    private readonly RaftNode[] _nodes;
    private readonly MemoryStorage[] _storages;
    private readonly Queue<Message> _wire = new();

    public InMemoryCluster(int size)
    {
        var voters = Enumerable.Range(1, size).Select(i => (ulong)i).ToArray();
        _storages = voters.Select(_ => new MemoryStorage(voters)).ToArray();
        _nodes = voters.Select(id => new RaftNode(
            new RaftConfig { Id = id, Peers = voters, Random = new Random((int)id), MaxInflightMsgs = 1024 },
            _storages[id - 1])).ToArray();
    }

    public RaftNode Leader => _nodes[0];

    public long Applied { get; private set; }

    public void ElectFirstNode()
    {
        _nodes[0].Campaign();
        Pump();
        if (_nodes[0].Role != StateRole.Leader)
        {
            throw new InvalidOperationException("node 1 did not become leader");
        }
    }

    /// <summary>Runs every Ready and delivers every message until the cluster is quiet.</summary>
    public void Pump()
    {
        bool busy;
        do
        {
            busy = false;
            for (var i = 0; i < _nodes.Length; i++)
            {
                var node = _nodes[i];
                while (node.HasReady)
                {
                    busy = true;
                    var rd = node.GetReady();
                    var storage = _storages[i];
                    if (rd.Snapshot is { } snapshot)
                    {
                        storage.ApplySnapshot(snapshot);
                    }
                    storage.Append(rd.Entries);
                    if (!rd.HardState.IsEmpty)
                    {
                        storage.SetHardState(rd.HardState);
                    }
                    foreach (var m in rd.Messages)
                    {
                        _wire.Enqueue(m);
                    }
                    if (i == 0)
                    {
                        Applied += rd.CommittedEntries.Count;
                    }
                    node.Advance(rd);
                }
            }
            while (_wire.TryDequeue(out var m))
            {
                busy = true;
                _nodes[m.To - 1].Step(m);
            }
        }
        while (busy);
    }

    /// <summary>Keeps memory flat over long runs: snapshot and drop what every node has applied.</summary>
    public void Compact()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            var applied = _nodes[i].AppliedIndex;
            if (applied > 1000)
            {
                _storages[i].CreateSnapshot(applied, ReadOnlyMemory<byte>.Empty);
                _storages[i].Compact(applied - 1000);
            }
        }
    }
}
