using System.Globalization;
using Wiber.Client;

namespace Wiber.Lab.Tests;

/// <summary>
/// The CLI's promises under hard kills of real node processes: a quick-load publish with ids keeps every
/// message exactly once across two leader crashes, and a subscription resumes on another node with no gap
/// and no duplicate.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CliFailoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PubCount_TenThousandWithIds_WhileTheLeaderIsKilledTwice_HistoryHoldsEachExactlyOnce()
    {
        await using var lab = await TestLab.UpAsync();
        const int Count = 10_000;
        var publishing = CliRun.RunAsync(lab.Root, "pub", "failover", "m {i}", "--count", Count.ToString(CultureInfo.InvariantCulture), "--id", "run", "--timeout", "30", "--json");

        foreach (var threshold in new[] { 2_000, 6_000 })
        {
            var leader = await lab.WaitForLeaderAsync(s => s.CommitIndex >= threshold || publishing.IsCompleted);
            Assert.False(publishing.IsCompleted, "the publish finished before the kills: make the run longer");
            await lab.Controller.NodeAsync("kill", leader.Id, Ct);
            await lab.WaitForLeaderAsync(s => s.Id != leader.Id);
            await lab.Controller.NodeAsync("start", leader.Id, Ct);
        }

        var run = await publishing;
        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = Assert.Single(run.JsonLines);
        Assert.Equal(Count, summary.GetProperty("ok").GetInt64());

        await using var client = await lab.ConnectAsync();
        var messages = await TestLab.ReadAllAsync(client, "failover");
        var texts = messages.Select(m => m.Text).ToList();
        Assert.Equal(Count, texts.Count);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => $"m {i}").Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
        var kills = lab.Controller.Events().Count(e => e.Kind == "kill");
        Assert.Equal(2, kills);
    }

    [Fact]
    public async Task Sub_AcrossTheKillOfItsNode_SeesNoGapAndNoDuplicate()
    {
        await using var lab = await TestLab.UpAsync();
        const int Count = 3_000;
        var first = lab.State.Nodes[0].Id;
        var servers = lab.State.Nodes.Select(n => lab.ClientServer(n.Id)).ToList();   // n1 first: the subscription starts there
        var subscribing = CliRun.RunAsync(lab.Root, "sub", "resume", "--from", "0", "--count", Count.ToString(CultureInfo.InvariantCulture), "--json", "--timeout", "30", "--servers", string.Join(',', servers));

        await using var client = await lab.ConnectAsync();
        for (var i = 0; i < Count; i++)
        {
            if (i == Count / 2)
            {
                await lab.Controller.NodeAsync("kill", first, Ct);
            }

            var result = await client.PublishAsync("resume", $"r{i}", $"r{i}", Ct);
            Assert.True(result.Outcome == PublishOutcome.Ok, $"{result.MessageId}: {result.Outcome} {result.Error}");
        }

        var run = await subscribing.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.True(run.ExitCode == 0, run.ToString());
        var offsets = run.JsonLines.Select(j => j.GetProperty("offset").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), offsets);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"r{i}"), run.JsonLines.Select(j => j.GetProperty("payload").GetString()));
    }
}

/// <summary>The one exit code that needs a cluster in a bad state: an answer that never came.</summary>
[Collection(LabCollection.Name)]
public sealed class CliUnknownOutcomeTests
{
    [Fact]
    public async Task APublishTheLeaderCannotCommit_EndsUnknown_WithExitSix_AndSaysHowToFindOut()
    {
        await using var lab = await TestLab.UpAsync();
        var leader = await lab.WaitForLeaderAsync();
        foreach (var follower in lab.State.Nodes.Where(n => n.Id != leader.Id))
        {
            await lab.Controller.NodeAsync("pause", follower.Id, TestContext.Current.CancellationToken);
        }

        // Only the leader is reachable: it takes the message but can never commit it, then loses leadership.
        var run = await CliRun.RunAsync(lab.Root, "pub", "limbo", "maybe", "--id", "limbo-1", "--timeout", "3", "--json", "--servers", lab.ClientServer(leader.Id));
        run.AssertFailed(6, "may or may not be written");
        var json = Assert.Single(run.JsonLines);
        Assert.Equal("unknown", json.GetProperty("outcome").GetString());
        Assert.Equal("limbo-1", json.GetProperty("message_id").GetString());
    }
}
