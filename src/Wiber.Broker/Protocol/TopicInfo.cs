namespace Wiber.Broker.Protocol;

/// <summary>One line of a TOPICS reply.</summary>
public readonly record struct TopicInfo(string Name, long NextOffset, TopicRetention Retention, string? Description);
