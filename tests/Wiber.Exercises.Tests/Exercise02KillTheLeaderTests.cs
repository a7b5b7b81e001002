using System.Diagnostics;
using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/02-kill-the-leader.ps1: lab/README.md's "What you should see" for exercise 02, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise02KillTheLeaderTests
{
    [Fact]
    public async Task KillingTheLeader_ElectsAnotherInANewerTerm_AndLosesNoAcknowledgedMessage()
    {
        await using var session = new ModuleSession("02-kill-the-leader.ps1");
        await session.StartClusterAsync();
        var before = await session.PublishCountAsync("orders", "before {i}", 20, "before");
        Assert.Equal(20, Number(before, "ok"));

        var old = await session.WaitLeaderAsync();
        var oldNode = Text(old, "node");
        var killed = await session.NodeAsync("kill", oldNode);
        Assert.Equal("killed", Text(killed, "after"));
        var clock = Stopwatch.StartNew();

        var leader = await session.WaitLeaderAsync(exclude: oldNode, afterTerm: Number(old, "term"));
        var failover = clock.Elapsed;
        Assert.NotEqual(oldNode, Text(leader, "node"));
        Assert.True(Number(leader, "term") > Number(old, "term"));
        Assert.True(failover < TimeSpan.FromSeconds(5), $"failover took {failover}");
        await session.GetNodesAsync();

        var after = await session.PublishCountAsync("orders", "after {i}", 20, "after");
        Assert.Equal(20, Number(after, "ok"));

        Assert.Equal("running", Text(await session.NodeAsync("start", oldNode), "after"));
        var caughtUp = await WaitAsync(
            async () => await session.ServerStatusAsync(oldNode) is var s && TextOrNull(s, "role") == "follower" && NumberOrNull(s, "lag") == 0,
            TimeSpan.FromSeconds(20));
        Assert.True(caughtUp, $"{oldNode} came back as a follower with no lag");

        var history = await session.HistoryFromStartAsync("orders");
        var expected = Enumerable.Range(1, 20).Select(i => $"before {i}").Concat(Enumerable.Range(1, 20).Select(i => $"after {i}"));
        Assert.Equal(expected, history.Select(m => Text(m, "payload")));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), history.Select(m => Number(m, "offset")));

        await session.StopClusterAsync();
        session.AssertMirrors();
        TestContext.Current.TestOutputHelper?.WriteLine($"exercise 02: {oldNode} killed in term {Number(old, "term")}, {Text(leader, "node")} leads term {Number(leader, "term")} after {failover.TotalMilliseconds:0} ms");
    }
}
