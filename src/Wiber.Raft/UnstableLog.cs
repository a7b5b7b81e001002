namespace Wiber.Raft;

/// <summary>
/// Entries (and possibly an incoming snapshot) the core has accepted but the host has not yet persisted.
/// They sit in front of stable storage: <see cref="Offset"/> is the index of the first unstable entry.
/// </summary>
internal sealed class UnstableLog
{
    private readonly List<Entry> _entries = [];

    public UnstableLog(ulong offset) => Offset = offset;

    public ulong Offset { get; private set; }

    public Snapshot? Snapshot { get; private set; }

    public IReadOnlyList<Entry> Entries => _entries;

    public ulong? MaybeFirstIndex => Snapshot is null ? null : Snapshot.Metadata.Index + 1;

    public ulong? MaybeLastIndex => _entries.Count > 0
        ? Offset + (ulong)_entries.Count - 1
        : Snapshot?.Metadata.Index;

    public bool TryGetTerm(ulong index, out ulong term)
    {
        term = 0;
        if (index < Offset)
        {
            if (Snapshot is not null && Snapshot.Metadata.Index == index)
            {
                term = Snapshot.Metadata.Term;
                return true;
            }
            return false;
        }
        if (MaybeLastIndex is not { } last || index > last)
        {
            return false;
        }
        term = _entries[(int)(index - Offset)].Term;
        return true;
    }

    /// <summary>The host persisted entries up to (index, term): they leave the unstable part.</summary>
    public void StableTo(ulong index, ulong term)
    {
        // A later append may have replaced the entry since the Ready was taken; then it is not stable yet.
        if (!TryGetTerm(index, out var t) || t != term || index < Offset)
        {
            return;
        }
        _entries.RemoveRange(0, (int)(index + 1 - Offset));
        Offset = index + 1;
    }

    public void StableSnapshotTo(ulong index)
    {
        if (Snapshot is not null && Snapshot.Metadata.Index == index)
        {
            Snapshot = null;
        }
    }

    public void Restore(Snapshot snapshot)
    {
        Offset = snapshot.Metadata.Index + 1;
        _entries.Clear();
        Snapshot = snapshot;
    }

    /// <summary>Appends entries, replacing any unstable ones at or after the first new index.</summary>
    public void TruncateAndAppend(IReadOnlyList<Entry> entries)
    {
        var first = entries[0].Index;
        var end = Offset + (ulong)_entries.Count;
        if (first == end)
        {
            // The common case: straight after what we have.
        }
        else if (first <= Offset)
        {
            // Replaces everything unstable (and, on the host's side, stable entries from `first` on).
            Offset = first;
            _entries.Clear();
        }
        else
        {
            _entries.RemoveRange((int)(first - Offset), (int)(end - first));
        }
        for (var i = 0; i < entries.Count; i++)
        {
            _entries.Add(entries[i]);
        }
    }

    /// <summary>Unstable entries in [lo, hi); the caller keeps lo ≥ Offset.</summary>
    public void CopyTo(List<Entry> into, ulong lo, ulong hi, ref long budget, bool first)
    {
        for (var i = lo; i < hi; i++)
        {
            var e = _entries[(int)(i - Offset)];
            if (!(first && into.Count == 0) && budget - e.Size < 0)
            {
                budget = -1;
                return;
            }
            budget -= e.Size;
            into.Add(e);
        }
    }
}
