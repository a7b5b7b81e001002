using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/03-minority-partition.ps1: lab/README.md's "What you should see" for exercise 03, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise03MinorityPartitionTests
{
    [Fact]
    public async Task CuttingOffAFollower_LeavesTheMajorityWriting_WithTheSameLeaderAndTerm_AndItCatchesUpAfterTheHeal()
    {
        await using var session = new ModuleSession("03-minority-partition.ps1");
        await session.StartClusterAsync();
        var leader = await session.WaitLeaderAsync();
        var follower = Text((await session.GetNodesAsync()).First(n => Text(n, "node") != Text(leader, "node")), "node");

        var fault = await session.IsolateAsync(follower);
        Assert.Equal("partition", Text(fault, "kind"));

        var run = await session.PublishCountAsync("metrics", "during {i}", 50, "during");
        Assert.Equal(50, Number(run, "ok"));

        var behind = NumberOrNull(await session.ServerStatusAsync(follower), "lag");
        Assert.True(behind >= 50, $"{follower} is {behind} entries behind");
        var still = await session.WaitLeaderAsync();
        Assert.Equal((Text(leader, "node"), Number(leader, "term")), (Text(still, "node"), Number(still, "term")));

        await session.HealAsync();
        var caughtUp = await WaitAsync(async () => NumberOrNull(await session.ServerStatusAsync(follower), "lag") == 0, TimeSpan.FromSeconds(20));
        Assert.True(caughtUp, $"{follower} caught up after the heal");

        await session.StopClusterAsync();
        session.AssertMirrors();
        TestContext.Current.TestOutputHelper?.WriteLine($"exercise 03: {follower} was {behind} entries behind; leader {Text(still, "node")} kept term {Number(still, "term")}");
    }
}
