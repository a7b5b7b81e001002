using System.Text.Json;

namespace Wiber.Cli.Tests;

/// <summary><c>sub</c>, <c>topics</c>, <c>pub --count</c> and <c>history --since</c> against a real in-process cluster.</summary>
public sealed class VerbTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private LocalCluster C => fixture.Cluster;

    private string Servers => string.Join(',', C.Servers);

    [Fact]
    public async Task Sub_FromZero_PrintsEveryMessageInOrderThenStopsAtCount()
    {
        await Cli.RunAsync(["pub", "sub-all", "--servers", Servers], stdin: "a\nb\nc\n");
        var run = await Cli.RunAsync(C, "sub", "sub-all", "--from", "0", "--count", "3");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(["0", "1", "2"], run.OutLines.Select(l => l.Split('\t')[0]));
        Assert.Equal(["a", "b", "c"], run.OutLines.Select(l => l.Split('\t')[2]));
    }

    [Fact]
    public async Task SubJson_HasTheHistoryContractFields_AndLastStartsNearTheEnd()
    {
        await Cli.RunAsync(["pub", "sub-json", "--servers", Servers], stdin: "1\n2\n3\n4\n");
        var run = await Cli.RunAsync(C, "sub", "sub-json", "--last", "2", "--count", "2", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(["3", "4"], run.JsonLines.Select(j => j.GetProperty("payload").GetString()));
        Assert.All(run.JsonLines, j => Assert.Equal(["encoding", "hybrid_ts", "offset", "payload", "producer_time_ms", "time", "topic"], Cli.FieldNames(j)));
    }

    [Fact]
    public async Task SubGroup_AcknowledgesWhatItPrinted_SoTheNextRunResumesAfterIt()
    {
        await Cli.RunAsync(["pub", "sub-group", "--servers", Servers], stdin: "m0\nm1\nm2\nm3\nm4\n");
        var first = await Cli.RunAsync(C, "sub", "sub-group", "--group", "billing", "--from", "0", "--count", "2");
        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.Equal(["m0", "m1"], first.OutLines.Select(l => l.Split('\t')[2]));

        var second = await Cli.RunAsync(C, "sub", "sub-group", "--group", "billing", "--count", "3");
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.Equal(["m2", "m3", "m4"], second.OutLines.Select(l => l.Split('\t')[2]));
    }

    [Fact]
    public async Task Topics_CreateDescribeListDelete_WithJsonContracts()
    {
        var create = await Cli.RunAsync(C, "topics", "create", "orders-t", "--retention", "7d", "--description", "Paid orders", "--json");
        Assert.True(create.ExitCode == ExitCodes.Ok, create.ToString());
        var created = Assert.Single(create.JsonLines);
        Assert.Equal(["created", "topic"], Cli.FieldNames(created));
        Assert.True(created.GetProperty("created").GetBoolean());

        var again = await Cli.RunAsync(C, "topics", "create", "orders-t", "--retention", "7d", "--description", "Paid orders");
        Assert.Equal("orders-t exists", again.Out.Trim());

        var describe = await Cli.RunAsync(C, "topics", "describe", "orders-t", "--json");
        var topic = Assert.Single(describe.JsonLines);
        Assert.Equal(["description", "name", "next_offset", "retention"], Cli.FieldNames(topic));
        Assert.Equal("7d", topic.GetProperty("retention").GetString());
        Assert.Equal("Paid orders", topic.GetProperty("description").GetString());

        var list = await Cli.RunAsync(C, "topics");
        Assert.StartsWith("TOPIC", list.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(list.OutLines, l => l.StartsWith("orders-t ", StringComparison.Ordinal) && l.EndsWith("Paid orders", StringComparison.Ordinal));

        var delete = await Cli.RunAsync(C, "topics", "delete", "orders-t", "--json");
        Assert.True(delete.ExitCode == ExitCodes.Ok, delete.ToString());
        Assert.Equal(["deleted", "topic"], Cli.FieldNames(Assert.Single(delete.JsonLines)));

        var gone = await Cli.RunAsync(C, "topics", "describe", "orders-t");
        Assert.Equal(ExitCodes.NotFound, gone.ExitCode);
        BadInputTests.AssertOneErrorLine(gone, "orders-t");
        var deleteAgain = await Cli.RunAsync(C, "topics", "delete", "orders-t");
        Assert.Equal(ExitCodes.NotFound, deleteAgain.ExitCode);
    }

    [Fact]
    public async Task TopicsCreate_WithABadRetention_IsAUsageError()
    {
        var run = await Cli.RunAsync(C, "topics", "create", "bad-retention", "--retention", "fortnight");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        BadInputTests.AssertOneErrorLine(run, "retention");
    }

    [Fact]
    public async Task PubCount_PublishesEveryMessageOnceWithItsNumber_AndSummarises()
    {
        var run = await Cli.RunAsync(C, "pub", "load-t", "sample {i}", "--count", "500", "--id", "load", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var summary = Assert.Single(run.JsonLines);
        Assert.Equal(
            ["count", "failed", "first_error", "first_offset", "last_offset", "messages_per_second", "ok", "p50_ms", "p99_ms", "seconds", "unknown"],
            Cli.FieldNames(summary));
        Assert.Equal(500, summary.GetProperty("ok").GetInt64());
        Assert.Equal(0, summary.GetProperty("first_offset").GetInt64());
        Assert.Equal(499, summary.GetProperty("last_offset").GetInt64());

        // The same run again publishes nothing new: every id is a duplicate.
        var repeat = await Cli.RunAsync(C, "pub", "load-t", "sample {i}", "--count", "500", "--id", "load", "--json");
        Assert.Equal(499, Assert.Single(repeat.JsonLines).GetProperty("last_offset").GetInt64());

        var payloads = new List<string>();
        for (var from = 0; from < 500; from += 250)
        {
            var page = await Cli.RunAsync(C, "history", "load-t", "--from", from.ToString(System.Globalization.CultureInfo.InvariantCulture), "--limit", "250", "--json");
            payloads.AddRange(page.JsonLines.Select(j => j.GetProperty("payload").GetString()!));
        }

        Assert.Equal(500, payloads.Count);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => $"sample {i}").Order(StringComparer.Ordinal), payloads.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PubCount_WithRate_IsPaced()
    {
        var started = DateTime.UtcNow;
        var run = await Cli.RunAsync(C, "pub", "paced-t", "--count", "20", "--rate", "40");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.StartsWith("20 of 20 published to paced-t", run.Out, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(450), "20 messages at 40/s take at least 475 ms");
    }

    [Fact]
    public async Task HistorySince_SelectsByCommitTime()
    {
        await Cli.RunAsync(C, "pub", "since-t", "old");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var cut = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await Cli.RunAsync(C, "pub", "since-t", "new");

        var since = await Cli.RunAsync(C, "history", "since-t", "--since", cut.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(since.ExitCode == ExitCodes.Ok, since.ToString());
        Assert.Equal("new", Assert.Single(since.JsonLines).GetProperty("payload").GetString());

        var until = await Cli.RunAsync(C, "history", "since-t", "--until", cut.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal("old", Assert.Single(until.JsonLines).GetProperty("payload").GetString());

        var recent = await Cli.RunAsync(C, "history", "since-t", "--since", "1h");
        Assert.Equal(2, recent.OutLines.Length);
    }

    [Fact]
    public async Task StatusOnATerminal_ColoursTheLeader_AndPipedOutputHasNoEscapes()
    {
        var terminal = await Cli.RunAsync(["status", "--servers", Servers], terminal: true);
        Assert.Contains("\u001b[32mleader", terminal.Out, StringComparison.Ordinal);
        var colourless = await Cli.RunAsync(["status", "--servers", Servers], terminal: true, environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        Assert.DoesNotContain("\u001b[", colourless.Out, StringComparison.Ordinal);
        var piped = await Cli.RunAsync(["status", "--servers", Servers]);
        Assert.DoesNotContain("\u001b[", piped.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servers_DefaultToConfigClusterYamlInTheWorkingDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("wiber-cli-config-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "config"));
            var nodes = string.Concat(C.ClientPorts.Select((port, i) => $"  - id: n{i + 1}\n    host: 127.0.0.1\n    client_port: {port}\n    peer_port: 1\n    admin_port: 2\n"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "config", "cluster.yaml"), "cluster_id: t\nnodes:\n" + nodes, TestContext.Current.CancellationToken);
            var run = await Cli.RunAsync(["status", "--json"], directory: directory.FullName);
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            Assert.Equal(C.Servers.Order(StringComparer.Ordinal), run.JsonLines.Select(j => j.GetProperty("server").GetString()!).Order(StringComparer.Ordinal));
            Assert.All(run.JsonLines, j => Assert.Equal(JsonValueKind.Null, j.GetProperty("error").ValueKind));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
