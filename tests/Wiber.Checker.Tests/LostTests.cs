namespace Wiber.Checker.Tests;

public sealed class LostTests
{
    [Fact]
    public void Ack_overwritten_by_another_value_is_lost_with_what_was_there_instead()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0).Ok("b", 1, process: "p2").Unknown("c")
            .Scan("n1", "a", "c").Scan("n2", "a", "c")
            .Check();

        var lost = Expect.Single<LostAnomaly>(result);
        Assert.Equal(("t", "b", 1L, "p2", "c"), (lost.Topic, lost.Id, lost.Offset, lost.Process, lost.ValueAtOffset));
        Assert.Equal(["n1", "n2"], lost.NodesReadPast);
        Assert.Equal(AnomalySeverity.Error, lost.Severity);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Ack_never_read_while_a_node_read_beyond_it_is_lost_even_if_nobody_read_its_offset()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0).Ok("b", 1).Ok("c", 2)
            .Read("n1", 0, "a").Read("n1", 2, "c")
            .Check();

        var lost = Expect.Single<LostAnomaly>(result);
        Assert.Equal("b", lost.Id);
        Assert.Null(lost.ValueAtOffset);
        Assert.Equal(["n1"], lost.NodesReadPast);
    }

    [Fact]
    public void Ack_beyond_every_read_is_only_unverified_and_the_run_stays_valid()
    {
        var result = new HistoryBuilder()
            .OkLog("a", "b", "c", "d", "e", "f")
            .Scan("n1", "a", "b", "c")
            .Check();

        Assert.True(result.IsValid);
        var unverified = result.Anomalies.Cast<UnverifiedAnomaly>().ToList();
        Assert.Equal(["d", "e", "f"], unverified.Select(u => u.Id));
        Assert.All(unverified, u => Assert.Equal(2, u.HighestOffsetRead));
        Assert.All(unverified, u => Assert.Equal(AnomalySeverity.Warning, u.Severity));
        Assert.Equal(3, result.Warnings);
    }

    [Fact]
    public void Ack_on_a_topic_nobody_read_is_unverified_with_no_highest_offset()
    {
        var result = new HistoryBuilder().Ok("a", 0, topic: "other").Scan("n1").Check();

        var unverified = Expect.Single<UnverifiedAnomaly>(result);
        Assert.Equal(("other", "a", 0L), (unverified.Topic, unverified.Id, unverified.Offset));
        Assert.Null(unverified.HighestOffsetRead);
    }

    [Fact]
    public void An_ack_repeated_at_the_same_offset_is_reported_lost_once()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0).Ok("b", 1).Ok("b", 1).Unknown("x")
            .Scan("n1", "a", "x")
            .Check();

        Assert.Equal("b", Expect.Single<LostAnomaly>(result).Id);
    }

    [Fact]
    public void Acks_on_one_topic_are_not_satisfied_by_reads_of_another()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0, topic: "x").Ok("z", 0, topic: "y")
            .Read("n1", 0, "z", topic: "y").Read("n1", 0, "a", topic: "y")
            .Check();

        Assert.Contains(result.Anomalies, a => a is LostAnomaly { Topic: "x" } || a is UnverifiedAnomaly { Topic: "x" });
        Assert.Contains(result.Anomalies, a => a is UnexpectedValueAnomaly { Topic: "y", Value: "a" });
    }
}
