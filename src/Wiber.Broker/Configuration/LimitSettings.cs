namespace Wiber.Broker.Configuration;

/// <summary>The <c>limits</c> section: bounds that keep one client from taking the node's memory.</summary>
public sealed record LimitSettings
{
    /// <summary>Longest text protocol line, including the command and a text PUB's message.</summary>
    public int MaxLineBytes { get; init; } = 64 << 10;

    /// <summary>Largest message payload (also bounds the length-prefixed binary PUB).</summary>
    public int MaxPayloadBytes { get; init; } = 1 << 20;

    public int MaxConnections { get; init; } = 1024;

    public int MaxSubscriptionsPerConnection { get; init; } = 64;

    /// <summary>Messages buffered per subscription; a subscriber further behind gets <c>ERR SLOW_CONSUMER</c>.</summary>
    public int SubscriberBuffer { get; init; } = 1024;

    public int MaxTopics { get; init; } = 10_000;
}
