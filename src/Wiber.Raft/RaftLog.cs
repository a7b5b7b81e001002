namespace Wiber.Raft;

/// <summary>
/// The log as the core sees it: stable storage followed by unstable entries, plus the commit and applied
/// indexes. Every query is answerable without I/O beyond <see cref="IRaftStorage"/> reads.
/// </summary>
internal sealed class RaftLog
{
    private readonly IRaftStorage _storage;
    private readonly UnstableLog _unstable;

    public RaftLog(IRaftStorage storage)
    {
        _storage = storage;
        _unstable = new UnstableLog(storage.LastIndex + 1);
        // A snapshot may reach past the compaction point (entries kept behind it for slow followers);
        // whatever it covers is committed and is the state the host restores its state machine from.
        var snapshotIndex = Math.Max(storage.FirstIndex - 1, storage.GetSnapshot().Metadata.Index);
        Committed = snapshotIndex;
        Applied = snapshotIndex;
    }

    public ulong Committed { get; private set; }

    public ulong Applied { get; private set; }

    public UnstableLog Unstable => _unstable;

    public ulong FirstIndex => _unstable.MaybeFirstIndex ?? _storage.FirstIndex;

    public ulong LastIndex => _unstable.MaybeLastIndex ?? _storage.LastIndex;

    public ulong LastTerm => Term(LastIndex);

    public bool TryGetTerm(ulong index, out ulong term)
    {
        term = 0;
        // The entry just before the first one (the snapshot's last) still has a known term.
        var dummy = FirstIndex - 1;
        if (index < dummy || index > LastIndex)
        {
            return false;
        }
        if (_unstable.TryGetTerm(index, out term))
        {
            return true;
        }
        return _storage.TryGetTerm(index, out term);
    }

    /// <summary>The term at index, or 0 when it is compacted or beyond the log.</summary>
    public ulong Term(ulong index) => TryGetTerm(index, out var t) ? t : 0;

    public bool MatchTerm(ulong index, ulong term) => TryGetTerm(index, out var t) && t == term;

    /// <summary>Raft's election restriction: is a candidate's log at least as up to date as ours?</summary>
    public bool IsUpToDate(ulong lastIndex, ulong term)
    {
        var ourTerm = LastTerm;
        return term > ourTerm || (term == ourTerm && lastIndex >= LastIndex);
    }

    /// <summary>
    /// The index of the first entry that is new or conflicts with ours; 0 when we already hold them all.
    /// </summary>
    public ulong FindConflict(IReadOnlyList<Entry> entries)
    {
        foreach (var e in entries)
        {
            if (!MatchTerm(e.Index, e.Term))
            {
                return e.Index;
            }
        }
        return 0;
    }

    /// <summary>
    /// For a rejection hint: the largest index ≤ <paramref name="index"/> whose term is ≤ <paramref name="term"/>,
    /// with that term. Lets the leader skip a whole term of mismatching entries in one round trip.
    /// </summary>
    public (ulong Index, ulong Term) FindConflictByTerm(ulong index, ulong term)
    {
        while (true)
        {
            if (!TryGetTerm(index, out var t))
            {
                return (index, 0);
            }
            if (t <= term || index == 0)
            {
                return (index, t);
            }
            index--;
        }
    }

    /// <summary>Appends (replacing any suffix from the first entry on) in the unstable part; the host persists it next Ready.</summary>
    public void Append(IReadOnlyList<Entry> entries)
    {
        if (entries.Count > 0)
        {
            _unstable.TruncateAndAppend(entries);
        }
    }

    /// <summary>Entries in [lo, hi) within a byte budget (at least one). False when lo was compacted away.</summary>
    public bool TrySlice(ulong lo, ulong hi, long maxBytes, out IReadOnlyList<Entry> entries)
    {
        entries = [];
        if (lo >= hi)
        {
            return lo >= FirstIndex;
        }
        if (lo < FirstIndex)
        {
            return false;
        }
        hi = Math.Min(hi, LastIndex + 1);
        var result = new List<Entry>((int)Math.Min(hi - lo, 256));
        var budget = maxBytes;
        var offset = _unstable.Offset;
        if (lo < offset)
        {
            var stored = _storage.GetEntries(lo, Math.Min(hi, offset), maxBytes);
            foreach (var e in stored)
            {
                budget -= e.Size;
            }
            result.AddRange(stored);
            if (stored.Count < (int)(Math.Min(hi, offset) - lo) || budget < 0)
            {
                entries = result;
                return true;
            }
        }
        if (hi > offset)
        {
            _unstable.CopyTo(result, Math.Max(lo, offset), hi, ref budget, result.Count == 0);
        }
        entries = result;
        return true;
    }

    /// <summary>Advances the commit index to <paramref name="index"/> if that entry is in <paramref name="term"/>.</summary>
    public bool MaybeCommit(ulong index, ulong term, bool ignoreTerm)
    {
        // Only an entry of the leader's current term may be committed by counting replicas (Raft §5.4.2);
        // earlier entries are committed along with it. ignoreTerm is the deliberate Figure-8 bug.
        if (index > Committed && (ignoreTerm || Term(index) == term))
        {
            CommitTo(index);
            return true;
        }
        return false;
    }

    /// <summary>Raises the commit index; never lowers it, never past the log's end.</summary>
    public bool CommitTo(ulong index)
    {
        if (index <= Committed)
        {
            return true;
        }
        if (index > LastIndex)
        {
            return false;
        }
        Committed = index;
        return true;
    }

    public void AppliedTo(ulong index)
    {
        if (index > Applied)
        {
            Applied = index;
        }
    }

    public bool HasPendingSnapshot => _unstable.Snapshot is not null;

    public bool HasNextCommittedEntries => !HasPendingSnapshot && Math.Min(Committed, LastIndex) > Applied;

    /// <summary>Committed entries not yet handed to the state machine.</summary>
    public IReadOnlyList<Entry> NextCommittedEntries(long maxBytes)
    {
        if (!HasNextCommittedEntries)
        {
            return [];
        }
        var lo = Math.Max(Applied + 1, FirstIndex);
        var hi = Math.Min(Committed, LastIndex) + 1;
        return TrySlice(lo, hi, maxBytes, out var entries) ? entries : [];
    }

    public Snapshot Snapshot => _unstable.Snapshot ?? _storage.GetSnapshot();

    /// <summary>Replaces the log with a snapshot; committed and applied jump to its index.</summary>
    public void Restore(Snapshot snapshot)
    {
        Committed = snapshot.Metadata.Index;
        _unstable.Restore(snapshot);
    }

    /// <summary>After a snapshot is applied by the host, its index is the state machine's.</summary>
    public void AppliedSnapshotTo(ulong index)
    {
        Applied = Math.Max(Applied, index);
    }

    /// <summary>On restart: commit index from the hard state, bounded by what the log holds.</summary>
    public void RestoreCommit(ulong commit, ulong applied)
    {
        Committed = Math.Clamp(commit, Committed, LastIndex);
        if (applied > Applied)
        {
            Applied = Math.Min(applied, Committed);
        }
    }
}
