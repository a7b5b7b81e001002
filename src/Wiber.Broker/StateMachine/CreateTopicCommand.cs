namespace Wiber.Broker.StateMachine;

/// <summary>Create a topic with a description and retention. Rejected (not thrown) when it exists.</summary>
public sealed record CreateTopicCommand : BrokerCommand
{
    public CreateTopicCommand(string name, string description, RetentionPolicy retention)
    {
        Names.ThrowIfInvalidTopic(name, nameof(name));
        if (!Names.IsValidDescription(description))
        {
            throw new ArgumentException(
                $"description must be at most {Names.MaxDescriptionLength} characters of well-formed text without control characters",
                nameof(description));
        }
        if (!retention.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "retention limits cannot be negative");
        }
        Name = name;
        Description = description;
        Retention = retention;
    }

    public string Name { get; }

    public string Description { get; }

    public RetentionPolicy Retention { get; }
}
