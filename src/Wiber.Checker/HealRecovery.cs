using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>How a heal ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecoveryStatus>))]
public enum RecoveryStatus
{
    /// <summary>New commit within the limit.</summary>
    [JsonStringEnumMemberName("recovered")]
    Recovered,

    /// <summary>New commit, but after the limit (a liveness failure).</summary>
    [JsonStringEnumMemberName("late")]
    Late,

    /// <summary>No new commit although the history goes on past the limit (a liveness failure).</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>No new commit yet, and the history ends before the limit (a warning).</summary>
    [JsonStringEnumMemberName("unobserved")]
    Unobserved,
}

/// <summary>
/// The time from one heal to the cluster's first new commit, seen two ways: the first publish acknowledged
/// ok among those invoked after the heal, and the first status poll whose commit index passed every commit
/// index reported before the heal. <see cref="RecoveryMs"/> is the earlier of the two.
/// </summary>
public sealed record HealRecovery(
    long HealAtMs,
    IReadOnlyList<string> Nodes,
    string? Detail,
    long? FirstAckAtMs,
    string? FirstAckTopic,
    string? FirstAckId,
    long? FirstCommitAtMs,
    string? FirstCommitNode,
    long? FirstCommitIndex,
    long? RecoveryMs,
    RecoveryStatus Status)
{
    /// <summary>Milliseconds from the heal to <see cref="FirstAckAtMs"/>.</summary>
    public long? AckAfterMs => FirstAckAtMs - HealAtMs;

    /// <summary>Milliseconds from the heal to <see cref="FirstCommitAtMs"/>.</summary>
    public long? CommitAfterMs => FirstCommitAtMs - HealAtMs;
}
