using System.Text.Json;
namespace Wiber.Cli.Tests;

/// <summary>Every verb against one real in-process 3-node cluster.</summary>
public sealed class ClusterCommandTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private LocalCluster C => fixture.Cluster;

    [Fact]
    public async Task PubThenHistory_RoundTripsText()
    {
        var pub = await Cli.RunAsync(C, "pub", "rt-text", "Hello world");
        Assert.True(pub.ExitCode == ExitCodes.Ok, pub.ToString());
        Assert.Equal("rt-text 0", pub.Out.Trim());
        Assert.Equal("", pub.Error);

        var history = await Cli.RunAsync(C, "history", "rt-text");
        Assert.True(history.ExitCode == ExitCodes.Ok, history.ToString());
        var fields = Assert.Single(history.OutLines).Split('\t');
        Assert.Equal("0", fields[0]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", fields[1]);
        Assert.Equal("Hello world", fields[2]);
    }

    [Fact]
    public async Task PubFromStdin_ThenHistory_RoundTripsJson()
    {
        var pub = await Cli.RunAsync(["pub", "rt-json", "--json", "--servers", string.Join(',', C.Servers)], stdin: "one\ntwo words\nthree\n");
        Assert.True(pub.ExitCode == ExitCodes.Ok, pub.ToString());
        var results = pub.JsonLines;
        Assert.Equal([0L, 1L, 2L], results.Select(r => r.GetProperty("offset").GetInt64()));
        Assert.All(results, r => Assert.Equal("ok", r.GetProperty("outcome").GetString()));

        var history = await Cli.RunAsync(C, "history", "rt-json", "--json", "--last", "2");
        Assert.True(history.ExitCode == ExitCodes.Ok, history.ToString());
        var messages = history.JsonLines;
        Assert.Equal(["two words", "three"], messages.Select(m => m.GetProperty("payload").GetString()));
        Assert.Equal([1L, 2L], messages.Select(m => m.GetProperty("offset").GetInt64()));

        var page = await Cli.RunAsync(C, "history", "rt-json", "--json", "--from", "1", "--limit", "1");
        Assert.Equal("two words", Assert.Single(page.JsonLines).GetProperty("payload").GetString());
    }

    [Fact]
    public async Task Pub_WithSameId_IsADuplicate()
    {
        var first = await Cli.RunAsync(C, "pub", "dup", "once", "--id", "m-1");
        var second = await Cli.RunAsync(C, "pub", "dup", "once", "--id", "m-1");
        Assert.Equal("dup 0", first.Out.Trim());
        Assert.Equal("dup 0 duplicate", second.Out.Trim());
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
    }

    [Fact]
    public async Task PubJson_HasExactlyTheContractFields()
    {
        var run = await Cli.RunAsync(C, "pub", "contract-pub", "x", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var json = Assert.Single(run.JsonLines);
        Assert.Equal(["attempts", "duplicate", "error", "message_id", "offset", "outcome", "topic"], Cli.FieldNames(json));
    }

    [Fact]
    public async Task HistoryJson_HasExactlyTheContractFields()
    {
        await Cli.RunAsync(C, "pub", "contract-history", "x");
        var run = await Cli.RunAsync(C, "history", "contract-history", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var json = Assert.Single(run.JsonLines);
        Assert.Equal(["encoding", "hybrid_ts", "offset", "payload", "producer_time_ms", "time", "topic"], Cli.FieldNames(json));
        Assert.Equal("utf-8", json.GetProperty("encoding").GetString());
    }

    [Fact]
    public async Task StatusJson_HasExactlyTheContractFields()
    {
        var run = await Cli.RunAsync(C, "status", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(3, run.JsonLines.Length);
        Assert.All(run.JsonLines, json => Assert.Equal(
            ["applied", "clock_offset_ms", "commit", "error", "fsync", "lag", "last_index", "leader", "node", "role", "server", "term"], Cli.FieldNames(json)));
        var leader = Assert.Single(run.JsonLines, j => j.GetProperty("role").GetString() == "leader");
        Assert.Equal(0, leader.GetProperty("lag").GetInt64());

        // Offsets are estimated from periodic clock samples: within a few seconds every node has one.
        for (var attempt = 0; attempt < 50 && !run.JsonLines.All(j => j.GetProperty("clock_offset_ms").ValueKind == JsonValueKind.Number); attempt++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            run = await Cli.RunAsync(C, "status", "--json");
        }

        Assert.All(run.JsonLines, j => Assert.Equal(JsonValueKind.Number, j.GetProperty("clock_offset_ms").ValueKind));
    }

    [Fact]
    public async Task PingJson_HasExactlyTheContractFields()
    {
        var run = await Cli.RunAsync(C, "ping", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(3, run.JsonLines.Length);
        Assert.All(run.JsonLines, json =>
        {
            Assert.Equal(["error", "ok", "rtt_ms", "server"], Cli.FieldNames(json));
            Assert.True(json.GetProperty("ok").GetBoolean());
        });
    }

    [Fact]
    public async Task StatusTable_ListsThreeNodesWithOneLeader()
    {
        await C.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
        var run = await Cli.RunAsync(C, "status");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var lines = run.OutLines;
        Assert.StartsWith("NODE", lines[0], StringComparison.Ordinal);
        var rows = lines[1..].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal(["n1", "n2", "n3"], rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        var leader = Assert.Single(rows, r => r[2] == "leader");
        Assert.All(rows, r => Assert.Equal(leader[0], r[4]));
    }

    [Fact]
    public async Task Ping_PrintsOnePongPerServer()
    {
        var run = await Cli.RunAsync(C, "ping");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(3, run.OutLines.Length);
        Assert.All(run.OutLines, l => Assert.Contains(" pong ", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_OfUnknownTopic_ExitsNotFound()
    {
        var run = await Cli.RunAsync(C, "history", "no-such-topic");
        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("", run.Out);
        BadInputTests.AssertOneErrorLine(run, "not found");
    }

    [Fact]
    public async Task Pub_OverThePayloadLimit_ExitsPublishFailed()
    {
        var run = await Cli.RunAsync(C, "pub", "big", new string('x', (1 << 20) + 1));
        Assert.Equal(ExitCodes.PublishFailed, run.ExitCode);
        BadInputTests.AssertOneErrorLine(run, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Pub_OverThePayloadLimit_WithJson_ReportsFailedOutcome()
    {
        var run = await Cli.RunAsync(C, "pub", "big-json", new string('x', (1 << 20) + 1), "--json");
        Assert.Equal(ExitCodes.PublishFailed, run.ExitCode);
        var json = Assert.Single(run.JsonLines);
        Assert.Equal("failed", json.GetProperty("outcome").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("offset").ValueKind);
    }
}
