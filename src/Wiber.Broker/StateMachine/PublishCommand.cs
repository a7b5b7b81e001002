namespace Wiber.Broker.StateMachine;

/// <summary>
/// Append one message to a topic, creating the topic on first use.
/// </summary>
/// <remarks>
/// Equality compares the payload by content (records would compare the memory reference), so a decoded
/// command equals the one that was encoded.
/// </remarks>
public sealed record PublishCommand : BrokerCommand
{
    /// <param name="topic">Valid per <see cref="Names.IsValidTopic(string?)"/>.</param>
    /// <param name="messageId">Optional idempotency key, valid per <see cref="Names.IsValidMessageId(string?)"/>.</param>
    /// <param name="producerTimeMs">The producer's clock in unix ms; 0 = unknown. Shown, never trusted for order.</param>
    /// <param name="leaderTimestamp">The leader's hybrid timestamp when it proposed (see <see cref="HybridTimestamp"/>).</param>
    /// <param name="payload">The message bytes. Not copied: the caller gives up the right to change them.</param>
    public PublishCommand(string topic, string? messageId, long producerTimeMs, ulong leaderTimestamp, ReadOnlyMemory<byte> payload)
    {
        Names.ThrowIfInvalidTopic(topic, nameof(topic));
        if (messageId is not null && Names.DescribeInvalidMessageId(messageId) is { } error)
        {
            throw new ArgumentException(error, nameof(messageId));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(producerTimeMs);
        Topic = topic;
        MessageId = messageId;
        ProducerTimeMs = producerTimeMs;
        LeaderTimestamp = leaderTimestamp;
        Payload = payload;
    }

    public string Topic { get; }

    public string? MessageId { get; }

    public long ProducerTimeMs { get; }

    public ulong LeaderTimestamp { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public bool Equals(PublishCommand? other) =>
        other is not null
        && Topic == other.Topic
        && MessageId == other.MessageId
        && ProducerTimeMs == other.ProducerTimeMs
        && LeaderTimestamp == other.LeaderTimestamp
        && Payload.Span.SequenceEqual(other.Payload.Span);

    public override int GetHashCode() => HashCode.Combine(Topic, MessageId, LeaderTimestamp, Payload.Length);

    public override string ToString() =>
        $"Publish {Topic} id={MessageId ?? "-"} producer={ProducerTimeMs} hlc={HybridTimestamp.Format(LeaderTimestamp)} <{Payload.Length} bytes>";
}
