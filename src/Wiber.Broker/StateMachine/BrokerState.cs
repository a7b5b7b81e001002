namespace Wiber.Broker.StateMachine;

/// <summary>
/// The broker's replicated state machine: topics, their messages, de-duplication memory and consumer group
/// offsets, changed only by applying committed Raft entries in log order. Pure and deterministic: no I/O,
/// no clock, no randomness, no hash-order iteration in anything observable, so every node that applies the
/// same entries holds the same state and writes the same snapshot bytes.
/// </summary>
/// <remarks>
/// Threading contract: <c>Apply</c>, <c>WriteSnapshot</c> and nothing else that changes or walks the whole
/// state run on one thread (the host's apply loop). Queries (<see cref="Read"/>, <see cref="Last"/>,
/// <see cref="ReadByTime"/>, <see cref="Topics"/>, <see cref="GetGroupOffset"/> and the properties) may be
/// called from any thread at any time. One lock serialises a query with an apply; a query holds it only
/// to copy references to immutable messages, and returns that copy, so readers never see a half-applied
/// command and never block apply for longer than their copy.
/// </remarks>
public sealed partial class BrokerState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TopicState> _topics = new(StringComparer.Ordinal);
    private readonly ExpiryQueue _expiry = new();
    private ulong _lastAppliedIndex;
    private ulong _lastAppliedTerm;
    private ulong _latestTimestamp;

    public BrokerState()
        : this(BrokerStateOptions.Default)
    {
    }

    public BrokerState(BrokerStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public BrokerStateOptions Options { get; }

    /// <summary>Index of the last entry applied (0 before any). The host resumes applying after it.</summary>
    public ulong LastAppliedIndex
    {
        get
        {
            lock (_gate)
            {
                return _lastAppliedIndex;
            }
        }
    }

    /// <summary>Term of the last entry applied, for snapshot metadata.</summary>
    public ulong LastAppliedTerm
    {
        get
        {
            lock (_gate)
            {
                return _lastAppliedTerm;
            }
        }
    }

    /// <summary>
    /// The newest leader hybrid timestamp applied: the state machine's notion of "now" for age limits. A host
    /// that becomes leader should let its HLC observe this value, so timestamps keep rising across leaders
    /// (history by time relies on timestamps not decreasing within a topic).
    /// </summary>
    /// <remarks>Read without the lock: every publish on the leader asks for it, and taking the lock here made
    /// client sessions contend with apply once per message. A 64-bit read is atomic and the value only rises.</remarks>
    public ulong LatestTimestamp => Volatile.Read(ref _latestTimestamp);

    /// <summary>Messages from <paramref name="fromOffset"/> on, at most <paramref name="maxCount"/>.</summary>
    /// <returns>
    /// <see cref="ReadStatus.Truncated"/> with messages from the retained start when
    /// <paramref name="fromOffset"/> is below it; an empty list when it is at or past the end.
    /// </returns>
    public ReadResult Read(string topic, long fromOffset, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        lock (_gate)
        {
            if (!TryGetTopic(topic, out var state))
            {
                return ReadResult.NotFound;
            }
            var truncated = fromOffset < state.StartOffset;
            var position = (int)Math.Min(Math.Max(fromOffset - state.StartOffset, 0), state.Count);
            var count = Math.Min(maxCount, state.Count - position);
            return Result(state, truncated, state.Messages.Copy(position, count));
        }
    }

    /// <summary>The newest <paramref name="count"/> messages, oldest first. Truncated when fewer are retained than asked and some were evicted.</summary>
    public ReadResult Last(string topic, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            if (!TryGetTopic(topic, out var state))
            {
                return ReadResult.NotFound;
            }
            var taken = Math.Min(count, state.Count);
            var truncated = taken < count && state.StartOffset > 0;
            return Result(state, truncated, state.Messages.Copy(state.Count - taken, taken));
        }
    }

    /// <summary>
    /// Messages whose leader timestamp's physical part lies in [<paramref name="sinceMs"/>,
    /// <paramref name="untilMs"/>] (unix ms, inclusive), in log order, at most <paramref name="maxCount"/>.
    /// Exact when timestamps do not decrease along the topic, which the leaders' HLC guarantees.
    /// Truncated when evicted messages may have fallen inside the window.
    /// </summary>
    public ReadResult ReadByTime(string topic, long sinceMs, long untilMs, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        lock (_gate)
        {
            if (!TryGetTopic(topic, out var state))
            {
                return ReadResult.NotFound;
            }
            var messages = state.Messages;
            var truncated = state.StartOffset > 0 && messages.Count > 0 && sinceMs <= messages.First.LeaderTimeMs;
            if (untilMs < sinceMs)
            {
                return Result(state, truncated, []);
            }
            var lower = HybridTimestamp.FirstOf(sinceMs);
            var upper = HybridTimestamp.LastOf(untilMs);
            var first = messages.LowerBound(lower, static m => m.LeaderTimestamp);
            var end = first;
            while (end < messages.Count && end - first < maxCount && messages[end].LeaderTimestamp <= upper)
            {
                end++;
            }
            return Result(state, truncated, messages.Copy(first, end - first));
        }
    }

    /// <summary>Every topic, ordered by name (ordinal).</summary>
    public IReadOnlyList<TopicInfo> Topics()
    {
        lock (_gate)
        {
            var topics = new TopicInfo[_topics.Count];
            var i = 0;
            foreach (var state in _topics.Values)
            {
                topics[i++] = state.Describe();
            }
            Array.Sort(topics, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return topics;
        }
    }

    /// <summary>The offset <paramref name="group"/> last acknowledged in <paramref name="topic"/> (it resumes at the next one), or null.</summary>
    public long? GetGroupOffset(string group, string topic)
    {
        lock (_gate)
        {
            return TryGetTopic(topic, out var state) ? state.GetGroupOffset(group) : null;
        }
    }

    private static ReadResult Result(TopicState state, bool truncated, StoredMessage[] messages) =>
        new(truncated ? ReadStatus.Truncated : ReadStatus.Ok, state.StartOffset, state.NextOffset, messages);

    private bool TryGetTopic(string? topic, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TopicState? state)
    {
        state = null;
        return topic is not null && _topics.TryGetValue(topic, out state);
    }
}
