using System.Net;
using System.Text.Json;
using Wiber.Lab.Tests;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary>
/// The REST control API on a real 3-node process lab: every endpoint, the same lab the CLI sees (one
/// implementation, two front doors), and the live event stream.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiTests
{
    private static string[] Kinds(JsonElement events) => [.. events.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    [Fact]
    public async Task EveryEndpoint_DrivesTheLabTheCliSees()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var (status, cluster, _) = await dashboard.GetAsync("/cluster");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(cluster.GetProperty("lab").GetProperty("up").GetBoolean());
        Assert.Contains("no lab in", cluster.GetProperty("lab").GetProperty("error").GetString(), StringComparison.Ordinal);

        // Start: the fields of 'wiber lab up --json'.
        var up = await dashboard.OkAsync("/cluster/start", """{"fast": true}""");
        Assert.Equal(["backend", "lab_dir", "lab_id", "leader", "nodes", "proxy_url", "time_to_leader_ms"], TestDashboard.FieldNames(up));
        Assert.Equal(["admin_port", "client", "node", "pid"], TestDashboard.FieldNames(up.GetProperty("nodes")[0]));
        Assert.Equal(dashboard.Directory.Path, up.GetProperty("lab_dir").GetString());
        Assert.NotNull(up.GetProperty("leader").GetString());

        await using var live = await SseReader.OpenAsync(dashboard.Http, "/cluster/live");
        Assert.Equal("text/event-stream", live.ContentType);
        await using var console = await SseReader.OpenAsync(dashboard.Http, "/cluster/node/n2/console");

        // Nodes: the fields of 'wiber lab status --json' and the leader's view of lag and clock; the CLI sees the same processes.
        var (_, nodes, _) = await dashboard.GetAsync("/cluster/nodes");
        Assert.Equal(3, nodes.GetArrayLength());
        Assert.All(nodes.EnumerateArray(), n => Assert.Equal(
            ["admin_port", "client", "clock_offset_ms", "commit", "faults", "lag", "last_index", "leader", "node", "pid", "role", "state", "term"],
            TestDashboard.FieldNames(n)));
        var cli = await CliRun.RunAsync(dashboard.Root, "lab", "status", "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal(
            nodes.EnumerateArray().Select(n => (n.GetProperty("node").GetString(), n.GetProperty("pid").GetInt32())),
            cli.JsonLines.Select(n => (n.GetProperty("node").GetString(), n.GetProperty("pid").GetInt32())));

        // Network faults, as 'wiber lab partition|slow|flaky|heal --json', and the link matrix they draw.
        var partition = await dashboard.OkAsync("/cluster/partition", """{"groups": [["n1"]]}""");
        Assert.Equal(["at", "description", "kind", "nodes", "toxics"], TestDashboard.FieldNames(partition));
        Assert.Equal("partition n1 | n2,n3", partition.GetProperty("description").GetString());
        Assert.Equal(8, partition.GetProperty("toxics").GetArrayLength());
        var table = await CliRun.RunAsync(dashboard.Root, "lab", "status");
        Assert.Contains(table.OutLines, l => l.StartsWith("n1 ", StringComparison.Ordinal) && l.Contains("partition n1 | n2,n3", StringComparison.Ordinal));
        Assert.Equal(8, (await dashboard.OkAsync("/cluster/heal")).GetProperty("removed_toxics").GetInt32());

        Assert.Equal("slow n1:n2: latency 100ms", (await dashboard.OkAsync("/cluster/slow", """{"target": "n1:n2", "latency": "100ms"}""")).GetProperty("description").GetString());
        Assert.Equal("flaky", (await dashboard.OkAsync("/cluster/flaky", """{"target": "n2:n3", "kind": "slicer", "probability": 0.5}""")).GetProperty("kind").GetString());
        var cut = await dashboard.OkAsync("/cluster/partition", """{"links": [{"from": "n1", "to": "n3"}]}""");
        Assert.Equal("partition n1-/->n3", cut.GetProperty("description").GetString());
        var (_, faulty, _) = await dashboard.GetAsync("/cluster");
        var links = faulty.GetProperty("links").EnumerateArray().ToDictionary(l => $"{l.GetProperty("from").GetString()}>{l.GetProperty("to").GetString()}");
        Assert.True(links["n1>n3"].GetProperty("cut").GetBoolean());
        Assert.False(links["n3>n1"].GetProperty("cut").GetBoolean());
        Assert.True(links["n1>n2"].GetProperty("slow").GetBoolean());
        Assert.True(links["n2>n3"].GetProperty("flaky").GetBoolean());
        Assert.Equal(3, faulty.GetProperty("faults").GetArrayLength());
        Assert.Equal(4, (await dashboard.OkAsync("/cluster/heal")).GetProperty("removed_toxics").GetInt32());

        // Nodes: kill the leader, a successor is elected; start it again; pause/resume; restart; skew.
        var leader = await TestDashboard.EventuallyAsync(dashboard.LeaderAsync, "a leader");
        var kill = await dashboard.OkAsync($"/cluster/node/{leader}/kill");
        Assert.Equal(["action", "after", "before", "changed", "node", "pid"], TestDashboard.FieldNames(kill));
        Assert.Equal(("running", "killed", true), (kill.GetProperty("before").GetString(), kill.GetProperty("after").GetString(), kill.GetProperty("changed").GetBoolean()));
        await TestDashboard.EventuallyAsync(async () => await dashboard.LeaderAsync() is { } l && l != leader, "a new leader");
        Assert.Equal("running", (await dashboard.OkAsync($"/cluster/node/{leader}/start")).GetProperty("after").GetString());
        Assert.False((await dashboard.OkAsync($"/cluster/node/{leader}/start")).GetProperty("changed").GetBoolean());
        Assert.Equal("paused", (await dashboard.OkAsync("/cluster/node/n2/pause")).GetProperty("after").GetString());
        Assert.Equal("running", (await dashboard.OkAsync("/cluster/node/n2/resume")).GetProperty("after").GetString());
        var before = up.GetProperty("nodes")[2].GetProperty("pid").GetInt32();
        var restart = await dashboard.OkAsync("/cluster/node/n3/restart");
        Assert.NotEqual(before, restart.GetProperty("pid").GetInt32());
        var steady = new[] { "n1", "n2" }.First(n => n != leader);   // not just started: its admin endpoint answers
        Assert.Equal("500ms", (await dashboard.OkAsync($"/cluster/node/{steady}/skew", """{"offset": "+500ms"}""")).GetProperty("after").GetString());

        // Publish: acknowledged by the leader, then seen on every node (each read on its own).
        var published = await dashboard.OkAsync("/cluster/publish", """{"topic": "api", "message": "hello every node", "wait_ms": 20000}""");
        Assert.Equal("ok", published.GetProperty("outcome").GetString());
        Assert.Equal(0, published.GetProperty("offset").GetInt64());
        Assert.Equal(["n1", "n2", "n3"], published.GetProperty("arrivals").EnumerateArray().Where(a => a.GetProperty("arrived").GetBoolean()).Select(a => a.GetProperty("node").GetString()).Order());
        var history = await CliRun.RunAsync(dashboard.Root, "history", "api", "--json");
        Assert.Equal("hello every node", Assert.Single(history.JsonLines).GetProperty("payload").GetString());
        var burst = await dashboard.OkAsync("/cluster/publish", """{"topic": "api", "message": "m {i}", "id": "burst", "count": 200, "wait_ms": 20000}""");
        Assert.Equal((200, 200L), (burst.GetProperty("acknowledged").GetInt32(), burst.GetProperty("offset").GetInt64()));
        Assert.Equal(3, burst.GetProperty("arrivals").EnumerateArray().Count(a => a.GetProperty("arrived").GetBoolean()));

        // In the background: answered at the acknowledgement; the arrivals come over the live stream only.
        var background = await dashboard.OkAsync("/cluster/publish", """{"topic": "api", "message": "quietly", "id": "bg-1", "background": true, "wait_ms": 20000}""");
        Assert.Equal(("ok", 0), (background.GetProperty("outcome").GetString(), background.GetProperty("arrivals").GetArrayLength()));
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            await live.WaitForAsync("arrival", a => a.GetProperty("node").GetString() == node && a.GetProperty("message_id").GetString() == "bg-1" && a.GetProperty("arrived").GetBoolean());
        }

        // Events: 'wiber lab events --json', everything done through the API.
        var (_, events, _) = await dashboard.GetAsync("/cluster/events");
        Assert.Equal(["up", "partition", "heal", "slow", "flaky", "partition", "heal", "kill", "start", "pause", "resume", "restart", "skew"], Kinds(events));
        Assert.All(events.EnumerateArray(), e => Assert.Equal(["at", "at_ms", "detail", "kind", "nodes", "ok"], TestDashboard.FieldNames(e)));
        var cliEvents = await CliRun.RunAsync(dashboard.Root, "lab", "events", "--json");
        Assert.Equal(Kinds(events), cliEvents.JsonLines.Select(e => e.GetProperty("kind").GetString()!));

        // The live stream carried snapshots, the lab's events, every node's console and the arrivals.
        var snapshot = await live.WaitForAsync("snapshot", s => s.GetProperty("nodes").GetArrayLength() == 3 && s.GetProperty("leader").ValueKind == JsonValueKind.String);
        Assert.Equal(["at_ms", "faults", "lab", "leader", "links", "nodes", "sample", "term"], TestDashboard.FieldNames(snapshot.Data));
        await live.WaitForAsync("event", e => e.GetProperty("kind").GetString() == "skew");
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            await live.WaitForAsync("console", c => c.GetProperty("node").GetString() == node && c.GetProperty("lines").GetArrayLength() > 0);
            await live.WaitForAsync("arrival", a => a.GetProperty("node").GetString() == node && a.GetProperty("message_id").GetString() == published.GetProperty("message_id").GetString() && a.GetProperty("arrived").GetBoolean());
        }

        await console.WaitForAsync("console", c => c.GetProperty("node").GetString() == "n2");
        Assert.All(console.Events, e => Assert.Equal("n2", e.Data.GetProperty("node").GetString()));

        // Stop: 'wiber lab down --json'; then the lab is gone for both front doors.
        var down = (await dashboard.OkAsync("/cluster/stop")).EnumerateArray().ToList();
        Assert.Equal(3, down.Count);
        Assert.All(down, c => Assert.Equal("stopped", c.GetProperty("after").GetString()));
        await live.WaitForAsync("snapshot", s => !s.GetProperty("lab").GetProperty("up").GetBoolean());
        (await CliRun.RunAsync(dashboard.Root, "lab", "status")).AssertFailed(7, "no lab in");
    }
}
