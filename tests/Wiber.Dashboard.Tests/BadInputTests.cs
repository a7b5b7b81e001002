using System.Net;
using Wiber.Chaos.Client;
using Wiber.Lab.Tests;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary>
/// Bad input through the API: refused as problem details in the CLI's very words, and nothing changed —
/// the lab state file is byte for byte what it was, and no event was recorded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class BadInputTests
{
    /// <summary>The problem's detail is what <c>wiber</c> prints after <c>wiber: </c> for the same request.</summary>
    private static async Task SameAsCliAsync(TestDashboard dashboard, HttpMethod method, string path, string? body, HttpStatusCode status, string kind, int exitCode, params string[] cli)
    {
        var problem = await dashboard.ProblemAsync(method, path, body, status, kind);
        var run = await CliRun.RunAsync(dashboard.Root, cli);
        run.AssertFailed(exitCode, "");
        Assert.Equal("wiber: " + problem.GetProperty("detail").GetString(), run.Error.Trim());
    }

    [Fact]
    public async Task AnActionOnAStoppedLab_IsRefusedAsTheCliRefusesIt()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/node/n1/kill", null, HttpStatusCode.Conflict, "not_running", 7, "lab", "kill", "n1");
        await SameAsCliAsync(dashboard, HttpMethod.Get, "/cluster/nodes", null, HttpStatusCode.Conflict, "not_running", 7, "lab", "status");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/partition", """{"groups": [["n1"]]}""", HttpStatusCode.Conflict, "not_running", 7, "lab", "partition", "n1");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/heal", null, HttpStatusCode.Conflict, "not_running", 7, "lab", "heal");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/stop", null, HttpStatusCode.Conflict, "not_running", 7, "lab", "down");
        await dashboard.ProblemAsync(HttpMethod.Get, "/cluster/events", null, HttpStatusCode.Conflict, "not_running");
        await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/publish", """{"topic": "t", "message": "x"}""", HttpStatusCode.Conflict, "not_running");
        await dashboard.ProblemAsync(HttpMethod.Get, "/cluster/node/n1/console", null, HttpStatusCode.Conflict, "not_running");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/start", """{"nodes": 12}""", HttpStatusCode.BadRequest, "usage", 2, "lab", "up", "--nodes", "12");
        Assert.False(File.Exists(dashboard.Directory.StateFile));
    }

    [Fact]
    public async Task BadInput_OnARunningLab_IsRefusedWithTheCliWords_AndChangesNothing()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        await dashboard.OkAsync("/cluster/start", """{"fast": true}""");
        var state = dashboard.StateBytes();
        var events = File.ReadAllLines(dashboard.Directory.EventsFile).Length;

        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/node/n9/kill", null, HttpStatusCode.NotFound, "unknown_node", 4, "lab", "kill", "n9");
        Assert.Equal("unknown node 'n9'; this lab has n1, n2, n3", (await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/node/n9/kill", null, HttpStatusCode.NotFound, "unknown_node")).GetProperty("detail").GetString());
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/partition", """{"groups": [["n1"], ["n1", "n2"]]}""", HttpStatusCode.BadRequest, "usage", 2, "lab", "partition", "n1", "n1,n2");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/partition", """{"groups": [["n1", "n9"]]}""", HttpStatusCode.NotFound, "unknown_node", 4, "lab", "partition", "n1,n9");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/slow", """{"target": "n1"}""", HttpStatusCode.BadRequest, "usage", 2, "lab", "slow", "n1");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/slow", """{"target": "n1:n1", "latency": "5ms"}""", HttpStatusCode.BadRequest, "usage", 2, "lab", "slow", "n1:n1", "--latency", "5ms");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/flaky", """{"target": "n1", "probability": 2}""", HttpStatusCode.BadRequest, "usage", 2, "lab", "flaky", "n1", "--probability", "2");
        await SameAsCliAsync(dashboard, HttpMethod.Post, "/cluster/start", null, HttpStatusCode.Conflict, "already_running", 1, "lab", "up");
        await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/node/n1/explode", null, HttpStatusCode.BadRequest, "usage");
        await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/partition", """{"links": [{"from": "n1", "to": "n1"}]}""", HttpStatusCode.BadRequest, "usage");

        // Malformed requests: 400 naming the field.
        Assert.Equal("groups[1]", (await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/partition", """{"groups": [["n1"], 5]}""", HttpStatusCode.BadRequest, "invalid_request")).GetProperty("field").GetString());
        Assert.Equal("oneway", (await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/partition", """{"groups": [["n1"]], "oneway": true}""", HttpStatusCode.BadRequest, "invalid_request")).GetProperty("field").GetString());
        Assert.Contains("not valid JSON", (await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/partition", """{"groups": [["n1"]""", HttpStatusCode.BadRequest, "invalid_request")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("latency", (await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/slow", """{"target": "n1", "latency": "fast"}""", HttpStatusCode.BadRequest, "invalid_request")).GetProperty("field").GetString());
        Assert.Equal("topic", (await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/publish", """{"topic": "bad topic", "message": "x"}""", HttpStatusCode.BadRequest, "invalid_request")).GetProperty("field").GetString());
        Assert.Equal("offset", (await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/node/n1/skew", "{}", HttpStatusCode.BadRequest, "invalid_request")).GetProperty("field").GetString());
        await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/nope", null, HttpStatusCode.NotFound, "no_such_endpoint");
        using (var forged = new HttpRequestMessage(HttpMethod.Post, "/cluster/node/n1/kill"))
        {
            forged.Headers.Add("Origin", "http://evil.example");   // what a form on another site would send
            using var refused = await dashboard.Http.SendAsync(forged, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await dashboard.ProblemAsync(HttpMethod.Get, "/cluster/node/n9/console", null, HttpStatusCode.NotFound, "unknown_node");

        Assert.Equal(state, dashboard.StateBytes());
        Assert.Equal(events, File.ReadAllLines(dashboard.Directory.EventsFile).Length);

        // A fault the proxy refuses half-way is rolled back whole: no toxic stays, lab.json keeps no fault.
        var proxyUrl = new Uri(dashboard.Directory.Load().Proxy.Url);
        using (var proxy = new ToxiproxyClient(proxyUrl))
        {
            await proxy.DeleteProxyAsync("n3-to-n1", TestContext.Current.CancellationToken);
            var failed = await dashboard.ProblemAsync(HttpMethod.Post, "/cluster/partition", """{"groups": [["n1"]]}""", HttpStatusCode.InternalServerError, "failed");
            Assert.Contains("were removed", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.All((await proxy.GetProxiesAsync(TestContext.Current.CancellationToken)).Values, p => Assert.Empty(p.Toxics));
        }

        Assert.Equal(state, dashboard.StateBytes());
        var (_, last, _) = await dashboard.GetAsync("/cluster/events");
        Assert.False(last[last.GetArrayLength() - 1].GetProperty("ok").GetBoolean());
    }
}
