namespace Wiber.Broker.StateMachine;

/// <summary>
/// The message ids one topic remembers, each with the offset of its original message. Ids are forgotten
/// oldest first (in offset order), by count and by age on leader timestamps, at deterministic points in
/// apply, so every node answers "duplicate?" identically.
/// </summary>
internal sealed class DedupIndex
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly RingBuffer<RememberedId> _order = new();

    public int Count => _order.Count;

    /// <summary>A copy of the remembered ids in remembering order, for snapshots.</summary>
    public RememberedId[] Snapshot() => _order.Copy(0, _order.Count);

    public bool TryGetOffset(string id, out long offset) => _offsets.TryGetValue(id, out offset);

    /// <summary>Remembers an id that is not remembered yet, then forgets the oldest beyond the count limit.</summary>
    public void Remember(RememberedId entry, DedupWindow window)
    {
        _offsets.Add(entry.Id, entry.Offset);
        _order.Add(entry);
        while (window.MaxIdsPerTopic > 0 && _order.Count > window.MaxIdsPerTopic)
        {
            Forget();
        }
    }

    /// <summary>Forgets ids older than the age limit at <paramref name="nowMs"/>.</summary>
    public void ForgetExpired(long nowMs, DedupWindow window)
    {
        if (window.MaxAgeMs == 0)
        {
            return;
        }
        while (_order.Count > 0 && Retention.IsOlderThan(_order.First.Timestamp, window.MaxAgeMs, nowMs))
        {
            Forget();
        }
    }

    /// <summary>The millisecond at which the oldest id expires, or null when age does not apply.</summary>
    public long? NextExpiryMs(DedupWindow window) =>
        window.MaxAgeMs > 0 && _order.Count > 0 ? Retention.ExpiresAtMs(_order.First.Timestamp, window.MaxAgeMs) : null;

    private void Forget()
    {
        var oldest = _order.RemoveFirst();
        _offsets.Remove(oldest.Id);
        if (_offsets.Count < _offsets.Capacity / 4 && _offsets.Capacity > 64)
        {
            _offsets.TrimExcess(); // keep the index sized to what is remembered after a burst
        }
    }
}

/// <summary>One remembered id: the offset it was stored at and the leader timestamp of its publish.</summary>
internal readonly record struct RememberedId(string Id, long Offset, ulong Timestamp);
