namespace Wiber.Broker.StateMachine;

/// <summary>
/// How long a topic remembers message ids for de-duplication. An id is forgotten when either limit says
/// so: more than <see cref="MaxIdsPerTopic"/> newer ids were remembered after it, or it is older than
/// <see cref="MaxAgeMs"/> measured on leader hybrid timestamps (never a local clock, so every node forgets
/// it at the same entry). 0 disables a limit; at least one must be set so memory stays bounded.
/// </summary>
public readonly record struct DedupWindow(int MaxIdsPerTopic, long MaxAgeMs)
{
    /// <summary>100 000 ids and 10 minutes per topic: covers client retries across a failover with room to spare.</summary>
    public static DedupWindow Default => new(100_000, 10 * 60 * 1000);

    public bool IsValid => MaxIdsPerTopic >= 0 && MaxAgeMs >= 0 && (MaxIdsPerTopic > 0 || MaxAgeMs > 0);
}

/// <summary>
/// Settings of the state machine. They are part of the replicated state: every node must use the same
/// values, and a snapshot carries them, so a node restored from one keeps the cluster's settings.
/// </summary>
public sealed record BrokerStateOptions
{
    public static BrokerStateOptions Default { get; } = new();

    public DedupWindow Dedup { get; init; } = DedupWindow.Default;

    /// <summary>Retention of topics created by their first publish: no age limit, 1 GiB, 1 000 000 messages.</summary>
    public RetentionPolicy DefaultRetention { get; init; } = new(0, 1L << 30, 1_000_000);

    internal void Validate()
    {
        if (!Dedup.IsValid)
        {
            throw new ArgumentException($"invalid dedup window {Dedup}: limits cannot be negative and at least one must be set");
        }
        if (!DefaultRetention.IsValid)
        {
            throw new ArgumentException($"invalid default retention {DefaultRetention}: limits cannot be negative");
        }
    }
}
