namespace Wiber.Checker.Tests;

public sealed class DivergenceTests
{
    [Fact]
    public void Nodes_disagreeing_on_an_offset_is_divergence_listing_each_node_and_value()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0).Ok("b", 1).Unknown("c")
            .Scan("n1", "a", "b").Scan("n2", "a", "c").Scan("n3", "a", "b")
            .Check();

        var divergence = Expect.Single<DivergenceAnomaly>(result);
        Assert.Equal(("t", 1L), (divergence.Topic, divergence.Offset));
        Assert.Equal([("n1", "b"), ("n2", "c"), ("n3", "b")], divergence.Values.Select(v => (v.Node, v.Value)));
        var secondValueRead = result.Anomalies[0].AtMs;
        Assert.Equal(divergence.Values.Single(v => v.Node == "n2").FirstReadAtMs, secondValueRead);
    }

    [Fact]
    public void One_node_re_reading_an_offset_with_another_value_is_divergence()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0).Unknown("b")
            .Read("n1", 0, "a", "sub-1")
            .Read("n1", 0, "b", "sub-2")
            .Check();

        var divergence = Expect.Single<DivergenceAnomaly>(result);
        Assert.Equal([("n1", "a"), ("n1", "b")], divergence.Values.Select(v => (v.Node, v.Value)));
    }

    [Fact]
    public void Re_reads_after_reconnect_with_the_same_values_are_clean()
    {
        var result = new HistoryBuilder()
            .OkLog("a", "b", "c", "d")
            .ScanFrom("n2", 0, "sub-1", "a", "b", "c")
            .ScanFrom("n2", 1, "sub-2", "b", "c", "d")
            .Read("n2", 2, "c")
            .Scan("n1", "a", "b", "c", "d")
            .Check();

        Expect.Clean(result);
    }

    [Fact]
    public void Nodes_reading_logs_of_different_length_are_clean()
    {
        var result = new HistoryBuilder()
            .OkLog("a", "b", "c", "d")
            .Scan("n1", "a", "b", "c", "d").Scan("n2", "a", "b").Scan("n3", "a")
            .Check();

        Expect.Clean(result);
    }
}
