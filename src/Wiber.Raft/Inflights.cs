namespace Wiber.Raft;

/// <summary>
/// Appends sent to one follower and not yet acknowledged, bounded by count and bytes: the window that lets
/// the leader pipeline without letting a slow follower queue unbounded data. A ring buffer, no allocation
/// after the first fill.
/// </summary>
internal sealed class Inflights
{
    private readonly int _capacity;
    private readonly long _maxBytes;
    private (ulong Index, long Bytes)[] _buffer = [];
    private int _start;

    public Inflights(int capacity, long maxBytes)
    {
        _capacity = capacity;
        _maxBytes = maxBytes;
    }

    public int Count { get; private set; }

    public long Bytes { get; private set; }

    public bool Full => Count == _capacity || (_maxBytes > 0 && Bytes >= _maxBytes);

    /// <summary>Records an append whose last entry is <paramref name="index"/>. Indexes only grow.</summary>
    public void Add(ulong index, long bytes)
    {
        if (Count == _capacity)
        {
            // Over the window: the caller checks Full first; forgetting the oldest keeps us bounded.
            FreeFirstOne();
        }
        if (_buffer.Length < _capacity && Count == _buffer.Length)
        {
            Grow();
        }
        _buffer[(_start + Count) % _buffer.Length] = (index, bytes);
        Count++;
        Bytes += bytes;
    }

    /// <summary>The follower acknowledged up to <paramref name="index"/>: frees every append ending at or before it.</summary>
    public void FreeLessOrEqual(ulong index)
    {
        while (Count > 0 && _buffer[_start].Index <= index)
        {
            FreeFirstOne();
        }
    }

    public void Reset()
    {
        Count = 0;
        Bytes = 0;
        _start = 0;
    }

    private void FreeFirstOne()
    {
        Bytes -= _buffer[_start].Bytes;
        _start = (_start + 1) % _buffer.Length;
        Count--;
    }

    private void Grow()
    {
        var size = Math.Min(_capacity, Math.Max(4, _buffer.Length * 2));
        var grown = new (ulong, long)[size];
        for (var i = 0; i < Count; i++)
        {
            grown[i] = _buffer[(_start + i) % _buffer.Length];
        }
        _buffer = grown;
        _start = 0;
    }
}
