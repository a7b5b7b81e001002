using System.Diagnostics;
using Wiber.Client;
using Wiber.Lab.Processes;
using Wiber.Lab.State;

namespace Wiber.Lab.Tests;

/// <summary>The lab against a real 3-node process cluster: faults do what they say, and healing restores one leader with nothing lost.</summary>
[Collection(LabCollection.Name)]
public sealed class LabScenarioTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task PublishAsync(WiberClient client, string topic, string prefix, int count)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.PublishAsync(topic, $"{prefix}-{i}", $"{prefix}-{i}", Ct)));
        Assert.All(results, r => Assert.True(r.Outcome == PublishOutcome.Ok, $"{r.MessageId}: {r.Outcome} {r.Error}"));
    }

    [Fact]
    public async Task IsolatingTheLeader_TheMajorityElectsAnotherAndKeepsWriting_TheOldLeaderStepsDown_HealingLosesNothing()
    {
        await using var lab = await TestLab.UpAsync();
        await using var client = await lab.ConnectAsync();
        await PublishAsync(client, "iso", "before", 20);
        var old = await lab.WaitForLeaderAsync();

        await lab.Controller.PartitionAsync([old.Id], oneWay: false, reset: false, Ct);
        var majority = await lab.WaitForLeaderAsync(s => s.Id != old.Id && s.Term > old.Term);
        await PublishAsync(client, "iso", "during", 20);
        await TestLab.EventuallyAsync(async () => (await lab.StatusAsync(old.Id))?.Role != "leader", $"{old.Id} steps down (CheckQuorum)");

        await lab.Controller.HealAsync(Ct);
        await TestLab.EventuallyAsync(
            async () =>
            {
                var all = await Task.WhenAll(lab.State.Nodes.Select(n => lab.StatusAsync(n.Id)));
                return all.All(s => s is not null) && all.Count(s => s!.Role == "leader") == 1 && all.Select(s => s!.CommitIndex).Distinct().Count() == 1;
            },
            "one leader and every node at the same commit index");

        var messages = await TestLab.ReadAllAsync(client, "iso");
        var texts = messages.Select(m => m.Text).ToList();
        Assert.Equal(40, texts.Count);
        Assert.Equal(40, texts.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), messages.Select(m => m.Offset));
        Assert.True(majority.Term > old.Term);
    }

    [Fact]
    public async Task ASlowedLink_ShowsAsReplicationLag_AndHealingClearsIt()
    {
        await using var lab = await TestLab.UpAsync();
        await using var client = await lab.ConnectAsync();
        var leader = await lab.WaitForLeaderAsync();
        var follower = lab.State.Nodes.First(n => n.Id != leader.Id).Id;
        await lab.Controller.SlowAsync($"{leader.Id}:{follower}", latency: null, jitter: null, bandwidthKbps: 2, Ct);

        var payload = new string('x', 2000);
        var publishing = Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.PublishAsync("slow", payload, $"slow-{i}", Ct)));
        long maxLag = 0;
        await TestLab.EventuallyAsync(
            async () =>
            {
                var lag = (await lab.StatusAsync(leader.Id))?.Peers.FirstOrDefault(p => p.Id == follower)?.Lag ?? 0;
                maxLag = Math.Max(maxLag, lag);
                return maxLag >= 10;
            },
            $"{follower} lags behind {leader.Id} by 10 entries");
        await publishing;   // the third node makes the majority: writes are not held up by the slow one

        await lab.Controller.HealAsync(Ct);
        await TestLab.EventuallyAsync(async () => (await lab.StatusAsync(leader.Id))?.Peers.FirstOrDefault(p => p.Id == follower)?.Lag == 0, "the lag is gone after heal");
    }

    [Fact]
    public async Task KillAndStartAFollower_ItCatchesUp_PauseAndResumeTheLeader_ItStepsDown()
    {
        await using var lab = await TestLab.UpAsync();
        await using var client = await lab.ConnectAsync();
        var leader = await lab.WaitForLeaderAsync();
        var follower = lab.State.Nodes.First(n => n.Id != leader.Id);

        var killed = await lab.Controller.NodeAsync("kill", follower.Id, Ct);
        Assert.Equal(("running", "killed", true), (killed.Before, killed.After, killed.Changed));
        Assert.False(LabProcess.IsAlive(follower.Pid, follower.ProcessStartedAt));
        await PublishAsync(client, "life", "while-down", 50);
        var started = await lab.Controller.NodeAsync("start", follower.Id, Ct);
        Assert.NotEqual(follower.Pid, started.Pid);
        var again = await lab.Controller.NodeAsync("start", follower.Id, Ct);
        Assert.False(again.Changed);
        await TestLab.EventuallyAsync(
            async () => (await lab.StatusAsync(follower.Id))?.CommitIndex >= (await lab.StatusAsync(leader.Id))?.CommitIndex,
            $"{follower.Id} catches up");

        await lab.Controller.NodeAsync("pause", leader.Id, Ct);
        var (_, paused) = await lab.Controller.StatusAsync(Ct);
        Assert.Equal("paused", paused.Single(n => n.Node == leader.Id).State);
        var successor = await lab.WaitForLeaderAsync(s => s.Id != leader.Id);
        await lab.Controller.NodeAsync("resume", leader.Id, Ct);
        await TestLab.EventuallyAsync(async () => (await lab.StatusAsync(leader.Id)) is { Role: "follower" } s && s.Term >= successor.Term, $"{leader.Id} returns as a follower");
        await PublishAsync(client, "life", "after", 10);
    }

    [Fact]
    public async Task AOneWayPartition_DoesNotCauseAnElectionStorm()
    {
        await using var lab = await TestLab.UpAsync();
        var leader = await lab.WaitForLeaderAsync();
        var deaf = lab.State.Nodes.First(n => n.Id != leader.Id).Id;
        var others = string.Join(',', lab.State.Nodes.Where(n => n.Id != deaf).Select(n => n.Id));

        // The others can no longer send to the deaf node; it still sends. It stops hearing the leader, so its
        // election timer fires again and again, but PreVote asks first and the others, who hear a leader, say no.
        await lab.Controller.PartitionAsync([others], oneWay: true, reset: false, Ct);

        // "Nothing happens" can only be watched over a window: about ten fast election timeouts, polled so
        // that a new term fails the test the moment it appears.
        var window = Stopwatch.StartNew();
        while (window.Elapsed < TimeSpan.FromSeconds(3))
        {
            var current = await lab.WaitForLeaderAsync();
            Assert.Equal((leader.Id, leader.Term), (current.Id, current.Term));
            Assert.Equal(leader.Term, (await lab.StatusAsync(deaf))?.Term);
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Down_LeavesNoProcessBehind()
    {
        var lab = await TestLab.UpAsync();
        var state = lab.State;
        var pids = state.Nodes.Select(n => (n.Pid, n.ProcessStartedAt)).Append((state.Proxy.Pid, state.Proxy.ProcessStartedAt)).ToList();
        Assert.All(pids, p => Assert.True(LabProcess.IsAlive(p.Pid, p.ProcessStartedAt)));
        await lab.DisposeAsync();
        // Gone, or a zombie waiting for its parent (init here) to reap it: either way nothing runs.
        Assert.All(pids, p => Assert.True(!File.Exists($"/proc/{p.Pid}/stat") || LabProcess.IsZombie(p.Pid!.Value), $"process {p.Pid} still runs"));
    }

    [Fact]
    public async Task ACrashedLab_IsShownAsCrashed_RefusedByUp_AndCleanedByDown()
    {
        await using var lab = await TestLab.UpAsync();
        var state = lab.State;
        foreach (var pid in state.Nodes.Select(n => n.Pid!.Value).Append(state.Proxy.Pid!.Value))
        {
            Signals.Send(pid, Signals.Kill);
        }

        await TestLab.EventuallyAsync(
            async () => (await Task.WhenAll(state.Nodes.Select(n => lab.Controller.IsAliveAsync(state, n, Ct)))).All(alive => !alive),
            "every process is gone");
        var (_, nodes) = await lab.Controller.StatusAsync(Ct);
        Assert.All(nodes, n => Assert.Equal("crashed", n.State));

        var refused = await Assert.ThrowsAsync<LabException>(() => lab.Controller.UpAsync(new LabUpOptions(), Ct));
        Assert.Equal(LabErrorKind.AlreadyRunning, refused.Kind);
        Assert.Contains("crashed", refused.Message, StringComparison.Ordinal);

        var down = await lab.Controller.DownAsync(Ct);
        Assert.All(down, c => Assert.Equal("crashed", c.Before));
        Assert.False(lab.Directory.Exists);
        Assert.Equal("down", lab.Controller.Events()[^1].Kind);
    }
}

[CollectionDefinition(Name)]
public sealed class LabCollection
{
    /// <summary>Process labs run one at a time: two clusters racing for 2 cores make elections flaky.</summary>
    public const string Name = "process labs";
}

/// <summary>A lab directory used again: the old run is kept aside, the new lab comes up clean.</summary>
[Collection(LabCollection.Name)]
public sealed class LabReuseTests
{
    [Fact]
    public async Task UpAfterDown_InTheSameDirectory_StartsANewClusterAndKeepsTheOldRunInPrevious()
    {
        await using var lab = await TestLab.UpAsync();
        await lab.Controller.DownAsync(TestContext.Current.CancellationToken);
        var again = await lab.Controller.UpAsync(new LabUpOptions { Timings = LabTimings.Fast }, TestContext.Current.CancellationToken);
        Assert.NotNull(again.Leader);
        Assert.True(Directory.Exists(Path.Combine(lab.Directory.Path, "previous", "nodes")));
        Assert.Equal(["up"], lab.Controller.Events().Select(e => e.Kind));
    }
}
