namespace Wiber.Broker.StateMachine;

/// <summary>
/// Delete a topic with its messages, de-duplication memory and group offsets. A later publish to the same
/// name creates a new topic whose offsets start again at 0.
/// </summary>
public sealed record DeleteTopicCommand : BrokerCommand
{
    public DeleteTopicCommand(string name)
    {
        Names.ThrowIfInvalidTopic(name, nameof(name));
        Name = name;
    }

    public string Name { get; }
}
