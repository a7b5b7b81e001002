using System.Text.Json.Serialization;

namespace Wiber.Checker;

/// <summary>The Raft role a node reported.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeRole>))]
public enum NodeRole
{
    /// <summary>The poll failed or the node did not say.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>Follower.</summary>
    [JsonStringEnumMemberName("follower")]
    Follower,

    /// <summary>Candidate (or pre-candidate).</summary>
    [JsonStringEnumMemberName("candidate")]
    Candidate,

    /// <summary>Leader of <see cref="StatusRecord.Term"/>.</summary>
    [JsonStringEnumMemberName("leader")]
    Leader,
}

/// <summary>One status poll of one node.</summary>
public sealed record StatusRecord(
    string Node,
    long AtMs,
    NodeRole Role,
    long Term,
    long CommitIndex,
    string? LeaderId = null) : HistoryRecord
{
    internal override long TimeMs => AtMs;

    internal override string? Validate() => Term < 0 || CommitIndex < 0 ? "term and commit_index must not be negative" : null;
}
