using System.Text;
using Wiber.Broker.Hosting;
using Wiber.Raft;

namespace Wiber.Broker.Tests.Hosting;

public sealed class RaftHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReadOnlyMemory<byte> Command(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Proposals_commit_on_every_node_in_one_order()
    {
        await using var cluster = new TestCluster(3);
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => leader.ProposeAsync(Command($"m{i}"), Ct)));
        Assert.All(outcomes, o => Assert.Equal(ProposalStatus.Committed, o.Status));
        await cluster.WaitUntilAsync(() => cluster.StateMachines.Skip(1).All(sm => sm.Applied.Count == 200), Timeout, "every node applied 200");
        var first = cluster.StateMachines[1].Applied;
        Assert.Equal(first, cluster.StateMachines[2].Applied);
        Assert.Equal(first, cluster.StateMachines[3].Applied);
        Assert.Equal(200, first.Distinct().Count());
    }

    [Fact]
    public async Task The_leader_replicates_while_its_own_fsync_is_stalled_and_two_followers_commit()
    {
        await using var cluster = new TestCluster(3);
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        Assert.Equal(ProposalStatus.Committed, (await leader.ProposeAsync(Command("warm"), Ct)).Status);

        cluster.Disks[leader.Id].Stall();
        var outcome = await leader.ProposeAsync(Command("while-stalled"), Ct).WaitAsync(Timeout, Ct);

        // Committed on the followers' disks alone: the leader's entry is written but not yet durable.
        Assert.Equal(ProposalStatus.Committed, outcome.Status);
        Assert.True(leader.Status.DurableIndex < outcome.Index, $"leader durable {leader.Status.DurableIndex}, entry {outcome.Index}");
        cluster.Disks[leader.Id].Resume();
        await cluster.WaitUntilAsync(() => leader.Status.DurableIndex >= outcome.Index, Timeout, "the leader's fsync catches up");
    }

    [Theory]
    [InlineData("follower")]
    [InlineData("leader")]
    public async Task With_a_follower_cut_off_nothing_is_acknowledged_before_both_remaining_disks_have_it(string stalled)
    {
        // A follower syncing inline stops answering heartbeats while its disk stalls; with the other
        // follower cut off the leader would step down after one election timeout (10 ticks of 20 ms).
        // 2 s of timeout keeps leadership stable through the observation window below.
        await using var cluster = new TestCluster(3, electionTick: 100);
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        Assert.Equal(ProposalStatus.Committed, (await leader.ProposeAsync(Command("warm"), Ct)).Status);
        var followers = cluster.Running.Where(h => h.Id != leader.Id).ToArray();
        var (follower, cutOff) = (followers[0], followers[1]);
        cluster.Isolate(cutOff.Id);
        var disk = cluster.Disks[stalled == "leader" ? leader.Id : follower.Id];
        disk.Stall();

        // The quorum left is the leader and one follower. With the follower's disk stalled it must hold its
        // acknowledgement; with the leader's stalled, the leader must not count its own page-cache copy.
        var pending = leader.ProposeAsync(Command("unsynced"), Ct);
        await cluster.WaitUntilAsync(() => disk.Waiting > 0, Timeout, $"the {stalled} wrote the entry and is syncing it");
        if (stalled == "leader")
        {
            await cluster.WaitUntilAsync(() => follower.Status.DurableIndex >= leader.Status.Raft.LastIndex, Timeout, "the follower's disk has it");
        }
        // Proving that something does not happen takes a window: a wrong commit would need one loop round.
        await Task.Delay(300, Ct);
        Assert.False(pending.IsCompleted, $"acknowledged while the {stalled}'s disk did not have it");

        disk.Resume();
        var outcome = await pending.WaitAsync(Timeout, Ct);
        Assert.Equal(ProposalStatus.Committed, outcome.Status);
    }

    [Fact]
    public async Task A_proposal_that_cannot_commit_is_answered_timed_out_after_the_proposal_timeout()
    {
        // One node: its disk is the whole quorum. A leader's loop never waits for its disk, so it keeps
        // leading (and ticking) while the entry cannot become durable.
        await using var cluster = new TestCluster(1, proposalTimeout: TimeSpan.FromMilliseconds(300));
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        Assert.Equal(ProposalStatus.Committed, (await leader.ProposeAsync(Command("warm"), Ct)).Status);
        cluster.Disks[leader.Id].Stall();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await leader.ProposeAsync(Command("stuck"), Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(ProposalStatus.TimedOut, outcome.Status);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_follower_answers_not_leader_with_a_hint()
    {
        await using var cluster = new TestCluster(3);
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        var follower = cluster.Running.First(h => h.Id != leader.Id);
        await cluster.WaitUntilAsync(() => follower.Status.Raft.Leader == leader.Id, Timeout, "follower knows the leader");
        var outcome = await follower.ProposeAsync(Command("x"), Ct);
        Assert.Equal(ProposalStatus.NotLeader, outcome.Status);
        Assert.Equal(leader.Id, outcome.LeaderId);
    }

    [Fact]
    public async Task Killing_the_leader_elects_another_and_keeps_every_acknowledged_entry()
    {
        await using var cluster = new TestCluster(3);
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        var acknowledged = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var outcome = await leader.ProposeAsync(Command($"before{i}"), Ct);
            Assert.Equal(ProposalStatus.Committed, outcome.Status);
            acknowledged.Add($"before{i}");
        }
        await cluster.StopAsync(leader.Id);
        var next = await cluster.WaitForLeaderAsync(Timeout, except: leader.Id);
        var after = await next.ProposeAsync(Command("after"), Ct);
        Assert.Equal(ProposalStatus.Committed, after.Status);
        acknowledged.Add("after");
        await cluster.WaitUntilAsync(() => cluster.StateMachines[next.Id].Applied.Count >= acknowledged.Count, Timeout, "new leader applied all");
        Assert.Equal(acknowledged, cluster.StateMachines[next.Id].Applied);

        // The old leader comes back from its disk and catches up.
        cluster.Start(leader.Id);
        await cluster.WaitUntilAsync(() => cluster.StateMachines[leader.Id].Applied.Count == acknowledged.Count, Timeout, "restarted node caught up");
        Assert.Equal(acknowledged, cluster.StateMachines[leader.Id].Applied);
    }

    [Fact]
    public async Task A_far_behind_follower_catches_up_from_a_snapshot()
    {
        await using var cluster = new TestCluster(3, snapshotEvery: 20);
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        var lagging = cluster.Running.First(h => h.Id != leader.Id).Id;
        await cluster.StopAsync(lagging);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(ProposalStatus.Committed, (await leader.ProposeAsync(Command($"e{i}"), Ct)).Status);
        }
        Assert.True(leader.Metrics.SnapshotsTaken > 0, "the leader compacted its log");
        cluster.Start(lagging);
        await cluster.WaitUntilAsync(() => cluster.StateMachines[lagging].Applied.Count == 100, Timeout, "lagging node caught up");
        Assert.Equal(cluster.StateMachines[leader.Id].Applied, cluster.StateMachines[lagging].Applied);
        Assert.True(cluster.Host(lagging).Metrics.SnapshotsInstalled > 0, "caught up through InstallSnapshot");
    }

    [Fact]
    public async Task A_linearizable_read_is_confirmed_by_the_leader_and_refused_when_isolated()
    {
        await using var cluster = new TestCluster(3);
        var leader = await cluster.WaitForLeaderAsync(Timeout);
        var committed = await leader.ProposeAsync(Command("x"), Ct);
        var read = await leader.ReadIndexAsync(Ct);
        Assert.True(read.Confirmed);
        Assert.True(read.AppliedIndex >= committed.Index);

        cluster.Isolate(leader.Id);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(2));
        var isolated = await leader.ReadIndexAsync(cts.Token).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : default, TaskScheduler.Default);
        Assert.False(isolated.Confirmed, "an isolated leader must not confirm a read");
    }
}
