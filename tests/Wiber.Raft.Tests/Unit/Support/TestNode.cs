namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>
/// A <see cref="RaftNode"/> with a <see cref="MemoryStorage"/>, driven through Ready/Advance exactly as a host
/// would: persist (snapshot, entries, hard state), collect the messages, apply, advance.
/// </summary>
internal sealed class TestNode
{
    private const int MaxReadyRounds = 1000;

    public TestNode(RaftConfig config, MemoryStorage storage)
    {
        Config = config;
        Storage = storage;
        Raft = new RaftNode(config, storage);
    }

    public TestNode(ulong id, IReadOnlyList<ulong> peers, Func<RaftConfig, RaftConfig>? configure = null, int seed = 1)
        : this(Configure(id, peers, configure, seed), new MemoryStorage(peers))
    {
    }

    public RaftConfig Config { get; }

    public MemoryStorage Storage { get; }

    public RaftNode Raft { get; }

    public ulong Id => Raft.Id;

    /// <summary>Every committed entry handed to the state machine, in order.</summary>
    public List<Entry> Applied { get; } = [];

    /// <summary>Every read state the node reported.</summary>
    public List<ReadState> ReadStates { get; } = [];

    public static RaftConfig Configure(ulong id, IReadOnlyList<ulong> peers, Func<RaftConfig, RaftConfig>? configure, int seed)
    {
        var config = new RaftConfig { Id = id, Peers = peers, Random = new Random(seed) };
        return configure is null ? config : configure(config);
    }

    /// <summary>Runs Ready cycles until there is nothing left to do; returns the messages the node sent.</summary>
    public List<Message> Process()
    {
        var sent = new List<Message>();
        for (var round = 0; Raft.HasReady; round++)
        {
            if (round == MaxReadyRounds)
            {
                throw new InvalidOperationException($"node {Id} still has a Ready after {MaxReadyRounds} rounds: {Raft.Status()}");
            }
            var ready = Raft.GetReady();
            if (ready.Snapshot is { } snapshot)
            {
                Storage.ApplySnapshot(snapshot);
                Applied.RemoveAll(e => e.Index <= snapshot.Metadata.Index);
            }
            Storage.Append(ready.Entries);
            if (!ready.HardState.IsEmpty)
            {
                Storage.SetHardState(ready.HardState);
            }
            sent.AddRange(ready.Messages);
            Applied.AddRange(ready.CommittedEntries);
            ReadStates.AddRange(ready.ReadStates);
            Raft.Advance(ready);
        }
        return sent;
    }

    /// <summary>Steps one message, then runs the Ready cycles it caused.</summary>
    public (StepResult Result, List<Message> Sent) Deliver(Message m)
    {
        var result = Raft.Step(m);
        return (result, Process());
    }

    public NodeState State => NodeState.Of(Raft);
}
