namespace Wiber.Broker.Protocol;

/// <summary>
/// How long a topic keeps messages: for ever (both null), the newest <see cref="MaxMessages"/>, or those
/// younger than <see cref="MaxAge"/>. Wire form: <c>forever</c>, <c>10000</c>, <c>30s</c>, <c>15m</c>, <c>24h</c>, <c>7d</c>.
/// </summary>
public readonly record struct TopicRetention(long? MaxMessages, TimeSpan? MaxAge)
{
    public static TopicRetention Forever { get; }

    public static TopicRetention Messages(long count) => new(count, null);

    public static TopicRetention Age(TimeSpan age) => new(null, age);

    public bool IsForever => MaxMessages is null && MaxAge is null;
}
