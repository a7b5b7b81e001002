namespace Wiber.Checker.Tests;

public sealed class OffsetTests
{
    [Fact]
    public void A_scan_that_skips_offsets_is_a_gap()
    {
        var result = new HistoryBuilder()
            .OkLog("a", "b", "c", "d")
            .Scan("n1", "a", "b", "c", "d")
            .ScanFrom("n2", 0, "s2", "a", "b").ScanFrom("n2", 3, "s2", "d")
            .Check();

        var gap = Expect.Single<GapAnomaly>(result);
        Assert.Equal(("n2", "t", "s2", 1L, 3L, 1L), (gap.Node, gap.Topic, gap.Scan, gap.AfterOffset, gap.NextOffset, gap.Missing));
    }

    [Fact]
    public void A_scan_that_goes_back_or_repeats_is_non_monotonic()
    {
        var result = new HistoryBuilder()
            .OkLog("a", "b", "c")
            .Scan("n1", "a", "b", "c")
            .Read("n1", 1, "b", "final-n1")
            .Check();

        var back = Expect.Single<NonMonotonicAnomaly>(result);
        Assert.Equal(("n1", "final-n1", 2L, 1L), (back.Node, back.Scan, back.PreviousOffset, back.Offset));
    }

    [Fact]
    public void Reads_without_a_scan_may_skip_and_repeat()
    {
        var result = new HistoryBuilder()
            .OkLog("a", "b", "c")
            .Read("n1", 2, "c").Read("n1", 0, "a").Read("n1", 0, "a").Read("n1", 1, "b")
            .Check();

        Expect.Clean(result);
    }

    [Fact]
    public void Separate_scans_on_one_node_are_checked_separately()
    {
        var result = new HistoryBuilder()
            .OkLog("a", "b", "c")
            .ScanFrom("n1", 0, "s1", "a", "b")
            .ScanFrom("n1", 1, "s2", "b", "c")
            .ScanFrom("n1", 0, "s1", "a")
            .Check();

        var back = Expect.Single<NonMonotonicAnomaly>(result);
        Assert.Equal(("s1", 1L, 0L), (back.Scan, back.PreviousOffset, back.Offset));
    }

    [Fact]
    public void An_ack_read_at_another_offset_is_a_mismatch()
    {
        var result = new HistoryBuilder()
            .Ok("a", 0).Ok("b", 1, process: "p2").Unknown("c")
            .Scan("n1", "a", "c", "b").Scan("n2", "a", "c", "b")
            .Check();

        var mismatch = Expect.Single<OffsetMismatchAnomaly>(result);
        Assert.Equal(("b", "p2", 1L, "c"), (mismatch.Id, mismatch.Process, mismatch.AckedOffset, mismatch.ValueAtAckedOffset));
        Assert.Equal([2L], mismatch.ReadOffsets);
    }
}
