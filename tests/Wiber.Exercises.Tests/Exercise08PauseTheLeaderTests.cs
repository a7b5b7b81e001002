using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/08-pause-the-leader.ps1: lab/README.md's "What you should see" for exercise 08, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise08PauseTheLeaderTests
{
    [Fact]
    public async Task APausedLeader_IsReplaced_AndWakesUpAsAFollowerOfTheNewerTerm_WithNothingLostOrDoubled()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the process backend cannot pause nodes on Windows");
        await using var session = new ModuleSession("08-pause-the-leader.ps1");
        await session.StartClusterAsync();
        Assert.Equal(10, Number(await session.PublishCountAsync("jobs", "before {i}", 10, "before"), "ok"));
        var old = await session.WaitLeaderAsync();
        var oldNode = Text(old, "node");

        Assert.Equal("paused", Text(await session.NodeAsync("pause", oldNode), "after"));
        Assert.Equal("paused", Text(await session.GetNodeAsync(oldNode), "state"));

        var leader = await session.WaitLeaderAsync(exclude: oldNode, afterTerm: Number(old, "term"));
        Assert.Equal(10, Number(await session.PublishCountAsync("jobs", "during {i}", 10, "during"), "ok"));
        await session.GetNodesAsync();

        Assert.Equal("running", Text(await session.NodeAsync("resume", oldNode), "after"));
        var follows = await WaitAsync(
            async () => await session.GetNodeAsync(oldNode) is var n && TextOrNull(n, "role") == "follower" && NumberOrNull(n, "term") >= Number(leader, "term"),
            TimeSpan.FromSeconds(15));
        Assert.True(follows, $"{oldNode} follows term {Number(leader, "term")} after waking");
        await session.GetNodesAsync();

        var history = await session.HistoryFromStartAsync("jobs");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"before {i}").Concat(Enumerable.Range(1, 10).Select(i => $"during {i}")), history.Select(m => Text(m, "payload")));

        await session.StopClusterAsync();
        session.AssertMirrors();
        TestContext.Current.TestOutputHelper?.WriteLine($"exercise 08: {oldNode} paused in term {Number(old, "term")}; {Text(leader, "node")} led term {Number(leader, "term")}");
    }
}
