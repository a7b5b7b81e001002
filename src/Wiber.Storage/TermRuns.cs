namespace Wiber.Storage;

/// <summary>
/// The term of every stored entry, run-length encoded: a log of millions of entries written in a
/// handful of terms costs a handful of runs, so TryGetTerm never touches the disk.
/// </summary>
internal sealed class TermRuns
{
    private readonly List<(ulong FirstIndex, ulong Term)> _runs = [];

    public int Count => _runs.Count;

    /// <summary>Records that <paramref name="index"/> (the next index after the last) has <paramref name="term"/>.</summary>
    public void Add(ulong index, ulong term)
    {
        if (_runs.Count == 0 || _runs[^1].Term != term)
        {
            _runs.Add((index, term));
        }
    }

    /// <summary>The term of an index known to be stored.</summary>
    public ulong TermOf(ulong index)
    {
        int lo = 0, hi = _runs.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_runs[mid].FirstIndex <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return _runs[lo].Term;
    }

    /// <summary>Forgets every index from <paramref name="index"/> on.</summary>
    public void TruncateFrom(ulong index)
    {
        while (_runs.Count > 0 && _runs[^1].FirstIndex >= index)
        {
            _runs.RemoveAt(_runs.Count - 1);
        }
    }

    /// <summary>Forgets every index before <paramref name="index"/>; the run covering it is kept.</summary>
    public void DropBefore(ulong index)
    {
        var keepFrom = 0;
        while (keepFrom + 1 < _runs.Count && _runs[keepFrom + 1].FirstIndex <= index)
        {
            keepFrom++;
        }
        _runs.RemoveRange(0, keepFrom);
    }

    public void Clear() => _runs.Clear();
}
