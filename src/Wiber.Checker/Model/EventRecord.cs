using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>
/// One entry of the lab's event log. <paramref name="Kind"/> is free text, but the checker and the
/// timeline understand the names in <see cref="EventKinds"/>. Empty <paramref name="Nodes"/> means the
/// whole cluster.
/// </summary>
public sealed record EventRecord(
    long AtMs,
    string Kind,
    IReadOnlyList<string>? Nodes = null,
    [property: JsonPropertyOrder(1)] string? Detail = null) : HistoryRecord
{
    /// <summary>The nodes the event touched; empty for cluster-wide events.</summary>
    public IReadOnlyList<string> Nodes { get; init; } = Nodes ?? [];

    internal override long TimeMs => AtMs;

    internal override string? Validate() => string.IsNullOrWhiteSpace(Kind) ? "kind must not be empty" : null;
}

/// <summary>The event kinds the checker and the timeline give a meaning to (others are drawn as plain markers).</summary>
public static class EventKinds
{
    public const string Kill = "kill";
    public const string Stop = "stop";
    public const string Start = "start";
    public const string Restart = "restart";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Partition = "partition";
    public const string Heal = "heal";
    public const string Slow = "slow";
    public const string Flaky = "flaky";
    public const string Skew = "skew";
    public const string Up = "up";
    public const string Down = "down";
}
