namespace Wiber.Broker.StateMachine;

/// <summary>
/// Topics ordered by when age-based retention (messages or remembered ids) next has work to do, so that
/// idle topics age out too without apply scanning every topic on every publish. Derived state: rebuilt
/// from the topics after a snapshot restore, never written into one.
/// </summary>
internal sealed class ExpiryQueue
{
    private readonly SortedSet<(long DueMs, string Topic)> _queue = new(DueComparer.Instance);
    private readonly Dictionary<string, long> _dueByTopic = new(StringComparer.Ordinal);

    public int Count => _queue.Count;

    /// <summary>Sets (or clears, with null) when <paramref name="topic"/> next needs attention.</summary>
    public void Schedule(string topic, long? dueMs)
    {
        if (_dueByTopic.TryGetValue(topic, out var current))
        {
            if (current == dueMs)
            {
                return;
            }
            _queue.Remove((current, topic));
            _dueByTopic.Remove(topic);
        }
        if (dueMs is { } due)
        {
            _queue.Add((due, topic));
            _dueByTopic[topic] = due;
        }
    }

    /// <summary>Removes and returns a topic due at <paramref name="nowMs"/>, if any.</summary>
    public bool TryTakeDue(long nowMs, out string topic)
    {
        if (_queue.Count > 0 && _queue.Min.DueMs <= nowMs)
        {
            var first = _queue.Min;
            _queue.Remove(first);
            _dueByTopic.Remove(first.Topic);
            topic = first.Topic;
            return true;
        }
        topic = string.Empty;
        return false;
    }

    private sealed class DueComparer : IComparer<(long DueMs, string Topic)>
    {
        public static readonly DueComparer Instance = new();

        public int Compare((long DueMs, string Topic) x, (long DueMs, string Topic) y)
        {
            var byDue = x.DueMs.CompareTo(y.DueMs);
            return byDue != 0 ? byDue : string.CompareOrdinal(x.Topic, y.Topic);
        }
    }
}
