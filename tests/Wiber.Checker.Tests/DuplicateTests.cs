namespace Wiber.Checker.Tests;

public sealed class DuplicateTests
{
    [Fact]
    public void An_id_at_two_offsets_on_a_node_is_a_duplicate_with_offsets_nodes_and_outcomes()
    {
        var result = new HistoryBuilder()
            .Ok("x", 0).Ok("y", 1)
            .Scan("n1", "x", "y", "x").Scan("n2", "x", "y", "x").Scan("n3", "x", "y")
            .Check();

        var duplicate = Expect.Single<DuplicateAnomaly>(result);
        Assert.Equal(("t", "x"), (duplicate.Topic, duplicate.Id));
        Assert.Equal([0L, 2L], duplicate.Offsets);
        Assert.Equal(["n1", "n2"], duplicate.Nodes);
        Assert.Equal([PublishOutcome.Ok], duplicate.Outcomes);
    }

    [Fact]
    public void An_unknown_publish_written_twice_is_a_duplicate()
    {
        var result = new HistoryBuilder()
            .Unknown("u").Ok("a", 1)
            .Scan("n1", "u", "a", "u")
            .Check();

        var duplicate = Expect.Single<DuplicateAnomaly>(result);
        Assert.Equal("u", duplicate.Id);
        Assert.Equal([PublishOutcome.Unknown], duplicate.Outcomes);
    }

    [Fact]
    public void A_failed_publish_that_was_written_is_a_violation_naming_where_it_was_seen()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0).Failed("f", process: "p3", error: "ERR NO_QUORUM")
            .Scan("n1", "a", "f").Scan("n2", "a", "f")
            .Check();

        var failed = Expect.Single<FailedWrittenAnomaly>(result);
        Assert.Equal(("f", "p3", "ERR NO_QUORUM"), (failed.Id, failed.Process, failed.Error));
        Assert.Equal([1L], failed.Offsets);
        Assert.Equal(["n1", "n2"], failed.Nodes);
    }

    [Fact]
    public void A_failed_attempt_then_an_ok_retry_of_the_same_id_is_clean()
    {
        var result = new HistoryBuilder()
            .Failed("a").Ok("a", 0)
            .Scan("n1", "a")
            .Check();

        Expect.Clean(result);
    }

    [Fact]
    public void Retries_of_one_id_acknowledged_at_its_original_offset_and_seen_once_are_clean()
    {
        var result = new HistoryBuilder()
            .Unknown("a").Unknown("a").Ok("a", 0).Ok("a", 0, process: "p1")
            .Scan("n1", "a").Scan("n2", "a")
            .Check();

        Expect.Clean(result);
    }

    [Fact]
    public void A_value_nobody_published_is_unexpected()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0)
            .Scan("n1", "a", "ghost").Scan("n2", "a", "ghost")
            .Check();

        var unexpected = Expect.Single<UnexpectedValueAnomaly>(result);
        Assert.Equal(("t", "ghost"), (unexpected.Topic, unexpected.Value));
        Assert.Equal([1L], unexpected.Offsets);
        Assert.Equal(["n1", "n2"], unexpected.Nodes);
    }

    [Fact]
    public void Unknowns_written_once_or_never_are_clean_and_counted()
    {
        var result = new HistoryBuilder()
            .Unknown("u1").Ok("a", 1).Unknown("u2").Unknown("u3")
            .Scan("n1", "u1", "a", "u3")
            .Check();

        Expect.Clean(result);
        var publishes = result.Statistics.Publishes;
        Assert.Equal((3, 2, 1), (publishes.Unknown, publishes.UnknownWritten, publishes.UnknownNotWritten));
    }
}
