using System.Text;

namespace Wiber.Raft.Tests.Interaction;

/// <summary>
/// One scripted machine: its Raft node, the MemoryStorage that plays its disk, the messages waiting for it on
/// the network, and a tiny state machine (the list of applied proposal payloads) to snapshot and restore.
/// </summary>
internal sealed class ClusterNode
{
    private readonly RaftConfig _config;
    private readonly List<(ulong Index, string Value)> _applied = [];

    public ClusterNode(RaftConfig config, MemoryStorage storage)
    {
        _config = config;
        Storage = storage;
        Raft = new RaftNode(config, storage);
    }

    public ulong Id => _config.Id;

    public RaftNode Raft { get; private set; }

    public MemoryStorage Storage { get; }

    public Queue<Message> Inbox { get; } = new();

    /// <summary>Highest index the state machine has applied (entries or snapshot).</summary>
    public ulong AppliedIndex { get; private set; }

    /// <summary>
    /// A crash and restart: whatever the node had not persisted is gone (unstable entries, unsent messages);
    /// the state machine is rebuilt from the stored snapshot and re-applies committed entries from there.
    /// Messages already on the network to this node stay in its inbox, as they would in flight.
    /// </summary>
    public void Restart()
    {
        Raft = new RaftNode(_config, Storage);
        RestoreStateMachine(Storage.GetSnapshot());
    }

    public void Apply(Entry entry)
    {
        if (entry.Kind == EntryKind.Normal)
        {
            _applied.Add((entry.Index, Encoding.UTF8.GetString(entry.Data.Span)));
        }
        AppliedIndex = entry.Index;
    }

    public void RestoreStateMachine(Snapshot snapshot)
    {
        _applied.Clear();
        AppliedIndex = snapshot.Metadata.Index;
        foreach (var value in Describe(snapshot.Data.Span).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            _applied.Add((snapshot.Metadata.Index, value));
        }
    }

    /// <summary>The state machine as it was right after applying <paramref name="index"/>, as snapshot bytes.</summary>
    public byte[] SnapshotDataAt(ulong index) =>
        Encoding.UTF8.GetBytes(string.Join(' ', _applied.Where(a => a.Index <= index).Select(a => a.Value)));

    public static string Describe(ReadOnlySpan<byte> snapshotData) => Encoding.UTF8.GetString(snapshotData);

    public static string Describe(Snapshot snapshot) =>
        $"{snapshot.Metadata.Term}/{snapshot.Metadata.Index} [{Describe(snapshot.Data.Span)}]";
}
