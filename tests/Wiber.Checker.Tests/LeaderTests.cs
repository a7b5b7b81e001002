namespace Wiber.Checker.Tests;

public sealed class LeaderTests
{
    [Fact]
    public void Two_nodes_leading_one_term_are_flagged_with_when_each_claimed_it()
    {
        var b = new HistoryBuilder()
            .Status("n1", NodeRole.Leader, 2, 5)
            .Status("n1", NodeRole.Leader, 2, 6)
            .Status("n2", NodeRole.Leader, 2, 6)
            .Status("n3", NodeRole.Follower, 2, 6, "n1");
        var result = b.Check();

        var two = Expect.Single<TwoLeadersAnomaly>(result);
        Assert.Equal(2, two.Term);
        Assert.Equal(["n1", "n2"], two.Leaders.Select(l => l.Node));
        var statuses = b.Build().Statuses;
        Assert.Equal((statuses[0].AtMs, statuses[1].AtMs), (two.Leaders[0].FirstAtMs, two.Leaders[0].LastAtMs));
        Assert.Equal(statuses[2].AtMs, two.AtMs);
    }

    [Fact]
    public void One_leader_per_term_and_followers_naming_stale_leaders_are_clean()
    {
        var result = new HistoryBuilder()
            .Status("n1", NodeRole.Leader, 1, 1)
            .Status("n1", NodeRole.Leader, 1, 2)
            .Status("n2", NodeRole.Leader, 2, 3)
            .Status("n3", NodeRole.Follower, 2, 3, "n1")
            .Status("n1", NodeRole.Candidate, 3, 3)
            .Status("n3", NodeRole.Leader, 3, 4)
            .Check();

        Expect.Clean(result);
    }
}
