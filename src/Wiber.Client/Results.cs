namespace Wiber.Client;

/// <summary>How a publish ended.</summary>
public enum PublishOutcome
{
    /// <summary>The cluster acknowledged the message (<c>OK &lt;topic&gt; &lt;offset&gt;</c>, possibly as a duplicate of an earlier attempt).</summary>
    Ok,

    /// <summary>The message was definitely not written (refused, or no attempt could have reached a leader).</summary>
    Failed,

    /// <summary>The deadline ran out after an attempt whose answer never came: it may or may not be written. Never guessed.</summary>
    Unknown,
}

/// <summary>The result of <see cref="WiberClient.PublishAsync"/>.</summary>
public sealed record PublishResult(PublishOutcome Outcome, string Topic, long? Offset, bool Duplicate, string MessageId, string? Error)
{
    /// <summary>Number of attempts made (1 when the first answer was final).</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>A delivered (or historical) message.</summary>
public sealed record ReceivedMessage(string Topic, long Offset, string HybridTimestamp, long? ProducerTimeMs, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The payload decoded as UTF-8.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>Where a subscription starts.</summary>
public abstract record SubscribeFrom
{
    private SubscribeFrom()
    {
    }

    /// <summary>The node's default: new messages, or in a group right after the group's last acknowledgement.</summary>
    public static SubscribeFrom Default { get; } = new DefaultStart();

    /// <summary>Only messages published after the subscription starts.</summary>
    public static SubscribeFrom New { get; } = new NewOnly();

    /// <summary>From this offset (the earliest retained one if it was removed).</summary>
    public static SubscribeFrom Offset(long offset) => offset >= 0 ? new AtOffset(offset) : throw new ArgumentOutOfRangeException(nameof(offset));

    /// <summary>The last <paramref name="count"/> committed messages, then new ones.</summary>
    public static SubscribeFrom Last(long count) => count >= 0 ? new LastMessages(count) : throw new ArgumentOutOfRangeException(nameof(count));

    internal sealed record DefaultStart : SubscribeFrom;

    internal sealed record NewOnly : SubscribeFrom;

    internal sealed record AtOffset(long Value) : SubscribeFrom;

    internal sealed record LastMessages(long Count) : SubscribeFrom;
}

/// <summary>A HISTORY selection.</summary>
public abstract record HistoryQuery
{
    private HistoryQuery()
    {
    }

    /// <summary>The last <paramref name="count"/> messages (1..1000).</summary>
    public static HistoryQuery Last(int count) => new LastMessages(CheckLimit(count, nameof(count)));

    /// <summary>Up to <paramref name="limit"/> messages (1..1000) starting at <paramref name="from"/>.</summary>
    public static HistoryQuery Range(long from, int limit = 1000) =>
        from >= 0 ? new FromRange(from, CheckLimit(limit, nameof(limit))) : throw new ArgumentOutOfRangeException(nameof(from));

    /// <summary>Messages whose leader time is in [since, until); either bound may be null, not both.</summary>
    public static HistoryQuery Window(DateTimeOffset? since, DateTimeOffset? until, int limit = 1000) =>
        since is null && until is null
            ? throw new ArgumentException("give since, until or both", nameof(since))
            : new TimeWindow(since?.ToUnixTimeMilliseconds(), until?.ToUnixTimeMilliseconds(), CheckLimit(limit, nameof(limit)));

    private static int CheckLimit(int value, string name) => value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(name, value, "must be 1..1000");

    internal sealed record LastMessages(int Count) : HistoryQuery;

    internal sealed record FromRange(long From, int Limit) : HistoryQuery;

    internal sealed record TimeWindow(long? SinceMs, long? UntilMs, int Limit) : HistoryQuery;
}

/// <summary>One HISTORY reply: the messages and where to continue with <see cref="HistoryQuery.Range"/>.</summary>
public sealed record HistoryPage(IReadOnlyList<ReceivedMessage> Messages, long NextOffset);

/// <summary>One line of TOPICS.</summary>
public sealed record TopicInfo(string Name, long NextOffset, string Retention, string? Description);

/// <summary>The STATUS JSON of one node (unknown keys ignored).</summary>
public sealed record NodeStatus(
    string Id,
    string Role,
    long Term,
    string? Leader,
    long CommitIndex,
    long AppliedIndex,
    long LastIndex,
    string Fsync,
    IReadOnlyList<PeerStatus> Peers);

/// <summary>A peer as one node sees it; replication fields are filled in on the leader.</summary>
public sealed record PeerStatus(
    string Id,
    long? MatchIndex,
    long? Lag,
    string? Replication,
    bool? Connected,
    double? ClockOffsetMs,
    double? RoundTripMs);
