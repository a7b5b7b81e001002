namespace Wiber.Broker.Protocol;

/// <summary>Where a subscription starts delivering.</summary>
public abstract record SubscribeStart
{
    /// <summary>
    /// No position given: new messages only, or for a group, right after the group's last
    /// acknowledged offset (new messages only if the group never acknowledged).
    /// </summary>
    public static SubscribeStart Default { get; } = new DefaultStart();

    /// <summary><c>from=new</c>: only messages committed after the subscription, even in a group.</summary>
    public static SubscribeStart New { get; } = new NewOnly();

    public sealed record DefaultStart : SubscribeStart;

    public sealed record NewOnly : SubscribeStart;

    /// <summary><c>from=&lt;offset&gt;</c>: every message from this offset on (the earliest retained one if it was removed).</summary>
    public sealed record AtOffset(long Offset) : SubscribeStart;

    /// <summary><c>last=&lt;n&gt;</c>: the last n messages already committed, then new ones.</summary>
    public sealed record LastMessages(long Count) : SubscribeStart;
}
