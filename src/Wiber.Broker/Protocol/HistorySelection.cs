namespace Wiber.Broker.Protocol;

/// <summary>Which messages a HISTORY returns; always in log order, at most the selection's limit.</summary>
public abstract record HistorySelection
{
    /// <summary><c>HISTORY t 5</c> or <c>last=5</c>: the newest n messages.</summary>
    public sealed record Last(int Count) : HistorySelection;

    /// <summary><c>from=&lt;offset&gt; [limit=…]</c>: up to <paramref name="Limit"/> messages starting at the offset.</summary>
    public sealed record Range(long From, int Limit) : HistorySelection;

    /// <summary>
    /// <c>since=… [until=…] [limit=…]</c>: messages whose leader hybrid timestamp's wall part is in
    /// [since, until), oldest first. Either bound may be absent, not both.
    /// </summary>
    public sealed record TimeWindow(long? SinceUnixMs, long? UntilUnixMs, int Limit) : HistorySelection;
}
