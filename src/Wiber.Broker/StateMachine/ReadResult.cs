namespace Wiber.Broker.StateMachine;

public enum ReadStatus
{
    Ok,

    TopicNotFound,

    /// <summary>
    /// Part of what was asked for is no longer retained: the messages start at
    /// <see cref="ReadResult.StartOffset"/>, which is where the topic now begins.
    /// </summary>
    Truncated,
}

/// <summary>
/// The answer to a query. <see cref="Messages"/> is a private copy of references to immutable messages:
/// it stays valid and unchanged however far apply moves on.
/// </summary>
/// <param name="StartOffset">The oldest retained offset of the topic.</param>
/// <param name="NextOffset">The offset the next publish will get.</param>
public sealed record ReadResult(ReadStatus Status, long StartOffset, long NextOffset, IReadOnlyList<StoredMessage> Messages)
{
    internal static ReadResult NotFound { get; } = new(ReadStatus.TopicNotFound, 0, 0, []);
}

/// <summary>A topic as <see cref="BrokerState.Topics"/> reports it.</summary>
/// <param name="FirstOffset">The oldest retained offset (equals <paramref name="NextOffset"/> when nothing is retained).</param>
/// <param name="Bytes">Sum of the retained payload lengths.</param>
/// <param name="Count">Number of retained messages.</param>
/// <param name="RememberedIds">Message ids currently in the de-duplication window (memory, for status and metrics).</param>
public sealed record TopicInfo(
    string Name,
    string Description,
    RetentionPolicy Retention,
    long FirstOffset,
    long NextOffset,
    long Bytes,
    long Count,
    int RememberedIds);
