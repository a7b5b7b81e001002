using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/05-slow-follower.ps1: lab/README.md's "What you should see" for exercise 05, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise05SlowFollowerTests
{
    /// <summary>The settings the exercise puts in the environment of Start-WiberCluster.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["WIBER_RAFT__SNAPSHOT_EVERY"] = "500",
        ["WIBER_STORAGE__SEGMENT_BYTES"] = "16KiB",
        ["WIBER_RAFT__MAX_INFLIGHT_MSGS"] = "4",
    };

    [Fact]
    public async Task ASlowFollower_FallsThousandsBehind_WithoutSlowingWrites_AndCatchesUpFromASnapshot()
    {
        await using var session = new ModuleSession("05-slow-follower.ps1");
        await session.StartClusterAsync(Settings);
        var leader = await session.WaitLeaderAsync();
        var slow = Text((await session.GetNodesAsync()).First(n => Text(n, "node") != Text(leader, "node")), "node");

        // $slow | Set-WiberLinkLatency -Bandwidth 2
        var fault = (await session.RunAsync(["lab", "slow"], [slow, "--bandwidth", "2"], "Wiber.LabFault")).Json;
        Assert.Equal("slow", Text(fault, "kind"));

        var run = await session.PublishCountAsync("readings", "reading {i}", 3000, "reading");
        Assert.Equal(3000, Number(run, "ok"));

        var behind = NumberOrNull(await session.ServerStatusAsync(slow), "lag");
        Assert.True(behind >= 1000, $"{slow} is {behind} entries behind");

        await session.HealAsync();
        var caughtUp = await WaitAsync(async () => NumberOrNull(await session.ServerStatusAsync(slow), "lag") == 0, TimeSpan.FromSeconds(30));
        Assert.True(caughtUp, $"{slow} caught up after the heal");
        await session.ClusterStatusAsync();

        // Get-WiberNodeLog -Node $slow -Tail 100000 | Select-String -SimpleMatch 'installed snapshot'
        var log = await session.RunAsync(["lab", "logs"], [slow, "--lines", "100000"], text: true);
        var installed = log.OutLines.Where(l => l.Contains("installed snapshot", StringComparison.Ordinal)).ToList();
        Assert.True(installed.Count >= 1, $"{slow} installed a snapshot from the leader; its log:\n{string.Join('\n', log.OutLines.TakeLast(30))}");

        await session.StopClusterAsync();
        session.AssertMirrors();
        TestContext.Current.TestOutputHelper?.WriteLine($"exercise 05: {slow} was {behind} behind; {installed[0]}");
    }
}
