using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wiber.Chaos.Client;

namespace Wiber.Lab.Tests;

/// <summary><c>wiber lab …</c> end to end: the JSON contracts the PowerShell module reads, and every bad input.</summary>
[Collection(LabCollection.Name)]
public sealed class LabCliTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wiber-lab-cli-");

    private string Dir => _root.FullName;

    public void Dispose()
    {
        if (File.Exists(Path.Combine(Dir, ".wiber-lab", "lab.json")))
        {
            CliRun.RunAsync(Dir, "lab", "down").GetAwaiter().GetResult();
        }

        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task EveryLabVerb_WritesItsJsonContract_AndTheOtherVerbsUseTheLabsServers()
    {
        var up = await CliRun.RunAsync(Dir, "lab", "up", "--fast", "--json");
        Assert.True(up.ExitCode == 0, up.ToString());
        var upJson = Assert.Single(up.JsonLines);
        Assert.Equal(["backend", "lab_dir", "lab_id", "leader", "nodes", "proxy_url", "time_to_leader_ms"], CliRun.FieldNames(upJson));
        Assert.Equal(["admin_port", "client", "node", "pid"], CliRun.FieldNames(upJson.GetProperty("nodes")[0]));
        Assert.True(upJson.GetProperty("time_to_leader_ms").GetDouble() > 0);

        // pub/history without --servers find the lab in the working directory.
        var pub = await CliRun.RunAsync(Dir, "pub", "labtopic", "hello");
        Assert.True(pub.ExitCode == 0, pub.ToString());

        var status = await CliRun.RunAsync(Dir, "lab", "status", "--json");
        Assert.Equal(3, status.JsonLines.Length);
        Assert.All(status.JsonLines, j => Assert.Equal(["client", "commit", "faults", "leader", "node", "pid", "role", "state", "term"], CliRun.FieldNames(j)));
        Assert.Single(status.JsonLines, j => j.GetProperty("role").GetString() == "leader");

        var partition = await CliRun.RunAsync(Dir, "lab", "partition", "n1", "--json");
        Assert.True(partition.ExitCode == 0, partition.ToString());
        var fault = Assert.Single(partition.JsonLines);
        Assert.Equal(["at", "description", "kind", "nodes", "toxics"], CliRun.FieldNames(fault));
        Assert.Equal(8, fault.GetProperty("toxics").GetArrayLength());
        Assert.Equal(["name", "proxy"], CliRun.FieldNames(fault.GetProperty("toxics")[0]));

        var table = await CliRun.RunAsync(Dir, "lab", "status");
        Assert.StartsWith("NODE", table.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(table.OutLines, l => l.StartsWith("n1 ", StringComparison.Ordinal) && l.Contains("partition n1 | n2,n3", StringComparison.Ordinal));

        var heal = await CliRun.RunAsync(Dir, "lab", "heal", "--json");
        Assert.Equal(["removed_toxics"], CliRun.FieldNames(Assert.Single(heal.JsonLines)));
        Assert.Equal(8, heal.JsonLines[0].GetProperty("removed_toxics").GetInt32());

        var kill = await CliRun.RunAsync(Dir, "lab", "kill", "n2", "--json");
        Assert.Equal(["action", "after", "before", "changed", "node", "pid"], CliRun.FieldNames(Assert.Single(kill.JsonLines)));
        var start = await CliRun.RunAsync(Dir, "lab", "start", "n2");
        Assert.Contains("n2: killed -> running", start.Out, StringComparison.Ordinal);

        var events = await CliRun.RunAsync(Dir, "lab", "events", "--json");
        Assert.Equal(["up", "partition", "heal", "kill", "start"], events.JsonLines.Select(e => e.GetProperty("kind").GetString()));
        Assert.All(events.JsonLines, e => Assert.Equal(["at", "at_ms", "detail", "kind", "nodes", "ok"], CliRun.FieldNames(e)));

        var logs = await CliRun.RunAsync(Dir, "lab", "logs", "n1", "--lines", "3");
        Assert.True(logs.ExitCode == 0 && logs.OutLines.Length == 3, logs.ToString());

        var down = await CliRun.RunAsync(Dir, "lab", "down", "--json");
        Assert.Equal(3, down.JsonLines.Length);
        Assert.All(down.JsonLines, j => Assert.Equal("stopped", j.GetProperty("after").GetString()));
    }

    [Fact]
    public async Task BadInput_GetsOneClearLineAndTheDocumentedExitCode_AndAFailedFaultIsRolledBack()
    {
        (await CliRun.RunAsync(Dir, "lab", "status")).AssertFailed(7, "no lab in");
        (await CliRun.RunAsync(Dir, "lab", "kill", "n1")).AssertFailed(7, "wiber lab up");

        var up = await CliRun.RunAsync(Dir, "lab", "up", "--fast");
        Assert.True(up.ExitCode == 0, up.ToString());
        (await CliRun.RunAsync(Dir, "lab", "up")).AssertFailed(1, "already up");
        (await CliRun.RunAsync(Dir, "lab", "kill", "n9")).AssertFailed(4, "unknown node 'n9'");
        (await CliRun.RunAsync(Dir, "lab", "partition", "n1", "n1,n2")).AssertFailed(2, "must not overlap");
        (await CliRun.RunAsync(Dir, "lab", "slow", "n1", "--latency", "fast")).AssertFailed(2, "--latency");
        (await CliRun.RunAsync(Dir, "lab", "flaky", "n1", "--probability", "2")).AssertFailed(2, "--probability");

        // A proxy that vanished under the lab: the partition fails part-way, and what it had added is removed.
        var state = new Wiber.Lab.State.LabDirectory(Path.Combine(Dir, ".wiber-lab")).Load();
        using (var proxy = new ToxiproxyClient(new Uri(state.Proxy.Url)))
        {
            await proxy.DeleteProxyAsync("n3-to-n1", TestContext.Current.CancellationToken);
            (await CliRun.RunAsync(Dir, "lab", "partition", "n1")).AssertFailed(1, "were removed");
            var left = await proxy.GetProxiesAsync(TestContext.Current.CancellationToken);
            Assert.All(left.Values, p => Assert.Empty(p.Toxics));
        }

        var events = await CliRun.RunAsync(Dir, "lab", "events", "--json");
        var failed = events.JsonLines[^1];
        Assert.Equal("partition", failed.GetProperty("kind").GetString());
        Assert.False(failed.GetProperty("ok").GetBoolean());
        Assert.Contains("rolled back", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var status = await CliRun.RunAsync(Dir, "lab", "status", "--json");
        Assert.All(status.JsonLines, j => Assert.Equal(0, j.GetProperty("faults").GetArrayLength()));
    }

    [Fact]
    public async Task APortInUse_AndALabOfAnotherVersion_AreRefusedClearly()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        (await CliRun.RunAsync(Dir, "lab", "up", "--port-base", port.ToString(System.Globalization.CultureInfo.InvariantCulture))).AssertFailed(1, $"port {port} is in use");
        Assert.False(File.Exists(Path.Combine(Dir, ".wiber-lab", "lab.json")));

        Directory.CreateDirectory(Path.Combine(Dir, "old", ".wiber-lab"));
        await File.WriteAllTextAsync(Path.Combine(Dir, "old", ".wiber-lab", "lab.json"), JsonSerializer.Serialize(new { version = 0, lab_id = "x" }), TestContext.Current.CancellationToken);
        (await CliRun.RunAsync(Path.Combine(Dir, "old"), "lab", "status")).AssertFailed(1, "another version of Wiber");
    }
}
