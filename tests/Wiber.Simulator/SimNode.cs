using System.Buffers.Binary;
using Wiber.Raft;

namespace Wiber.Simulator;

/// <summary>One simulated machine: its disk survives crashes, its Raft node and state machine do not.</summary>
internal sealed class SimNode
{
    public SimNode(ulong id, IReadOnlyList<ulong> voters, int phase)
    {
        Id = id;
        Disk = new SimDisk(voters);
        TickPhase = phase;
    }

    public ulong Id { get; }

    public SimDisk Disk { get; }

    /// <summary>Null while crashed.</summary>
    public RaftNode? Raft { get; set; }

    public int TickPhase { get; }

    public long RestartAtTick { get; set; }

    /// <summary>Applied index of the state machine and a hash of everything applied up to it.</summary>
    public ulong Applied { get; set; }

    public ulong Chain { get; set; }

    /// <summary>Highest commit index seen from this incarnation (it must never go down).</summary>
    public ulong CommitSeen { get; set; }

    /// <summary>Highest term in which this incarnation was seen leading (to notice a new leadership).</summary>
    public ulong LedTerm { get; set; }

    public int Incarnation { get; set; }

    /// <summary>With async writes: acknowledgements waiting for the entries they name to be durable (lost in a crash).</summary>
    public List<Message> HeldAcks { get; } = [];

    public bool Alive => Raft is not null;

    public static ulong Mix(ulong chain, in Entry e)
    {
        // A cheap, order-sensitive fingerprint of the applied sequence (splitmix64 over the fields).
        var payload = e.Data.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(e.Data.Span) : 0;
        var x = chain ^ (e.Index * 0x9E3779B97F4A7C15UL) ^ (e.Term * 0xBF58476D1CE4E5B9UL) ^ (payload * 0x94D049BB133111EBUL);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public byte[] SnapshotData()
    {
        var data = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(data, Applied);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(8), Chain);
        return data;
    }

    public void RestoreFrom(Snapshot snapshot)
    {
        if (snapshot.IsEmpty)
        {
            Applied = 0;
            Chain = 0;
            return;
        }
        Applied = snapshot.Metadata.Index;
        Chain = BinaryPrimitives.ReadUInt64LittleEndian(snapshot.Data.Span[8..]);
    }
}
