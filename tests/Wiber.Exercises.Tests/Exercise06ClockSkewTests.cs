using static Wiber.Exercises.Tests.ModuleSession;

namespace Wiber.Exercises.Tests;

/// <summary>The twin of lab/06-clock-skew.ps1: lab/README.md's "What you should see" for exercise 06, asserted.</summary>
[Collection(ProcessLabs.Name)]
public sealed class Exercise06ClockSkewTests
{
    [Fact]
    public async Task ASkewedClock_ShowsInTheStatus_AndALeaderClockGoingBack_KeepsOffsetsAndHybridTimestampsRisingTogether()
    {
        await using var session = new ModuleSession("06-clock-skew.ps1");
        await session.StartClusterAsync();
        var leader = Text(await session.WaitLeaderAsync(), "node");
        var follower = Text((await session.GetNodesAsync()).First(n => Text(n, "node") != leader), "node");
        Assert.Equal(5, Number(await session.PublishCountAsync("clock", "before {i}", 5, "before"), "ok"));

        // Set-WiberClockSkew -Node $follower -Offset '+800ms' → the module sends '-- +800ms'
        var skew = (await session.RunAsync(["lab", "skew"], [follower, "--", "+800ms"], "Wiber.NodeChange")).Json;
        Assert.Equal("800ms", Text(skew, "after"));
        double? seen = null;
        var shown = await WaitAsync(
            async () =>
            {
                seen = DoubleOrNull(await session.ServerStatusAsync(follower), "clock_offset_ms");
                return seen is >= 500 and <= 1100;
            },
            TimeSpan.FromSeconds(10));
        Assert.True(shown, $"{follower}'s clock offset shown near +800 ms, last seen {seen}");
        await session.ClusterStatusAsync();

        // -Offset '-3s' → '-- -3000ms': the '--' lets the negative offset through
        var back = (await session.RunAsync(["lab", "skew"], [leader, "--", "-3000ms"], "Wiber.NodeChange")).Json;
        Assert.Equal("-3000ms", Text(back, "after"));
        Assert.Equal(5, Number(await session.PublishCountAsync("clock", "after {i}", 5, "after"), "ok"));

        var history = await session.HistoryFromStartAsync("clock");
        Assert.Equal(10, history.Length);
        var stamps = history.Select(m => Text(m, "hybrid_ts").Split('.')).Select(p => (Ms: long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), Logical: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        for (var i = 1; i < history.Length; i++)
        {
            Assert.Equal(Number(history[i - 1], "offset") + 1, Number(history[i], "offset"));
            Assert.True(stamps[i].CompareTo(stamps[i - 1]) > 0, $"hybrid timestamps rise: {Text(history[i - 1], "hybrid_ts")} then {Text(history[i], "hybrid_ts")}");
        }

        await session.StopClusterAsync();
        session.AssertMirrors();
        TestContext.Current.TestOutputHelper?.WriteLine($"exercise 06: offset shown {seen} ms; stamps {string.Join(' ', history.Select(m => Text(m, "hybrid_ts")))}");
    }
}
