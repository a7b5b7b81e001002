namespace Wiber.Broker.StateMachine;

/// <summary>
/// One topic: its retained messages (a contiguous offset range), the ids it remembers and its consumer
/// group offsets. Only the apply thread changes it; <see cref="BrokerState"/> guards readers.
/// </summary>
internal sealed class TopicState(string name, string description, RetentionPolicy retention, long startOffset)
{
    private readonly RingBuffer<StoredMessage> _messages = new();
    private readonly Dictionary<string, long> _groupOffsets = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public string Description { get; } = description;

    public RetentionPolicy Retention { get; } = retention;

    /// <summary>The oldest retained offset; equals <see cref="NextOffset"/> when nothing is retained.</summary>
    public long StartOffset { get; private set; } = startOffset;

    public long NextOffset => StartOffset + _messages.Count;

    public int Count => _messages.Count;

    /// <summary>Sum of retained payload lengths.</summary>
    public long Bytes { get; private set; }

    public DedupIndex Dedup { get; } = new();

    public RingBuffer<StoredMessage> Messages => _messages;

    public IReadOnlyDictionary<string, long> GroupOffsets => _groupOffsets;

    public TopicInfo Describe() => new(Name, Description, Retention, StartOffset, NextOffset, Bytes, Count, Dedup.Count);

    public void Append(StoredMessage message)
    {
        _messages.Add(message);
        Bytes += message.Payload.Length;
    }

    /// <summary>
    /// Evicts from the head until every limit holds, keeping the newest message so a publish can always be
    /// read back once. Also forgets expired ids. Runs only inside apply, so every node evicts the same set.
    /// </summary>
    public void EnforceRetention(long nowMs, DedupWindow dedup)
    {
        while (_messages.Count > 1 && IsOverLimit(_messages.First, nowMs))
        {
            var evicted = _messages.RemoveFirst();
            Bytes -= evicted.Payload.Length;
            StartOffset++;
        }
        Dedup.ForgetExpired(nowMs, dedup);
    }

    /// <summary>The next millisecond at which <see cref="EnforceRetention"/> would change something, or null.</summary>
    public long? NextExpiryMs(DedupWindow dedup)
    {
        long? messages = Retention.MaxAgeMs > 0 && _messages.Count > 1
            ? StateMachine.Retention.ExpiresAtMs(_messages.First.LeaderTimestamp, Retention.MaxAgeMs)
            : null;
        var ids = Dedup.NextExpiryMs(dedup);
        return messages is null ? ids : ids is null ? messages : Math.Min(messages.Value, ids.Value);
    }

    public long? GetGroupOffset(string group) => _groupOffsets.TryGetValue(group, out var offset) ? offset : null;

    public void SetGroupOffset(string group, long offset) => _groupOffsets[group] = offset;

    private bool IsOverLimit(StoredMessage head, long nowMs) =>
        (Retention.MaxMessages > 0 && _messages.Count > Retention.MaxMessages)
        || (Retention.MaxBytes > 0 && Bytes > Retention.MaxBytes)
        || (Retention.MaxAgeMs > 0 && StateMachine.Retention.IsOlderThan(head.LeaderTimestamp, Retention.MaxAgeMs, nowMs));
}
