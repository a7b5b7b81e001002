namespace Wiber.Checker.Tests;

public sealed class RecoveryTests
{
    [Fact]
    public void Recovery_is_the_first_ack_of_a_publish_invoked_after_the_heal()
    {
        var b = new HistoryBuilder();
        b.At(0).Event("partition", "n1").At(1_000).Event("heal");
        b.At(900).Ok("before", 0, durationMs: 500);
        b.At(1_200).Ok("after", 1, process: "p2", durationMs: 50);
        b.At(1_300).Ok("later", 2, durationMs: 10);
        b.At(20_000).Scan("n1", "before", "after", "later");
        var result = b.Check();

        Expect.Clean(result);
        var r = Assert.Single(result.Recoveries);
        Assert.Equal(HistoryBuilder.T0 + 1_000, r.HealAtMs);
        Assert.Equal(("after", "t", 250L, 250L), (r.FirstAckId, r.FirstAckTopic, r.AckAfterMs, r.RecoveryMs));
        Assert.Equal(RecoveryStatus.Recovered, r.Status);
        Assert.Null(r.FirstCommitAtMs);
    }

    [Fact]
    public void A_node_catching_up_is_not_a_new_commit_but_a_higher_index_is()
    {
        var b = new HistoryBuilder();
        b.At(500).Status("n1", NodeRole.Leader, 3, 10);
        b.At(600).Status("n2", NodeRole.Follower, 3, 7);
        b.At(1_000).Event("heal");
        b.At(1_100).Status("n2", NodeRole.Follower, 3, 10);
        b.At(1_300).Status("n2", NodeRole.Follower, 3, 11);
        b.At(1_400).Status("n1", NodeRole.Leader, 3, 12);
        b.At(15_000).Status("n1", NodeRole.Leader, 3, 12);
        var result = b.Check();

        Expect.Clean(result);
        var r = Assert.Single(result.Recoveries);
        Assert.Equal(("n2", 11L, 300L, 300L), (r.FirstCommitNode, r.FirstCommitIndex, r.CommitAfterMs, r.RecoveryMs));
        Assert.Null(r.FirstAckAtMs);
    }

    [Fact]
    public void No_commit_within_the_limit_is_a_liveness_failure()
    {
        var b = new HistoryBuilder();
        b.At(0).Status("n1", NodeRole.Leader, 1, 5);
        b.At(1_000).Event("heal");
        b.At(12_000).Status("n1", NodeRole.Leader, 1, 5);
        var result = b.Check();

        var none = Expect.Single<NoRecoveryAnomaly>(result);
        Assert.Equal((HistoryBuilder.T0 + 1_000, 10_000L, (long?)null), (none.HealAtMs, none.LimitMs, none.RecoveredAfterMs));
        Assert.Equal(RecoveryStatus.None, Assert.Single(result.Recoveries).Status);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void A_commit_after_the_limit_is_late_and_a_liveness_failure()
    {
        var b = new HistoryBuilder();
        b.At(1_000).Event("heal");
        b.At(13_000).Ok("a", 0, durationMs: 10);
        b.At(14_000).Scan("n1", "a");
        var result = b.Check();

        var late = Expect.Single<NoRecoveryAnomaly>(result);
        Assert.Equal(12_010L, late.RecoveredAfterMs);
        Assert.Equal(RecoveryStatus.Late, Assert.Single(result.Recoveries).Status);
    }

    [Fact]
    public void The_limit_is_configurable()
    {
        var b = new HistoryBuilder();
        b.At(1_000).Event("heal");
        b.At(1_200).Ok("a", 0, durationMs: 50);
        b.At(2_000).Scan("n1", "a");

        Expect.Clean(b.Check());
        var late = Expect.Single<NoRecoveryAnomaly>(b.Check(new CheckOptions { RecoveryLimitMs = 100 }));
        Assert.Equal(250L, late.RecoveredAfterMs);
    }

    [Fact]
    public void A_history_that_ends_too_soon_after_a_heal_is_only_a_warning()
    {
        var b = new HistoryBuilder();
        b.At(0).Ok("a", 0);
        b.At(1_000).Event("heal");
        b.At(1_500).Scan("n1", "a");
        var result = b.Check();

        Assert.True(result.IsValid);
        var unobserved = Expect.Single<RecoveryUnobservedAnomaly>(result);
        Assert.Equal(HistoryBuilder.T0 + 1_500, unobserved.HistoryEndAtMs);
        Assert.Equal(RecoveryStatus.Unobserved, Assert.Single(result.Recoveries).Status);
    }

    [Fact]
    public void Each_heal_gets_its_own_recovery_in_time_order()
    {
        var b = new HistoryBuilder();
        b.At(5_000).Event("heal");
        b.At(1_000).Event("heal");
        b.At(1_100).Ok("a", 0, durationMs: 100);
        b.At(5_050).Ok("b", 1, durationMs: 20);
        b.At(30_000).Scan("n1", "a", "b");
        var result = b.Check();

        Expect.Clean(result);
        Assert.Equal([200L, 70L], result.Recoveries.Select(r => r.RecoveryMs!.Value));
        Assert.Equal(2, result.Statistics.Heals);
    }
}
