using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/01-first-cluster.ps1: lab/README.md's "What you should see" for exercise 01, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise01FirstClusterTests
{
    [Fact]
    public async Task AFirstCluster_HasOneLeader_AndReadsBackWhatWasPublished_InOrder_WithTheRetriedIdOnce()
    {
        await using var session = new ModuleSession("01-first-cluster.ps1");

        var cluster = await session.StartClusterAsync();
        Assert.True(cluster.GetProperty("time_to_leader_ms").GetDouble() < 10_000, cluster.ToString());

        var nodes = await session.GetNodesAsync();
        Assert.Equal(3, nodes.Length);
        Assert.All(nodes, n => Assert.Equal("running", Text(n, "state")));
        Assert.Single(nodes, n => TextOrNull(n, "role") == "leader");

        // 'hello', 'from', 'PowerShell' | Publish-WiberMessage -Topic chat: one pub per string, in order.
        foreach (var message in new[] { "hello", "from", "PowerShell" })
        {
            Assert.Equal("ok", Text(await session.PublishAsync("chat", message), "outcome"));
        }

        var first = await session.PublishAsync("chat", "order 42 paid", "order-42");
        var again = await session.PublishAsync("chat", "order 42 paid", "order-42");
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(Number(first, "offset"), Number(again, "offset"));

        string[] expected = ["hello", "from", "PowerShell", "order 42 paid"];
        var history = await session.HistoryFromStartAsync("chat");
        Assert.Equal(expected, history.Select(m => Text(m, "payload")));
        Assert.Equal([0L, 1, 2, 3], history.Select(m => Number(m, "offset")));

        // Receive-WiberMessage -Topic chat -From 0 -Count 4
        var received = (await session.RunAsync(["sub"], ["chat", "--from", "0", "--count", "4"], "Wiber.Message")).JsonLines;
        Assert.Equal(expected, received.Select(m => Text(m, "payload")));

        await session.StopClusterAsync();
        session.AssertMirrors();
    }
}
