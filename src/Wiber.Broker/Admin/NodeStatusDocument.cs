using System.Text.Json.Serialization;

namespace Wiber.Broker.Admin;

/// <summary>The JSON of GET /status. Field names are a contract: the CLI, the lab and scripts read them.</summary>
public sealed record NodeStatusDocument
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("raft_id")] public required ulong RaftId { get; init; }
    [JsonPropertyName("role")] public required string Role { get; init; }
    [JsonPropertyName("term")] public required ulong Term { get; init; }
    [JsonPropertyName("leader")] public string? Leader { get; init; }
    [JsonPropertyName("commit_index")] public required ulong CommitIndex { get; init; }
    [JsonPropertyName("applied_index")] public required ulong AppliedIndex { get; init; }
    [JsonPropertyName("last_index")] public required ulong LastIndex { get; init; }
    [JsonPropertyName("first_index")] public required ulong FirstIndex { get; init; }
    [JsonPropertyName("durable_index")] public required ulong DurableIndex { get; init; }
    [JsonPropertyName("fsync")] public required string Fsync { get; init; }
    [JsonPropertyName("peers")] public required IReadOnlyList<PeerStatusDocument> Peers { get; init; }
    [JsonPropertyName("clock_skew_ms")] public long ClockSkewMs { get; init; }
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("uptime_s")] public double UptimeSeconds { get; init; }
}

public sealed record PeerStatusDocument
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("match_index")] public ulong? MatchIndex { get; init; }
    [JsonPropertyName("lag")] public ulong? Lag { get; init; }
    [JsonPropertyName("replication")] public string? Replication { get; init; }
    [JsonPropertyName("connected")] public bool? Connected { get; init; }
    [JsonPropertyName("clock_offset_ms")] public double? ClockOffsetMs { get; init; }
    [JsonPropertyName("round_trip_ms")] public double? RoundTripMs { get; init; }
}
