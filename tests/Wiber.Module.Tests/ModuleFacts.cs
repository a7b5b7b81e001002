namespace Wiber.Module.Tests;

/// <summary>
/// What the module sits on, written down once for the static checks and the exercise twins (which link this
/// file): the CLI's JSON fields behind every PSTypeName the module writes (docs/cli.md, docs/lab.md,
/// docs/checker.md; the twins assert the real CLI writes exactly these), and the CLI verbs each exported
/// command runs.
/// </summary>
internal static class ModuleFacts
{
    /// <summary>PSTypeName → the JSON fields of the CLI output it is made from (snake_case, as written).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Fields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Wiber.LabCluster"] = ["lab_dir", "lab_id", "backend", "proxy_url", "leader", "time_to_leader_ms", "nodes"],
        ["Wiber.LabNode"] = ["node", "role", "term", "leader", "commit", "pid", "state", "client", "faults"],
        ["Wiber.ServerStatus"] = ["server", "node", "role", "term", "leader", "commit", "applied", "last_index", "lag", "clock_offset_ms", "fsync", "error"],
        ["Wiber.NodeChange"] = ["node", "action", "before", "after", "pid", "changed"],
        ["Wiber.LabFault"] = ["kind", "description", "at", "nodes", "toxics"],
        ["Wiber.LabHeal"] = ["removed_toxics"],
        ["Wiber.LabEvent"] = ["at", "at_ms", "kind", "nodes", "detail", "ok"],
        ["Wiber.Message"] = ["topic", "offset", "hybrid_ts", "time", "producer_time_ms", "encoding", "payload"],
        ["Wiber.PublishResult"] = ["outcome", "topic", "offset", "duplicate", "message_id", "attempts", "error"],
        ["Wiber.PublishRun"] = ["count", "ok", "failed", "unknown", "first_offset", "last_offset", "seconds", "messages_per_second", "p50_ms", "p99_ms", "first_error"],
        ["Wiber.CheckResult"] = ["version", "valid", "errors", "warnings", "statistics", "recoveries", "anomalies"],
        ["Wiber.WorkloadResult"] = ["history", "publishes", "ok", "failed", "unknown", "reads", "seconds"],
    };

    /// <summary>Nested objects the scripts and views read into: (PSTypeName, property path) → their JSON fields.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> NestedFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Wiber.LabCluster.nodes"] = ["node", "pid", "client", "admin_port"],
        ["Wiber.LabFault.toxics"] = ["proxy", "name"],
        ["Wiber.CheckResult.statistics"] = ["publishes", "reads", "reads_by_node", "topics", "status_polls", "events", "heals", "start_ms", "end_ms", "anomalies_by_kind"],
        ["Wiber.CheckResult.statistics.publishes"] = ["total", "ok", "failed", "unknown", "unknown_written", "unknown_not_written", "distinct_ids"],
        ["Wiber.CheckResult.recoveries"] = ["heal_at_ms", "nodes", "detail", "first_ack_at_ms", "first_ack_topic", "first_ack_id", "first_commit_at_ms", "first_commit_node", "first_commit_index", "recovery_ms", "status", "ack_after_ms", "commit_after_ms"],
        ["Wiber.CheckResult.anomalies"] = ["kind", "severity", "at_ms", "message"],
    };

    /// <summary>The fields of a node's JSON log lines (Get-WiberNodeLog returns them as text; ConvertFrom-Json reads them).</summary>
    public static readonly string[] NodeLogFields = ["time", "node", "level", "category", "message", "exception"];

    /// <summary>Exported command → the CLI verbs it runs (Invoke-WiberPartition -Duration also runs 'lab heal').</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Verbs = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Start-WiberCluster"] = ["lab up"],
        ["Stop-WiberCluster"] = ["lab down"],
        ["Get-WiberCluster"] = ["status"],
        ["Get-WiberNode"] = ["lab status"],
        ["Stop-WiberNode"] = ["lab stop", "lab kill"],
        ["Start-WiberNode"] = ["lab start"],
        ["Restart-WiberNode"] = ["lab restart"],
        ["Suspend-WiberNode"] = ["lab pause"],
        ["Resume-WiberNode"] = ["lab resume"],
        ["Invoke-WiberPartition"] = ["lab partition", "lab heal"],
        ["Set-WiberLinkLatency"] = ["lab slow"],
        ["Set-WiberLinkFlaky"] = ["lab flaky"],
        ["Reset-WiberNetwork"] = ["lab heal"],
        ["Set-WiberClockSkew"] = ["lab skew"],
        ["Publish-WiberMessage"] = ["pub"],
        ["Get-WiberHistory"] = ["history"],
        ["Receive-WiberMessage"] = ["sub"],
        ["Test-WiberHistory"] = ["lab check"],
        ["Wait-WiberLeader"] = ["lab status"],
        ["Get-WiberEvent"] = ["lab events"],
        ["Invoke-WiberWorkload"] = ["lab workload"],
        ["Get-WiberNodeLog"] = ["lab logs"],
    };

    /// <summary>The module's name for a JSON field: time_to_leader_ms → TimeToLeaderMs.</summary>
    public static string Pascal(string field) => string.Concat(field.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Every property name any module object (or nested object) has.</summary>
    public static IEnumerable<string> AllPropertyNames => Fields.Values.Concat(NestedFields.Values).SelectMany(f => f).Select(Pascal).Distinct(StringComparer.Ordinal);
}
