using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/04-isolate-the-leader.ps1: lab/README.md's "What you should see" for exercise 04, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise04IsolateTheLeaderTests
{
    [Fact]
    public async Task AnIsolatedLeader_StepsDownWithoutRaisingItsTerm_AndOnReturnDoesNotDisruptTheNewLeader()
    {
        await using var session = new ModuleSession("04-isolate-the-leader.ps1");
        await session.StartClusterAsync();
        var before = await session.PublishCountAsync("events", "before {i}", 10, "before");
        var old = await session.WaitLeaderAsync();
        var oldNode = Text(old, "node");
        var oldTerm = Number(old, "term");

        await session.IsolateAsync(oldNode);
        var leader = await session.WaitLeaderAsync(exclude: oldNode, afterTerm: oldTerm);
        Assert.True(Number(leader, "term") > oldTerm);

        var steppedDown = await WaitAsync(async () => TextOrNull(await session.GetNodeAsync(oldNode), "role") != "leader", TimeSpan.FromSeconds(10));
        Assert.True(steppedDown, $"{oldNode} stepped down (CheckQuorum)");
        var during = await session.PublishCountAsync("events", "during {i}", 10, "during");
        var isolated = await session.GetNodeAsync(oldNode);
        Assert.Equal(oldTerm, NumberOrNull(isolated, "term"));
        await session.GetNodesAsync();

        await session.HealAsync();
        // The old leader is back once it follows the current leader's term (PreVote keeps it from disrupting).
        await WaitAsync(async () => await session.GetNodeAsync(oldNode) is var back && TextOrNull(back, "role") == "follower" && NumberOrNull(back, "term") == Number(leader, "term"), TimeSpan.FromSeconds(10));
        var final = await session.WaitLeaderAsync();
        var returned = await session.GetNodeAsync(oldNode);
        await session.GetNodesAsync();
        var history = await session.HistoryFromStartAsync("events");

        Assert.Equal((10L, 10L), (Number(before, "ok"), Number(during, "ok")));
        Assert.Equal((Text(leader, "node"), Number(leader, "term")), (Text(final, "node"), Number(final, "term")));
        Assert.Equal(("follower", Number(leader, "term")), (TextOrNull(returned, "role"), Number(returned, "term")));
        Assert.Equal(20, history.Length);

        await session.StopClusterAsync();
        session.AssertMirrors();
        TestContext.Current.TestOutputHelper?.WriteLine($"exercise 04: {oldNode} isolated in term {oldTerm}, stayed at term {NumberOrNull(isolated, "term")}; {Text(final, "node")} leads term {Number(final, "term")}");
    }
}
