namespace Wiber.Broker.StateMachine;

/// <summary>
/// A consumer group acknowledges every message of a topic up to and including <see cref="Offset"/>;
/// a subscriber in the group resumes at <c>Offset + 1</c>. Acks only move forward.
/// </summary>
public sealed record AckOffsetCommand : BrokerCommand
{
    public AckOffsetCommand(string group, string topic, long offset)
    {
        Names.ThrowIfInvalidGroup(group, nameof(group));
        Names.ThrowIfInvalidTopic(topic, nameof(topic));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Group = group;
        Topic = topic;
        Offset = offset;
    }

    public string Group { get; }

    public string Topic { get; }

    public long Offset { get; }
}
