namespace Wiber.Raft;

/// <summary>
/// An in-memory <see cref="IRaftStorage"/> with the write side a host needs: append (truncating any
/// conflicting suffix), set hard state, apply a snapshot, create one from applied state and compact.
/// Serves tests, the simulator and benchmarks; the durable implementation lives in Wiber.Storage.
/// </summary>
public sealed class MemoryStorage : IRaftStorage
{
    private HardState _hardState;
    private Snapshot _snapshot = Snapshot.Empty;
    private IReadOnlyList<ulong> _voters;

    // _entries[0] is a dummy standing for the snapshot's last entry (index and term), so index
    // arithmetic needs no special case for "just before the first entry".
    private readonly List<Entry> _entries = [new Entry(0, 0, EntryKind.Empty, default)];

    public MemoryStorage(IReadOnlyList<ulong> voters) => _voters = voters;

    public HardState HardState => _hardState;

    public (HardState HardState, IReadOnlyList<ulong> Voters) InitialState() => (_hardState, _voters);

    public ulong FirstIndex => _entries[0].Index + 1;

    public ulong LastIndex => _entries[0].Index + (ulong)_entries.Count - 1;

    public bool TryGetTerm(ulong index, out ulong term)
    {
        var offset = _entries[0].Index;
        if (index < offset || index > LastIndex)
        {
            term = 0;
            return false;
        }
        term = _entries[(int)(index - offset)].Term;
        return true;
    }

    public IReadOnlyList<Entry> GetEntries(ulong lo, ulong hi, long maxBytes)
    {
        if (lo < FirstIndex || hi > LastIndex + 1 || lo > hi)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), $"[{lo},{hi}) outside [{FirstIndex},{LastIndex + 1})");
        }
        var offset = _entries[0].Index;
        var result = new List<Entry>((int)Math.Min(hi - lo, 64));
        long size = 0;
        for (var i = lo; i < hi; i++)
        {
            var e = _entries[(int)(i - offset)];
            size += e.Size;
            if (result.Count > 0 && size > maxBytes)
            {
                break;
            }
            result.Add(e);
        }
        return result;
    }

    public Snapshot GetSnapshot() => _snapshot;

    public void SetHardState(HardState hardState) => _hardState = hardState;

    /// <summary>Appends entries, replacing any existing suffix from the first entry's index on.</summary>
    public void Append(IReadOnlyList<Entry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var first = FirstIndex;
        var firstNew = entries[0].Index;
        var skip = 0;
        if (firstNew < first)
        {
            // Entries the snapshot already covers are not stored again.
            if (entries[^1].Index < first)
            {
                return;
            }
            skip = (int)(first - firstNew);
            firstNew = first;
        }
        if (firstNew > LastIndex + 1)
        {
            throw new InvalidOperationException($"append at {firstNew} leaves a gap after {LastIndex}");
        }
        var keep = (int)(firstNew - _entries[0].Index);
        _entries.RemoveRange(keep, _entries.Count - keep);
        for (var i = skip; i < entries.Count; i++)
        {
            _entries.Add(entries[i]);
        }
    }

    /// <summary>Replaces the whole log with a snapshot received from the leader.</summary>
    public void ApplySnapshot(Snapshot snapshot)
    {
        if (snapshot.Metadata.Index <= _snapshot.Metadata.Index)
        {
            return;
        }
        _snapshot = snapshot;
        _voters = snapshot.Metadata.Voters;
        _entries.Clear();
        _entries.Add(new Entry(snapshot.Metadata.Index, snapshot.Metadata.Term, EntryKind.Empty, default));
    }

    /// <summary>Records a snapshot of the applied state at <paramref name="index"/> (which must be stored).</summary>
    public Snapshot CreateSnapshot(ulong index, ReadOnlyMemory<byte> data)
    {
        if (index <= _snapshot.Metadata.Index)
        {
            return _snapshot;
        }
        if (!TryGetTerm(index, out var term))
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"snapshot index {index} beyond last index {LastIndex}");
        }
        _snapshot = new Snapshot(new SnapshotMetadata(index, term, _voters), data);
        return _snapshot;
    }

    /// <summary>Drops every entry before <paramref name="compactIndex"/>, which becomes the dummy.</summary>
    public void Compact(ulong compactIndex)
    {
        var offset = _entries[0].Index;
        if (compactIndex <= offset)
        {
            return;
        }
        if (compactIndex > LastIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(compactIndex), $"compact {compactIndex} beyond last index {LastIndex}");
        }
        var cut = (int)(compactIndex - offset);
        var dummy = _entries[cut] with { Kind = EntryKind.Empty, Data = default };
        _entries.RemoveRange(0, cut);
        _entries[0] = dummy;
    }

    /// <summary>A deep copy: the simulator keeps one per node as "what reached the disk".</summary>
    public MemoryStorage Clone()
    {
        var copy = new MemoryStorage(_voters) { _hardState = _hardState, _snapshot = _snapshot };
        copy._entries.Clear();
        copy._entries.AddRange(_entries);
        return copy;
    }
}
