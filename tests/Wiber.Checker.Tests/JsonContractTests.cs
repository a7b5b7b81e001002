using System.Text.Json;

namespace Wiber.Checker.Tests;

/// <summary>
/// The JSON output is read by the CLI's users and by Test-WiberHistory: these tests pin every field name
/// (snake_case, like the rest of the project's JSON) and order. Changing one must be deliberate — update
/// docs/checker.md and bump the version.
/// </summary>
public sealed class JsonContractTests
{
    private static readonly Dictionary<string, string[]> AnomalyFields = new()
    {
        [AnomalyKinds.Lost] = ["topic", "id", "offset", "process", "invoke_at_ms", "complete_at_ms", "value_at_offset", "nodes_read_past"],
        [AnomalyKinds.Unverified] = ["topic", "id", "offset", "process", "complete_at_ms", "highest_offset_read"],
        [AnomalyKinds.Duplicate] = ["topic", "id", "offsets", "nodes", "outcomes", "first_seen_twice_at_ms"],
        [AnomalyKinds.FailedWritten] = ["topic", "id", "process", "complete_at_ms", "error", "offsets", "nodes"],
        [AnomalyKinds.Unexpected] = ["topic", "value", "offsets", "nodes", "first_read_at_ms"],
        [AnomalyKinds.Divergence] = ["topic", "offset", "values", "diverged_at_ms"],
        [AnomalyKinds.Gap] = ["node", "topic", "scan", "after_offset", "next_offset", "next_read_at_ms", "missing"],
        [AnomalyKinds.NonMonotonic] = ["node", "topic", "scan", "previous_offset", "offset", "read_at_ms"],
        [AnomalyKinds.OffsetMismatch] = ["topic", "id", "process", "acked_offset", "read_offsets", "value_at_acked_offset", "complete_at_ms"],
        [AnomalyKinds.TwoLeaders] = ["term", "leaders"],
        [AnomalyKinds.NoRecovery] = ["heal_at_ms", "limit_ms", "recovered_after_ms"],
        [AnomalyKinds.RecoveryUnobserved] = ["heal_at_ms", "limit_ms", "history_end_at_ms"],
    };

    [Fact]
    public void Top_level_statistics_and_recovery_fields_are_fixed()
    {
        using var doc = JsonDocument.Parse(CheckResultJson.Serialize(OneOfEach()));
        var root = doc.RootElement;

        Assert.Equal(["version", "valid", "errors", "warnings", "statistics", "recoveries", "anomalies"], Names(root));
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal(10, root.GetProperty("errors").GetInt32());
        Assert.Equal(2, root.GetProperty("warnings").GetInt32());
        var statistics = root.GetProperty("statistics");
        Assert.Equal(["publishes", "reads", "reads_by_node", "topics", "status_polls", "events", "heals", "start_ms", "end_ms", "anomalies_by_kind"], Names(statistics));
        Assert.Equal(["total", "ok", "failed", "unknown", "unknown_written", "unknown_not_written", "distinct_ids"], Names(statistics.GetProperty("publishes")));
        Assert.Equal(["n1", "n2"], Names(statistics.GetProperty("reads_by_node")));
        Assert.Equal([.. AnomalyKinds.All.Order(StringComparer.Ordinal)], Names(statistics.GetProperty("anomalies_by_kind")));
        Assert.Equal(
            ["heal_at_ms", "nodes", "detail", "first_ack_at_ms", "first_ack_topic", "first_ack_id", "first_commit_at_ms", "first_commit_node", "first_commit_index", "recovery_ms", "status", "ack_after_ms", "commit_after_ms"],
            Names(root.GetProperty("recoveries")[0]));
        Assert.Equal("recovered", root.GetProperty("recoveries")[0].GetProperty("status").GetString());
    }

    [Fact]
    public void Every_anomaly_kind_has_its_fixed_fields_after_kind_severity_at_and_message()
    {
        using var doc = JsonDocument.Parse(CheckResultJson.Serialize(OneOfEach()));
        var anomalies = doc.RootElement.GetProperty("anomalies").EnumerateArray().ToList();

        Assert.Equal(AnomalyKinds.All, anomalies.Select(a => a.GetProperty("kind").GetString()));
        foreach (var anomaly in anomalies)
        {
            var kind = anomaly.GetProperty("kind").GetString()!;
            Assert.Equal(["kind", "severity", "at_ms", "message", .. AnomalyFields[kind]], Names(anomaly));
            Assert.Contains(anomaly.GetProperty("severity").GetString(), new[] { "error", "warning" });
        }

        var divergence = anomalies.Single(a => a.GetProperty("kind").GetString() == AnomalyKinds.Divergence);
        Assert.Equal(["node", "value", "first_read_at_ms"], Names(divergence.GetProperty("values")[0]));
        var leaders = anomalies.Single(a => a.GetProperty("kind").GetString() == AnomalyKinds.TwoLeaders);
        Assert.Equal(["node", "first_at_ms", "last_at_ms"], Names(leaders.GetProperty("leaders")[0]));
        var duplicate = anomalies.Single(a => a.GetProperty("kind").GetString() == AnomalyKinds.Duplicate);
        Assert.Equal("unknown", duplicate.GetProperty("outcomes")[0].GetString());
    }

    [Fact]
    public void A_clean_result_says_valid_with_empty_anomalies_and_is_byte_for_byte_stable()
    {
        var history = new HistoryBuilder().Ok("a", 0).Scan("n1", "a").Build();

        var first = CheckResultJson.Serialize(HistoryChecker.Check(history));
        var second = CheckResultJson.Serialize(HistoryChecker.Check(history));

        Assert.Equal(first, second);
        Assert.EndsWith("\n", first, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", first.TrimEnd('\n'), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(first);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("anomalies").GetArrayLength());
        Assert.Contains("\n  \"valid\": true", CheckResultJson.Serialize(HistoryChecker.Check(history), indented: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_to_a_stream_gives_the_same_utf8_text()
    {
        var result = OneOfEach();
        using var stream = new MemoryStream();
        CheckResultJson.Write(stream, result);

        Assert.Equal(CheckResultJson.Serialize(result), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.NotEqual(0xEF, stream.ToArray()[0]);
    }

    [Fact]
    public void Every_name_in_the_report_and_in_history_lines_is_snake_case()
    {
        HistoryRecord[] records =
        [
            new PublishRecord("p1", "t", "a", 1, 2, PublishOutcome.Ok, 0, "none"),
            new ReadRecord("n1", "t", 0, "a", 3, "s"),
            new StatusRecord("n1", 4, NodeRole.Leader, 1, 0, "n1"),
            new EventRecord(5, EventKinds.Heal, ["n1"], "heal"),
        ];
        var names = new List<string>();
        using (var report = JsonDocument.Parse(CheckResultJson.Serialize(OneOfEach())))
        {
            CollectNames(report.RootElement, names);
        }

        foreach (var record in records)
        {
            using var line = JsonDocument.Parse(HistoryWriter.Serialize(record));
            CollectNames(line.RootElement, names);
        }

        Assert.Contains("first_seen_twice_at_ms", names);
        Assert.Contains("commit_index", names);
        Assert.All(names, name => Assert.Matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", name));
    }

    /// <summary>Every property name, skipping the two maps whose keys are data (node ids, anomaly kinds).</summary>
    private static void CollectNames(JsonElement element, List<string> names)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectNames(item, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
                if (property.Name is not ("reads_by_node" or "anomalies_by_kind"))
                {
                    CollectNames(property.Value, names);
                }
            }
        }
    }

    private static List<string> Names(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? [.. element.EnumerateObject().Select(p => p.Name)] : [];

    /// <summary>A result holding one anomaly of every kind, built directly so each shape is pinned.</summary>
    internal static CheckResult OneOfEach()
    {
        Anomaly[] anomalies =
        [
            new LostAnomaly("t", "a", 1, "p1", 10, 20, "b", ["n1"]),
            new DuplicateAnomaly("t", "u", [1, 4], ["n1"], [PublishOutcome.Unknown], 30),
            new FailedWrittenAnomaly("t", "f", "p2", 40, "ERR X", [2], ["n2"]),
            new DivergenceAnomaly("t", 3, [new NodeValue("n1", "x", 50), new NodeValue("n2", "y", 51)], 51),
            new OffsetMismatchAnomaly("t", "m", "p1", 5, [6], "z", 60),
            new GapAnomaly("n1", "t", "s", 1, 4, 70),
            new NonMonotonicAnomaly("n1", "t", "s", 4, 2, 80),
            new UnexpectedValueAnomaly("t", "ghost", [9], ["n2"], 90),
            new TwoLeadersAnomaly(3, [new LeaderClaim("n1", 100, 110), new LeaderClaim("n2", 105, 105)]),
            new NoRecoveryAnomaly(120, 10_000, null),
            new UnverifiedAnomaly("t", "v", 99, "p3", 130, 12),
            new RecoveryUnobservedAnomaly(140, 10_000, 150),
        ];
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in AnomalyKinds.All)
        {
            byKind[kind] = 1;
        }

        var statistics = new CheckStatistics(
            new PublishStatistics(5, 3, 1, 1, 1, 0, 5),
            9,
            new SortedDictionary<string, long>(StringComparer.Ordinal) { ["n1"] = 5, ["n2"] = 4 },
            ["t"],
            3,
            2,
            1,
            0,
            150,
            byKind);
        HealRecovery[] recoveries = [new HealRecovery(120, [], "heal all", 125, "t", "a", 124, "n1", 8, 4, RecoveryStatus.Recovered)];
        return new CheckResult(anomalies, statistics, recoveries);
    }
}
