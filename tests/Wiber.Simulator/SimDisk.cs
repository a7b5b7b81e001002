using Wiber.Raft;

namespace Wiber.Simulator;

/// <summary>
/// A node's disk: what the node can read (<see cref="Live"/>) and what would survive a crash
/// (<see cref="Durable"/>). Writes not followed by a sync are replayed onto the durable copy only at the next
/// sync; a crash throws them away — FoundationDB's AsyncFileNonDurable, for Raft state.
/// </summary>
internal sealed class SimDisk
{
    private readonly List<Action<MemoryStorage>> _unsynced = [];

    public SimDisk(IReadOnlyList<ulong> voters)
    {
        Live = new MemoryStorage(voters);
        Durable = new MemoryStorage(voters);
    }

    public MemoryStorage Live { get; private set; }

    public MemoryStorage Durable { get; }

    public void Write(Action<MemoryStorage> write, bool sync)
    {
        write(Live);
        _unsynced.Add(write);
        if (sync)
        {
            Sync();
        }
    }

    public void Sync()
    {
        foreach (var write in _unsynced)
        {
            write(Durable);
        }
        _unsynced.Clear();
    }

    /// <summary>Power loss: everything not synced is gone.</summary>
    public void Crash()
    {
        _unsynced.Clear();
        Live = Durable.Clone();
    }
}
